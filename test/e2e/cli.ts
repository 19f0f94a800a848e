/**
 * Running the real CLI (bin/respmatrix.js -> lib/bundle/) from e2e tests. `npm test` compiles first
 * (pretest); when a test file runs alone, lib/ is recompiled if any source is newer.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './harness.js';

const run = promisify(execFile);
export const bin = path.join(repoRoot, 'bin', 'respmatrix.js');

async function newestMtime(dir: string, filter: (file: string) => boolean): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && filter(file)) newest = Math.max(newest, (await stat(file)).mtimeMs);
  }
  return newest;
}

export async function ensureCompiled(): Promise<void> {
  const clientDir = path.join(repoRoot, 'src', 'client') + path.sep;
  const src = await newestMtime(path.join(repoRoot, 'src'), (f) => f.endsWith('.ts') && !f.startsWith(clientDir));
  const lib = await newestMtime(path.join(repoRoot, 'lib'), (f) => f.endsWith('.js'));
  if (src <= lib) return;
  // tsc exits non-zero on type errors but still writes lib/; the CLI is what the tests exercise.
  await run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: repoRoot }).catch(() => undefined);
  await run(process.execPath, [path.join(repoRoot, 'lib-tools', 'tools', 'bundle-cli.js')], { cwd: repoRoot });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function respmatrix(args: string[], cwd = repoRoot): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export interface RunningCli {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function startRespmatrix(args: string[], cwd = repoRoot): RunningCli {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
