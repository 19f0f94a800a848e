#!/usr/bin/env node
/**
 * Page weight at scale: one build of synthetic content at 3, 100, 1,000 and 5,000 offerings,
 * then what a reader's browser transfers (gzip, as a server would send it):
 *   - the largest HTML page (raw and gzip) and the home page;
 *   - a first search query: the index files the query fetches, found by running the browser's
 *     code over the built files (lib/search/fetch-plan.js), median and worst over a few typical
 *     queries, and the time from having those files to the results (parsing and ranking);
 *   - `/compare/` for two offerings: the page, the offering list and the two offerings' data files;
 *   - the CSS and JavaScript every page loads up front (apart).
 * Targets: no HTML page over 100 KB gzip or 1 MB raw; a first query at most 300 KB gzip,
 * answered within 100 ms of its last file arriving.
 * Usage: node bench/weight.mjs [--offerings N]... [--json]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'respmatrix.js');
const lib = (file) => pathToFileURL(path.join(repo, 'lib', file)).href;
export const WEIGHT_SIZES = [3, 100, 1000, 5000];
const QUERIES = ['backup', 'encryption keys', 'monitor', 'acess'];

function build(content, out) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build', '--content', content, '--out', out, '--quiet'], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`build exit ${code}: ${err.slice(-1000)}`))));
  });
}

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;

async function fileWeight(file) {
  const buffer = await readFile(file);
  return { raw: buffer.length, gzip: gz(buffer) };
}

async function largestHtml(dir) {
  let largest = { raw: 0, gzip: 0, path: '' };
  let largestGzip = { raw: 0, gzip: 0, path: '' };
  let pages = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    pages += 1;
    const file = path.join(entry.parentPath, entry.name);
    const buffer = await readFile(file);
    if (buffer.length < largest.raw / 3) continue; // cannot be the largest gzip either
    const w = { raw: buffer.length, gzip: gz(buffer), path: path.relative(dir, file) };
    if (w.raw > largest.raw) largest = w;
    if (w.gzip > largestGzip.gzip) largestGzip = w;
  }
  return { pages, largest, largestGzip };
}

/** Gzip bytes of the search files one query fetches (the split index's plan, else the whole index), and the time to answer once they are there. */
async function firstQuery(dir) {
  const planFile = path.join(repo, 'lib', 'search', 'fetch-plan.js');
  const plan = existsSync(planFile) ? await import(lib('search/fetch-plan.js')) : undefined;
  const sizes = [];
  const times = [];
  const cpuTimes = [];
  const queries = [];
  for (const query of QUERIES) {
    const { files, answerMs, answerCpuMs } = plan ? await plan.planQuery(dir, query) : { files: ['search/index.json'], answerMs: NaN, answerCpuMs: NaN };
    let bytes = 0;
    for (const f of files) bytes += (await fileWeight(path.join(dir, f))).gzip;
    sizes.push(bytes);
    times.push(answerMs);
    cpuTimes.push(answerCpuMs);
    queries.push({ query, files: files.length, gzip: bytes, answerMs, answerCpuMs });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { medianGzip: median(sizes), maxGzip: Math.max(...sizes), medianAnswerMs: median(times), maxAnswerMs: Math.max(...times), medianAnswerCpuMs: median(cpuTimes), maxAnswerCpuMs: Math.max(...cpuTimes), queries };
}

async function upFront(dir) {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  let bytes = 0;
  for (const m of html.matchAll(/<(?:link rel="stylesheet" href|script type="module" src)="\/([^"]+)"/g)) bytes += (await fileWeight(path.join(dir, m[1]))).gzip;
  return bytes;
}

async function compareTwo(dir) {
  const index = JSON.parse(await readFile(path.join(dir, 'data', 'offerings.json'), 'utf8'));
  const [a, b] = index.offerings;
  // A small site's /compare/ holds the whole comparison; a large one's fetches the offerings' data.
  const picks = (await readFile(path.join(dir, 'compare', 'index.html'), 'utf8')).includes('data-cmp-pick');
  const files = picks
    ? ['compare/index.html', 'data/offerings.json', `data/offerings/${a.id}.json`, `data/offerings/${b.id}.json`]
    : ['compare/index.html'];
  let gzip = 0;
  for (const f of files) gzip += (await fileWeight(path.join(dir, f))).gzip;
  const page = (await fileWeight(path.join(dir, 'compare', 'index.html'))).gzip;
  return { gzip, page, list: picks ? (await fileWeight(path.join(dir, 'data', 'offerings.json'))).gzip : 0 };
}

export async function benchWeight({ sizes = WEIGHT_SIZES, log = () => {} } = {}) {
  const { generateContent } = await import(lib('synthetic/generate.js'));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-weight-'));
  const results = [];
  try {
    for (const offerings of sizes) {
      const content = path.join(tmp, `content-${offerings}`);
      const out = path.join(tmp, `dist-${offerings}`);
      const generated = await generateContent(content, { offerings, seed: 1 });
      log(`weight: ${offerings} offerings, ${generated.rows} rows: building`);
      await build(content, out);
      const html = await largestHtml(out);
      results.push({
        offerings,
        rows: generated.rows,
        pages: html.pages,
        largest: html.largest,
        largestGzip: html.largestGzip,
        home: await fileWeight(path.join(out, 'index.html')),
        search: await firstQuery(out),
        compare: await compareTwo(out),
        upFrontGzip: await upFront(out),
      });
      await rm(out, { recursive: true, force: true });
      await rm(content, { recursive: true, force: true });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return results;
}

const kb = (n) => (n / 1024).toFixed(n < 10240 ? 1 : 0);

export function formatWeight(results) {
  const lines = [
    'page weight (KB; gzip level 9 as a server would send it; targets: HTML page <= 100 gzip and <= 1024 raw, first query <= 300 gzip)',
    'offerings   pages  largest HTML raw (page)                        largest gzip  home raw  home gzip  1st query gzip (median/max)  answer ms wall / CPU (median/max)  /compare/ 2 offerings gzip (page + list + 2 files)  CSS+JS up front gzip',
  ];
  for (const r of results) {
    lines.push(
      [
        String(r.offerings).padStart(9),
        String(r.pages).padStart(7),
        `${kb(r.largest.raw).padStart(8)} (${r.largest.path})`.padEnd(47),
        kb(r.largestGzip.gzip).padStart(12),
        kb(r.home.raw).padStart(9),
        kb(r.home.gzip).padStart(10),
        `${kb(r.search.medianGzip)} / ${kb(r.search.maxGzip)}`.padStart(28),
        `${r.search.medianAnswerMs.toFixed(1)}/${r.search.maxAnswerMs.toFixed(1)} / ${r.search.medianAnswerCpuMs.toFixed(1)}/${r.search.maxAnswerCpuMs.toFixed(1)}`.padStart(35),
        `${kb(r.compare.gzip)} (${kb(r.compare.page)} + ${kb(r.compare.list)} + ${kb(r.compare.gzip - r.compare.page - r.compare.list)})`.padStart(51),
        kb(r.upFrontGzip).padStart(21),
      ].join('  '),
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { offerings: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } } });
  const sizes = values.offerings?.map(Number) ?? WEIGHT_SIZES;
  const results = await benchWeight({ sizes, log: (line) => console.error(line) });
  console.log(values.json ? JSON.stringify(results, null, 2) : formatWeight(results));
}
