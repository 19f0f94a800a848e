import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { layOut, stagingFor } from '../../src/build/staging.js';
import { removeUnwritten } from '../../src/build/out-dir.js';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-staging-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const listed = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

describe('staging folder laid out while the content loads', () => {
  test("is a fresh hidden sibling of the output folder, with each offering's files and their folders once", async () => {
    const staging = stagingFor(path.join(tmp, 'dist'), ['kp', 'sm', 'kp'], true);
    expect(staging).toBeDefined();
    expect(path.dirname(staging!.dir)).toBe(tmp);
    expect(path.basename(staging!.dir)).toMatch(/^\.dist-build-/);
    expect(staging!.tree).toBe(path.join(staging!.dir, 'site'));
    expect(staging!.layout).toEqual({
      files: [
        'offerings/kp/index.html', 'checklist/kp/index.html', 'data/offerings/kp.json',
        'offerings/sm/index.html', 'checklist/sm/index.html', 'data/offerings/sm.json',
      ],
      withFiles: true,
    });
    // Another one never reuses it; without files, only the folders are laid out.
    const folders = stagingFor(path.join(tmp, 'dist'), ['kp', 'sm'], false);
    expect(folders?.dir).not.toBe(staging!.dir);
    expect(folders?.layout).toEqual({ ...staging!.layout, withFiles: false });
    await layOut(folders!.tree, folders!.layout, () => false);
    expect(await listed(folders!.tree)).toEqual(['checklist', 'checklist/kp', 'checklist/sm', 'data', 'data/offerings', 'offerings', 'offerings/kp', 'offerings/sm']);
  });

  test('is not made when the output folder has no parent yet (a failed build must not make one)', async () => {
    expect(stagingFor(path.join(tmp, 'missing', 'dist'), ['kp'], true)).toBeUndefined();
    expect(await readdir(tmp)).not.toContain('missing');
  });

  test('makes folders, then empty files, inside the tree only, never over a file written meanwhile', async () => {
    const tree = path.join(tmp, 'made', 'site');
    await mkdir(path.join(tree, 'offerings', 'kp'), { recursive: true });
    await writeFile(path.join(tree, 'offerings', 'kp', 'index.html'), 'written');
    const layout = { files: ['offerings/kp/index.html', 'checklist/kp/index.html', '../escaped.txt', '/absolute/index.html'], withFiles: true };
    await layOut(tree, layout, () => false);
    expect(await listed(tree)).toEqual(['checklist', 'checklist/kp', 'checklist/kp/index.html', 'offerings', 'offerings/kp', 'offerings/kp/index.html']);
    expect(await readFile(path.join(tree, 'offerings', 'kp', 'index.html'), 'utf8')).toBe('written');
    expect(await readFile(path.join(tree, 'checklist', 'kp', 'index.html'), 'utf8')).toBe('');
    expect(await readdir(path.join(tmp, 'made'))).toEqual(['site']);
  });

  test('stops when told (its pages have come), leaving the rest to the threads that write', async () => {
    const tree = path.join(tmp, 'stopped', 'site');
    const files = Array.from({ length: 100 }, (_, i) => `offerings/o${i}/index.html`);
    let looks = 0;
    // Stopped after the first few: at most one batch more is made.
    await layOut(tree, { files, withFiles: false }, () => ++looks > 5);
    const made = (await readdir(path.join(tree, 'offerings'))).length;
    expect(made).toBe(5);
  });

  test('what no written file needed is removed, with folders left empty; the rest stays', async () => {
    const tree = path.join(tmp, 'pruned');
    const layout = {
      files: ['offerings/kp/index.html', 'checklist/kp/index.html', 'offerings/gone/index.html', 'checklist/gone/index.html', 'extra/deep/never-made.json'],
      withFiles: true,
    };
    await layOut(tree, { ...layout, files: layout.files.slice(0, 4) }, () => false);
    await writeFile(path.join(tree, 'offerings', 'kp', 'index.html'), 'page');
    // Not written by the build (it would not be there), but never removed: only empty folders go.
    await mkdir(path.join(tree, 'offerings', 'gone', 'kept'));
    removeUnwritten(tree, layout.files, new Set(['index.html', 'offerings/kp/index.html', 'checklist/kp/index.html']));
    expect(await listed(tree)).toEqual([
      'checklist', 'checklist/kp', 'checklist/kp/index.html', 'offerings', 'offerings/gone', 'offerings/gone/kept', 'offerings/kp', 'offerings/kp/index.html',
    ]);
  });
});
