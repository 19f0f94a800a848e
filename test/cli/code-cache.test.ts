/**
 * bin/respmatrix.js hands V8 the code it compiled for the bundle last time
 * (src/build/code-cache.ts), in the main thread and in the worker threads that read it. A cache
 * that does not match (here: garbage) is rejected by V8 and written again; with it, without it,
 * the build is the same.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
