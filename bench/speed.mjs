#!/usr/bin/env node
// Build speed against its targets, part of `npm run bench` (or alone: node bench/speed.mjs):
//   - cold build side by side with the Eleventy baseline at 100 and 1,000 offerings
//     (../shared/bench/compare.sh with bench/compare-build.sh, cache off), and output size;
//   - a rebuild after one source changes, cache warm, at 1,000 offerings (median of several
//     edits, each to another source), with the files it wrote;
//   - the dev server from a saved edit to the reloaded model, at 100 and 1,000 offerings
//     (median of several edits);
//   - 5,000 offerings cold (cache off), several builds: median wall time and highest peak memory.
// Inputs are the baseline's synthetic pages (gen.mjs via compare.sh), so every figure is on the
// same content. Knobs: --runs N (compare.sh runs, edits and 5,000-offering builds; default 3),
// --skip-compare, --skip-5000.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { devReload, editSource, timed } from './scale.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'respmatrix.js');
const compareSh = path.resolve(repo, '..', 'shared', 'bench', 'compare.sh');
const work = process.env.BENCH_WORK ?? path.join(os.tmpdir(), 'respmatrix-bench');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** The median of one figure of several runs. */
const medianOf = (runs, key) => median(runs.map((run) => run[key]));

/** One compare.sh run at N: its result table and ratio line, and both tools' output size. */
function compareWithEleventy(n, runs, log) {
  log(`speed: compare.sh ${n} (RUNS=${runs} WARMUP=1)...`);
  const result = spawnSync(compareSh, [String(n), 'bench/compare-build.sh {in} {out}'], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, RUNS: String(runs), WARMUP: '1', FLOORS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`compare.sh ${n} failed: ${result.stderr.slice(-1500)}`);
  const lines = result.stdout.trim().split('\n');
  const row = (tool) => lines.find((line) => line.startsWith(`${tool} `))?.trim().split(/\s+/);
  const [eleventy, project] = [row('eleventy'), row('project')];
  const ratio = lines.find((line) => line.startsWith('ratio project/eleventy'));
  return {
    n,
    table: lines.filter((line) => /^(N=|tool |eleventy |project |ratio )/.test(line)),
    wallRatio: Number(/wall ([\d.]+)/.exec(ratio ?? '')?.[1]),
    outputMiB: { eleventy: Number(eleventy?.at(-1)), project: Number(project?.at(-1)) },
    kernel: { eleventy: kernelShare(n, 'eleventy', runs), project: kernelShare(n, 'project', runs) },
  };
}

/**
 * A tool's kernel (system) time in compare.sh's last timed runs at N, from its raw figures,
 * and the files and folders its last run wrote: compare.sh deletes each output before the
 * next run, and on some file systems creating files right after deleting many costs far more.
 */
function kernelShare(n, tool, runs) {
  const rows = readFileSync(path.join(work, 'out', 'results.tsv'), 'utf8').trim().split('\n').map((line) => line.split('\t'));
  const timed = rows.filter(([, , rowN, rowTool, label]) => rowN === String(n) && rowTool === tool && label.startsWith('run')).slice(-runs);
  const entries = readdirSync(path.join(work, 'out', String(n), tool), { recursive: true, withFileTypes: true });
  return {
    systemS: median(timed.map((columns) => Number(columns[9]))),
    cpuS: median(timed.map((columns) => Number(columns[8]) + Number(columns[9]))),
    files: entries.filter((entry) => entry.isFile()).length,
    folders: entries.filter((entry) => entry.isDirectory()).length,
  };
}

