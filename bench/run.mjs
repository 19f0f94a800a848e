#!/usr/bin/env node
// `npm run bench`: whole-process benchmarks of the respmatrix CLI, printed as a table.
// Usage: node bench/run.mjs [--runs N] [--json] [--offerings N]... [name-filter]
// (`--offerings N` picks the sizes of the scale bench, bench/scale.mjs; default 3, 100, 1000)
// Adding a benchmark = one entry in BENCHMARKS: a name, an optional setup that prepares a
// content folder, and the CLI arguments to time.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusContent } from './helpers/fixtures.mjs';
import { measure } from './helpers/measure.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'respmatrix.js');

const BENCHMARKS = [
  {
    name: 'check: shipped content',
    args: () => [bin, 'check', '--content', path.join(repo, 'content')],
  },
  {
    name: 'check: whole corpus',
    setup: async (tmp) => {
      const dir = path.join(tmp, 'corpus');
      const info = await corpusContent(repo, dir);
      return { dir, note: `${info.sources} sources, ${info.keywords} keyrefs` };
    },
    args: ({ dir }) => [bin, 'check', '--content', dir],
  },
  {
    // The shipped site, whole process; the notes give the content pipeline and the asset build apart.
    name: 'build: shipped site',
    setup: async (tmp) => ({ out: path.join(tmp, 'shipped-dist') }),
    args: ({ out }) => [bin, 'build', '--content', path.join(repo, 'content'), '--out', out, '--quiet', '--timings'],
    note: (output) => /Timings \(ms\): (.*)/.exec(output)?.[1] ?? '',
  },
  {
    // What any Node process costs here before respmatrix runs: the floor under the line above.
    name: 'build floor: node -e 0',
    args: () => ['-e', '0'],
    note: () => (process.env['NODE_EXTRA_CA_CERTS'] ? 'NODE_EXTRA_CA_CERTS is set: Node reads that certificate bundle at every start' : ''),
  },
  // Build time, output size, dev reload and search at 3/100/1,000 offerings: bench/scale.mjs (below).
];

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    offerings: { type: 'string', multiple: true },
  },
  allowPositionals: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a positive whole number');
  process.exit(2);
}
const filter = positionals[0]?.toLowerCase();

const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-bench-'));
const results = [];
try {
  for (const bench of BENCHMARKS) {
    if (filter && !bench.name.toLowerCase().includes(filter)) continue;
    const prepared = bench.setup ? await bench.setup(tmp) : {};
    const result = await measure(bench.args(prepared), { runs, cwd: repo });
    const note = bench.note ? bench.note(result.output) : prepared.note;
    results.push({ name: bench.name, note: note ?? '', ...result });
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

if (!values.json && results.length > 0) printTable(results);

// The shipped site: stage times with caches off, and compressed weight per page type (bench/site.mjs).
let siteFigures;
if (!filter || 'site pages'.includes(filter) || filter.startsWith('site')) {
  const { benchSiteBuild, formatSiteBench } = await import('./site.mjs');
  siteFigures = await benchSiteBuild({ runs });
  if (!values.json) console.log(`\n${formatSiteBench(siteFigures)}`);
}

// Scale: build, cache, dev reload and search at synthetic sizes (bench/scale.mjs). A failure
// there is reported without losing the figures above.
let scale = [];
let failed = false;
if (!filter || 'scale'.includes(filter) || filter.startsWith('scale')) {
  const { benchScale, formatScale, DEFAULT_SIZES } = await import('./scale.mjs');
  const sizes = values.offerings?.map(Number) ?? DEFAULT_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('--offerings takes a positive whole number');
    process.exit(2);
  }
  try {
    scale = await benchScale({ sizes, log: (line) => console.error(line) });
    if (!values.json) console.log(`\n${formatScale(scale)}`);
  } catch (error) {
    failed = true;
    console.error(`\nscale bench failed: ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

// Build speed against the targets: side by side with Eleventy at 100 and 1,000 offerings, a
// rebuild after one edit, the dev server's reload, and 5,000 offerings cold (bench/speed.mjs).
let speed;
if (!filter || 'speed'.includes(filter) || filter.startsWith('speed')) {
  const { benchSpeed, formatSpeed } = await import('./speed.mjs');
  try {
    speed = await benchSpeed({ runs: Math.min(runs, 3), log: (line) => console.error(line) });
    if (!values.json) console.log(`\n${formatSpeed(speed)}`);
  } catch (error) {
    failed = true;
    console.error(`\nspeed bench failed: ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

// Page weight: largest page, home page, a first search query and /compare/ for two offerings at
// 3, 100, 1,000 and 5,000 synthetic offerings, one build each (bench/weight.mjs).
let weight = [];
if (!filter || 'weight'.includes(filter) || filter.startsWith('weight')) {
  const { benchWeight, formatWeight, WEIGHT_SIZES } = await import('./weight.mjs');
  try {
    weight = await benchWeight({ sizes: values.offerings?.map(Number) ?? WEIGHT_SIZES, log: (line) => console.error(line) });
    if (!values.json) console.log(`\n${formatWeight(weight)}`);
  } catch (error) {
    failed = true;
    console.error(`\nweight bench failed: ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

// Search answer in Chromium at 5,000 offerings: time from the last index part arriving to the
// results in the page (bench/search-answer.mjs, its own process: it builds its own site).
if (!values.json && (!filter || 'answer'.includes(filter) || filter.startsWith('answer'))) {
  const answer = spawnSync(process.execPath, [path.join(repo, 'bench', 'search-answer.mjs')], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  console.log(`\n${answer.stdout.trim()}`);
  if (answer.status !== 0) {
    failed = true;
    console.error('search answer bench failed');
  }
}

// Rows: one page of 20,000 and of 100,000 rows, cold; the growth shows whether cost is linear (bench/rows.mjs).
let rowFigures = [];
if (!filter || 'rows'.includes(filter) || filter.startsWith('rows')) {
  const { benchRows, formatRows } = await import('./rows.mjs');
  try {
    rowFigures = await benchRows({ log: (line) => console.error(line) });
    if (!values.json) console.log(`\n${formatRows(rowFigures)}`);
  } catch (error) {
    failed = true;
    console.error(`\nrows bench failed: ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

if (values.json) {
  const rowEntries = rowFigures.map((r) => ({ name: `rows: ${r.rows}`, ...r }));
  const weightEntries = weight.map((r) => ({ name: `weight: ${r.offerings} offerings`, ...r }));
  const scaleEntries = scale.map((r) => ({ name: `scale: ${r.offerings} offerings`, ...r }));
  const siteEntries = siteFigures ? [{ name: 'site: shipped', ...siteFigures }] : [];
  const speedEntries = speed ? [{ name: 'speed', ...speed }] : [];
  console.log(JSON.stringify([...results.map(({ output: _output, ...r }) => r), ...siteEntries, ...scaleEntries, ...speedEntries, ...weightEntries, ...rowEntries], null, 2));
}
if (failed) process.exitCode = 1;

function printTable(rows) {
  const header = ['benchmark', 'runs', 'median ms', 'min ms', 'max ms', 'peak RSS MB', 'exit', 'notes'];
  const body = rows.map((r) => [
    r.name,
    String(r.runs),
    r.median.toFixed(0),
    r.min.toFixed(0),
    r.max.toFixed(0),
    r.maxRssKb === undefined ? '?' : (r.maxRssKb / 1024).toFixed(1),
    String(r.exitCode),
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  console.log(`\nWhole-process wall time of \`node bin/respmatrix.js ...\` (median of ${runs} runs after a warm-up), node ${process.version}, ${os.cpus().length} CPUs.`);
}
