#!/usr/bin/env node
/**
 * Scale bench: synthetic content of 3, 100 and 1,000 offerings (about 25 rows each), built by
 * the real CLI in a child process. For each size: build time (wall and CPU) and peak memory
 *   - before: no parse cache, parsing in the main thread (RESPMATRIX_CACHE=0 RESPMATRIX_WORKERS=0)
 *   - cold:   empty parse cache, worker threads when there are many sources
 *   - warm:   nothing changed since the last build
 *   - edit:   one source edited since the last build (the incremental case)
 * then output bytes, the dev server's reload after one edit, and search index size and query time.
 * Needs the compiled code (`npm run compile`).
 * Usage: node bench/scale.mjs [--offerings N]... [--json]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'respmatrix.js');
const lib = (file) => pathToFileURL(path.join(repo, 'lib', file)).href;
/** Dev tools (tools/, not shipped) compile into lib-tools/. */
const tools = (file) => pathToFileURL(path.join(repo, 'lib-tools', 'tools', file)).href;
export const DEFAULT_SIZES = [3, 100, 1000];
const SEED = 1;

/** `node args` in a child process under GNU time: wall ms, CPU ms (all threads), peak RSS, minor page faults. */
export function timed(args, env) {
  const useTime = existsSync('/usr/bin/time');
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const argv = useTime ? ['-v', process.execPath, ...args] : args;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const num = (re) => Number(re.exec(out)?.[1] ?? NaN);
      const cpuMs = (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000;
      const rssMb = num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024;
      const faults = num(/Minor \(reclaiming a frame\) page faults: (\d+)/);
      if (code !== 0) reject(new Error(`exit ${code}: ${out.slice(-2000)}`));
      else resolve({ wallMs, cpuMs, rssMb, faults, output: out, ...stageTimings(out) });
    });
  });
}

/** `build --timings`: "content pipeline N (parse N, render N, ...); assets N" -> { pipelineMs, stages, assetsMs }. */
export function stageTimings(text) {
  const m = /content pipeline (\d+) \(([^)]*)\); assets (\d+)/.exec(text);
  if (!m) return {};
  const stages = Object.fromEntries(m[2].split(', ').map((part) => part.split(' ')).map(([name, ms]) => [name, Number(ms)]));
  return { pipelineMs: Number(m[1]), stages, assetsMs: Number(m[3]) };
}

async function dirBytes(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

/** Appends a word to the first duty of a source: what a maintainer's edit looks like. */
export async function editSource(file, word) {
  const text = await readFile(file, 'utf8');
  // The first body row: the line after the first delimiter row (`| ---- |` or gen.mjs's `|----|`).
  const edited = text.replace(/(\|\s*-{3,}[^\n]*\r?\n\| [^|\n]+ \| )/, `$1${word} `);
  if (edited === text) throw new Error(`no table row to edit in ${file}`);
  await writeFile(file, edited);
}

/** Dev server: time from editing one source to the model being reloaded. */
export async function devReload(contentDir, sourceFile) {
  const { startDevServer } = await import(lib('dev/server.js'));
  const { loadSite } = await import(lib('build/load-site.js'));
  const events = [];
  let wake = () => {};
  const server = await startDevServer({
    contentDir,
    base: '/',
    port: 0,
    load: loadSite,
    log: (event) => {
      events.push({ ...event, at: performance.now() });
      wake();
    },
  });
  const next = (count, ms = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('dev server did not reload')), ms);
      wake = () => {
        if (events.length >= count) {
          clearTimeout(timer);
          resolve(events[count - 1]);
        }
      };
      wake();
    });
  try {
    await next(1);
    // Let the watcher settle, then edit.
    await new Promise((r) => setTimeout(r, 300));
    const edited = performance.now();
    await editSource(sourceFile, 'Reloaded');
    const event = await next(2);
    return { loadMs: event.ms, editToReloadMs: event.at - edited, ok: event.type === 'loaded' };
  } finally {
    await server.close();
  }
}

async function searchFigures(distDir, offerings) {
  const { measureSite } = await import('./search.mjs');
  const site = JSON.parse(await readFile(path.join(distDir, 'model.json'), 'utf8'));
  const r = await measureSite(`${offerings} offerings`, site, 5);
  return { indexBytes: r.indexBytes, gzipBytes: r.gzipBytes, medianQueryMs: r.medianQueryMs, maxQueryMs: r.maxQueryMs };
}

