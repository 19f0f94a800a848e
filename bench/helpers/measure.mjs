// Whole-process measurements: wall time of a child process, and its peak memory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';

/** Run `node args...` once; resolves with wall time (ms), exit code and output. */
export function runNode(args, { cwd, measureMemory = false } = {}) {
  const useTime = measureMemory && existsSync(GNU_TIME);
  const hook = new URL('./rss-hook.mjs', import.meta.url).href;
  const command = useTime ? GNU_TIME : process.execPath;
  const argv = useTime
    ? ['-v', process.execPath, ...args]
    : measureMemory
      ? ['--import', hook, ...args]
      : args;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, code, stdout, stderr, maxRssKb: measureMemory ? maxRss(stderr, useTime) : undefined });
    });
  });
}

/** GNU time prints "Maximum resident set size (kbytes): N"; the hook prints "respmatrix-bench-maxrss-kb=N". */
function maxRss(stderr, fromTime) {
  const pattern = fromTime ? /Maximum resident set size \(kbytes\): (\d+)/ : /respmatrix-bench-maxrss-kb=(\d+)/;
  const match = pattern.exec(stderr);
  return match ? Number(match[1]) : undefined;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Time `runs` runs (after one warm-up that fills the file cache), then one run for memory. */
export async function measure(args, { runs, cwd }) {
  const warm = await runNode(args, { cwd });
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await runNode(args, { cwd })).ms);
  const memory = await runNode(args, { cwd, measureMemory: true });
  return {
    runs,
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    maxRssKb: memory.maxRssKb,
    exitCode: warm.code,
    output: warm.stdout + warm.stderr,
  };
}