/** compare.sh's generated pages at N (generated when missing) as a content folder (compare-content.sh). */
async function ensureContent(n) {
  const generate = spawnSync(compareSh, [String(n)], { cwd: repo, encoding: 'utf8', env: { ...process.env, RUNS: '0', WARMUP: '0', FLOORS: '0' } });
  if (generate.status !== 0) throw new Error(`compare.sh ${n} could not generate its pages: ${generate.stderr.slice(-800)}`);
  const made = spawnSync(path.join(repo, 'bench', 'compare-content.sh'), [path.join(work, 'work', String(n))], { cwd: repo, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`compare-content.sh ${n} failed: ${made.stderr.slice(-800)}`);
  return made.stdout.trim();
}

/**
 * What memory and system calls cost on this machine, to read the absolute targets by: the CPU
 * time per 4 KiB page a process touches first (64 MiB, in a child process) and per `stat`.
 * On a virtual machine a page fault can cost 20 times what it costs on bare metal, and a build
 * touches every page of its heap at least once.
 */
function machineCosts() {
  const probe = `
    const pages = 16384, bytes = Buffer.allocUnsafeSlow(pages * 4096);
    let cpu = process.cpuUsage();
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = 1;
    cpu = process.cpuUsage(cpu);
    const faultUs = (cpu.user + cpu.system) / pages;
    const fs = require('node:fs'), stats = 20000, started = process.hrtime.bigint();
    for (let i = 0; i < stats; i++) fs.statSync('.');
    console.log(JSON.stringify({ faultUs, statUs: Number(process.hrtime.bigint() - started) / 1000 / stats }));`;
  const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  return result.status === 0 ? JSON.parse(result.stdout) : undefined;
}

/** Build once with the cache on, then rebuild after each of `runs` edits to different sources. */
async function rebuildAfterEdit(n, runs, log) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-speed-'));
  try {
    const content = path.join(tmp, 'content');
    await cp(await ensureContent(n), content, { recursive: true });
    const out = path.join(tmp, 'dist');
    const env = { RESPMATRIX_CACHE_DIR: path.join(tmp, 'cache') };
    const build = () => timed([bin, 'build', '--content', content, '--out', out, '--timings'], env);
    log(`speed: ${n} offerings, first build with the cache on...`);
    await build();
    const edits = [];
    for (let i = 0; i < runs; i++) {
      await editSource(path.join(content, 'sources', `svc-${String(1 + Math.floor(((i + 1) * n) / (runs + 1))).padStart(5, '0')}.md`), `Edited${i}`);
      const result = await build();
      const written = /\((\d+) files written, (\d+) unchanged\)/.exec(result.output ?? '');
      edits.push({ ...result, written: Number(written?.[1]), unchanged: Number(written?.[2]) });
    }
    return {
      n,
      wallMs: medianOf(edits, 'wallMs'),
      cpuMs: medianOf(edits, 'cpuMs'),
      faults: medianOf(edits, 'faults'),
      written: medianOf(edits, 'written'),
      unchanged: medianOf(edits, 'unchanged'),
      stages: edits.at(-1)?.stages,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function devAfterEdit(n, runs, log) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-speed-dev-'));
  try {
    const content = path.join(tmp, 'content');
    await cp(await ensureContent(n), content, { recursive: true });
    log(`speed: dev server at ${n} offerings...`);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const file = path.join(content, 'sources', `svc-${String(1 + i).padStart(5, '0')}.md`);
      const figures = await devReload(content, file);
      if (!figures.ok) throw new Error(`dev server at ${n} offerings did not reload the edit`);
      times.push(figures.editToReloadMs);
    }
    return { n, editToReloadMs: median(times) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * 5,000 offerings cold, `runs` times: the median wall time, and the highest peak memory. Each
 * build has its own output folder, all deleted at the end: deleting one build's tens of
 * thousands of files makes the next build's files dearer for a while (README, "speed").
 */
async function cold5000(runs, log) {
  const content = await ensureContent(5000);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-speed-5000-'));
  try {
    const builds = [];
    for (let i = 0; i < runs; i++) {
      log(`speed: 5,000 offerings cold (cache off), ${i + 1} of ${runs}...`);
      builds.push(await timed([bin, 'build', '--content', content, '--out', path.join(tmp, `dist-${i}`), '--quiet', '--timings'], { RESPMATRIX_CACHE: '0' }));
    }
    const walls = builds.map((b) => b.wallMs);
    return {
      runs,
      wallMs: median(walls),
      minWallMs: Math.min(...walls),
      maxWallMs: Math.max(...walls),
      rssMb: Math.max(...builds.map((b) => b.rssMb)),
      cpuMs: medianOf(builds, 'cpuMs'),
      faults: medianOf(builds, 'faults'),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function benchSpeed({ runs = 3, compare = true, big = true, log = () => {} } = {}) {
  const figures = { compare: [], rebuild: undefined, dev: [], cold5000: undefined, machine: machineCosts() };
  // The rebuild and the dev server first: compare.sh deletes tens of thousands of files, and
  // for a minute after (README, "speed") every file made on the same disk costs more kernel time.
  figures.rebuild = await rebuildAfterEdit(1000, runs, log);
  for (const n of [100, 1000]) figures.dev.push(await devAfterEdit(n, runs, log));
  if (compare) for (const n of [100, 1000]) figures.compare.push(compareWithEleventy(n, runs, log));
  if (big) figures.cold5000 = await cold5000(runs, log);
  return figures;
}

export function formatSpeed(figures) {
  const yes = (ok) => (ok ? 'met' : 'NOT met');
  const lines = ['build speed against its targets (medians; compare.sh alternates the tools run by run)'];
  for (const c of figures.compare) {
    lines.push(...c.table.map((line) => `  ${line}`));
    const kernel = (k) => `${k.systemS.toFixed(2)} s of ${k.cpuS.toFixed(2)} s CPU, ${k.files} files in ${k.folders} folders written`;
    lines.push(`     kernel time (median of the timed runs): project ${kernel(c.kernel.project)}; eleventy ${kernel(c.kernel.eleventy)}`);
    lines.push(`  -> cold build at ${c.n} offerings: ${c.wallRatio.toFixed(3)} x Eleventy's wall time (target <= 0.5: ${yes(c.wallRatio <= 0.5)})`);
    if (c.n === 1000) {
      lines.push(`  -> output at 1,000 offerings: ${c.outputMiB.project.toFixed(1)} MiB vs Eleventy's ${c.outputMiB.eleventy.toFixed(1)} MiB (target: no larger: ${yes(c.outputMiB.project <= c.outputMiB.eleventy)})`);
    }
  }
  const r = figures.rebuild;
  if (r) {
    lines.push(
      `  -> rebuild after one edit at ${r.n} offerings (cache warm): ${r.wallMs.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ` +
        `${r.written} files written, ${r.unchanged} unchanged, ${r.faults} page faults (target <= 1000 ms: ${yes(r.wallMs <= 1000)})`,
    );
    if (r.stages) lines.push(`     stages: ${Object.entries(r.stages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  for (const d of figures.dev) {
    const target = d.n <= 100 ? 50 : 150;
    lines.push(`  -> dev server, saved edit to reloaded model at ${d.n} offerings: ${d.editToReloadMs.toFixed(0)} ms (target <= ${target}: ${yes(d.editToReloadMs <= target)})`);
  }
  const big = figures.cold5000;
  if (big) {
    const s = (ms) => (ms / 1000).toFixed(1);
    lines.push(
      `  -> 5,000 offerings cold, ${big.runs} builds: median ${s(big.wallMs)} s (${s(big.minWallMs)}-${s(big.maxWallMs)}), highest peak ${(big.rssMb / 1024).toFixed(2)} GiB, ` +
        `${big.faults} page faults (targets <= 25 s: ${yes(big.wallMs <= 25_000)}, <= 1 GiB: ${yes(big.rssMb <= 1024)})`,
    );
  }
  lines.push(`  node ${process.version}, ${os.availableParallelism()} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const m = figures.machine;
  if (m) lines.push(`  this machine: ${m.faultUs.toFixed(2)} µs of CPU per 4 KiB page touched first, ${m.statUs.toFixed(2)} µs per stat`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'skip-compare': { type: 'boolean', default: false }, 'skip-5000': { type: 'boolean', default: false } } });
  const figures = await benchSpeed({ runs: Number(values.runs), compare: !values['skip-compare'], big: !values['skip-5000'], log: (line) => console.error(line) });
  console.log(formatSpeed(figures));
}