export async function benchScale({ sizes = DEFAULT_SIZES, dev = true, log = () => {} } = {}) {
  const { generateContent } = await import(tools('synthetic/generate.js'));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-scale-'));
  const results = [];
  try {
    for (const offerings of sizes) {
      const content = path.join(tmp, `content-${offerings}`);
      const out = path.join(tmp, `dist-${offerings}`);
      const cache = path.join(tmp, `cache-${offerings}`);
      const generated = await generateContent(content, { offerings, seed: SEED });
      const build = (env) => timed([bin, 'build', '--content', content, '--out', out, '--quiet', '--timings'], { RESPMATRIX_CACHE_DIR: cache, ...env });
      log(`${offerings} offerings: ${generated.sources} sources, ${generated.rows} rows`);
      const before = await build({ RESPMATRIX_CACHE: '0', RESPMATRIX_WORKERS: '0' });
      log(`  before ${before.wallMs.toFixed(0)} ms`);
      const cold = await build({});
      log(`  cold ${cold.wallMs.toFixed(0)} ms`);
      const warm = await build({});
      await editSource(path.join(content, generated.files[0]), 'Edited');
      const edit = await build({});
      log(`  warm ${warm.wallMs.toFixed(0)} ms, edit ${edit.wallMs.toFixed(0)} ms`);
      const output = await dirBytes(out);
      const home = (await stat(path.join(out, 'index.html'))).size;
      const search = existsSync(path.join(repo, 'lib', 'search', 'index.js')) ? await searchFigures(out, offerings) : undefined;
      const devFigures = dev && existsSync(path.join(repo, 'lib', 'dev', 'server.js'))
        ? await devReload(content, path.join(content, generated.files[0])).catch((error) => ({ error: String(error.message) }))
        : undefined;
      results.push({ offerings, sources: generated.sources, rows: generated.rows, before, cold, warm, edit, output, homeBytes: home, search, dev: devFigures });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return results;
}

const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : '?');

export function formatScale(results) {
  const lines = [
    'scale (whole-process `respmatrix build`; wall ms / CPU ms all threads / peak RSS MB)',
    'offerings  sources   rows  before (no cache, 1 thread)  cold (empty cache)   warm (no change)    one source edited   output MB  files  home KB',
  ];
  const cell = (m) => `${f0(m.wallMs)} / ${f0(m.cpuMs)} / ${f0(m.rssMb)}`.padStart(19);
  for (const r of results) {
    lines.push(
      `${String(r.offerings).padStart(9)} ${String(r.sources).padStart(8)} ${String(r.rows).padStart(6)}  ${cell(r.before).padStart(27)}  ${cell(r.cold)} ${cell(r.warm)} ${cell(r.edit)} ${(r.output.bytes / 1e6).toFixed(1).padStart(10)} ${String(r.output.files).padStart(6)} ${(r.homeBytes / 1024).toFixed(0).padStart(8)}`,
    );
  }
  lines.push('', 'offerings  stages ms, cold build (content pipeline = parse + render + write + links + swap; assets apart)');
  for (const r of results) {
    const st = (m) => (m.stages ? `${f0(m.pipelineMs)} (${Object.entries(m.stages).map(([k, v]) => `${k} ${v}`).join(', ')}); assets ${f0(m.assetsMs)}` : 'n/a');
    lines.push(`${String(r.offerings).padStart(9)}  cold: ${st(r.cold)}`);
    lines.push(`${' '.repeat(9)}  warm: ${st(r.warm)}`);
  }
  lines.push('', 'offerings  dev: reload ms (model)  edit-to-reload ms  search: index KB  gzip KB  query median ms  max ms');
  for (const r of results) {
    const dev = r.dev && !r.dev.error ? `${f0(r.dev.loadMs).padStart(22)}  ${f0(r.dev.editToReloadMs).padStart(17)}` : `${(r.dev?.error ?? 'n/a').slice(0, 41).padStart(41)}`;
    const s = r.search
      ? `${(r.search.indexBytes / 1024).toFixed(0).padStart(16)} ${(r.search.gzipBytes / 1024).toFixed(0).padStart(8)} ${r.search.medianQueryMs.toFixed(2).padStart(16)} ${r.search.maxQueryMs.toFixed(2).padStart(7)}`
      : '  n/a';
    lines.push(`${String(r.offerings).padStart(9)}  ${dev}  ${s}`);
  }
  if (results.length > 1) {
    const [a, b] = [results.at(-2), results.at(-1)];
    const k = b.offerings / a.offerings;
    lines.push('', `growth ${a.offerings} -> ${b.offerings} offerings (x${k}): cold wall x${(b.cold.wallMs / a.cold.wallMs).toFixed(1)}, cold CPU x${(b.cold.cpuMs / a.cold.cpuMs).toFixed(1)}, output x${(b.output.bytes / a.output.bytes).toFixed(1)}, peak RSS x${(b.cold.rssMb / a.cold.rssMb).toFixed(1)}`);
  }
  lines.push(`node ${process.version}, ${os.availableParallelism()} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { offerings: { type: 'string', multiple: true }, json: { type: 'boolean', default: false }, 'no-dev': { type: 'boolean', default: false } } });
  const sizes = values.offerings?.map(Number) ?? DEFAULT_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('--offerings takes a positive whole number');
    process.exit(2);
  }
  const results = await benchScale({ sizes, dev: !values['no-dev'], log: (line) => console.error(line) });
  console.log(values.json ? JSON.stringify(results, null, 2) : formatScale(results));
}
