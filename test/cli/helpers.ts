/** Test helpers: temporary content folders, the CLI in-process, and the real bin as a process. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpus = path.resolve(repo, '..', 'shared', 'corpus');

export const MINIMAL_SITE = 'title: Test site\nlinkBase: https://cloud.ibm.com\n';

/** A temporary folder holding `content/` with the given files (paths relative to content/). */
export function makeContent(files: Record<string, string>): { root: string; content: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-test-'));
  const content = path.join(root, 'content');
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(content, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  mkdirSync(path.join(content, 'sources'), { recursive: true });
  return { root, content, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every HTML page of a built output folder, by path (forward slashes on POSIX), sorted. */
export function htmlPages(out: string): { file: string; html: string }[] {
  return readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => ({ file, html: readFileSync(path.join(out, file), 'utf8') }));
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in this process, capturing its output; paths print relative to `cwd`. */
export async function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** Run the real `bin/respmatrix.js` (the compiled CLI) as a child process. */
export function spawnBin(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repo, 'bin', 'respmatrix.js'), ...args],
      { cwd, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Compile and bundle src/ into lib/ when lib/ is missing or older than a source file (so the bin is current). */
export function ensureCompiled(): void {
  const target = path.join(repo, 'lib', 'bundle', 'main.js');
  const built = statSync(target, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (newestSource(path.join(repo, 'src')) > built) {
    // Type errors elsewhere do not stop tsc from emitting; the bin only needs lib/ to be current.
    spawnSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: repo,
      stdio: 'ignore',
    });
    spawnSync(process.execPath, [path.join(repo, 'lib-tools', 'tools', 'bundle-cli.js')], { cwd: repo, stdio: 'ignore' });
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  rule: string;
  message: string;
}

export function parseJson(stdout: string): JsonDiagnostic[] {
  return JSON.parse(stdout) as JsonDiagnostic[];
}
