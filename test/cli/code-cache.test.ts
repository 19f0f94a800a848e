/**
 * bin/respmatrix.js hands V8 the code it compiled for the bundle last time
 * (src/build/code-cache.ts), in the main thread and in the worker threads that read it. A cache
 * that does not match (here: garbage) is rejected by V8 and written again; with it, without it,
 * the build is the same. A cache a run left is taken whole by the next run: V8 takes it only
 * with the flags it was made with, and the CLI changes some (src/build/optimising.ts).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repo, spawnBin } from './helpers.js';

const cacheDir = path.join(repo, 'node_modules', '.cache', 'respmatrix', 'v8');
const GARBAGE = Buffer.from('not V8 code');

/** Every file of a folder: relative path -> bytes (as hex, for readable failures). */
function readTree(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(files.map((e) => path.join(e.parentPath, e.name)).sort().map((f) => [path.relative(dir, f), readFileSync(f).toString('hex')]));
}

describe('code cache', () => {
  test('a run leaves compiled code for the bundle; garbage in its place is replaced, and the output never changes', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-code-cache-'));
    const out = (name: string) => path.join(tmp, name);
    try {
      // A worker whatever the size: it renders pages with the code the cache holds.
      const workers = { RESPMATRIX_WORKERS: '1' };
      const first = await spawnBin(['build', '--out', out('first'), '--quiet'], repo, workers);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const files = readdirSync(cacheDir).filter((f) => f.endsWith('.bin'));
      expect(files.length).toBeGreaterThan(3);

      for (const file of files) writeFileSync(path.join(cacheDir, file), GARBAGE);
      const again = await spawnBin(['build', '--out', out('garbage'), '--quiet'], repo, workers);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      const rewritten = files.filter((file) => !readFileSync(path.join(cacheDir, file)).equals(GARBAGE));
      expect(rewritten.length).toBeGreaterThan(3);

      const off = await spawnBin(['build', '--out', out('off'), '--quiet'], repo, { RESPMATRIX_CODE_CACHE: '0', RESPMATRIX_WORKERS: '0' });
      expect(off.code).toBe(0);
      expect(readTree(out('garbage'))).toEqual(readTree(out('off')));
      expect(readTree(out('first'))).toEqual(readTree(out('off')));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  test('the next run takes the code the last one left: it writes none of it again', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-code-cache-taken-'));
    // Each file's time and bytes: a file written again has a later time, if not other bytes.
    const stamps = () => Object.fromEntries(readdirSync(cacheDir).filter((f) => f.endsWith('.bin')).map((f) => {
      const file = path.join(cacheDir, f);
      return [f, `${statSync(file).mtimeMs} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`];
    }));
    try {
      // A build that records its output for the next (the cache on), as the CLI's builds do.
      const build = (name: string) => spawnBin(['build', '--out', path.join(tmp, name), '--quiet'], repo, { RESPMATRIX_CACHE_DIR: path.join(tmp, 'cache') });
      expect((await build('first')).code).toBe(0);
      const left = stamps();
      expect(Object.keys(left).length).toBeGreaterThan(3);
      const again = await build('second');
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(stamps()).toEqual(left);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  test('node flags a worker may not be given (V8 options) still build, with workers that compile their code', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-code-cache-flags-'));
    try {
      const args = ['--max-old-space-size=2048', path.join(repo, 'bin', 'respmatrix.js'), 'build', '--out', path.join(tmp, 'dist'), '--quiet'];
      const run = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, RESPMATRIX_WORKERS: '1' } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(readdirSync(path.join(tmp, 'dist'))).toContain('index.html');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
