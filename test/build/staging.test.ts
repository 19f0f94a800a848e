import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeFolders, removeUnusedFolders, stagingFor } from '../../src/build/staging.js';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-staging-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('staging folder made while the content loads', () => {
  test("is a fresh hidden sibling of the output folder, listing each offering's page folders once", async () => {
    const staging = stagingFor(path.join(tmp, 'dist'), ['kp', 'sm', 'kp']);
    expect(staging).toBeDefined();
    expect(path.dirname(staging!.dir)).toBe(tmp);
    expect(path.basename(staging!.dir)).toMatch(/^\.dist-build-/);
    expect(staging!.tree).toBe(path.join(staging!.dir, 'site'));
    expect(staging!.folders).toEqual(['offerings/kp', 'checklist/kp', 'offerings/sm', 'checklist/sm']);
    // Another one never reuses it.
    expect(stagingFor(path.join(tmp, 'dist'), [])?.dir).not.toBe(staging!.dir);
  });

  test('is not made when the output folder has no parent yet (a failed build must not make one)', async () => {
    expect(stagingFor(path.join(tmp, 'missing', 'dist'), ['kp'])).toBeUndefined();
    expect(await readdir(tmp)).not.toContain('missing');
  });

  test('folders are made inside the tree only', async () => {
    const tree = path.join(tmp, 'made', 'site');
    makeFolders(tree, ['offerings/kp', 'checklist/kp', '../escaped', '/absolute']);
    expect((await readdir(tree, { recursive: true })).sort()).toEqual(['checklist', 'checklist/kp', 'offerings', 'offerings/kp']);
    expect(await readdir(path.join(tmp, 'made'))).toEqual(['site']);
  });

  test('folders no written file is in are removed, with parents left empty; the others stay', async () => {
    const tree = path.join(tmp, 'pruned');
    const folders = ['offerings/kp', 'checklist/kp', 'offerings/gone', 'checklist/gone', 'extra/deep'];
    makeFolders(tree, folders);
    await writeFile(path.join(tree, 'offerings', 'kp', 'index.html'), 'page');
    await writeFile(path.join(tree, 'checklist', 'kp', 'index.html'), 'page');
    // Not written by the build (it would not be there), but never removed: only empty folders go.
    await mkdir(path.join(tree, 'offerings', 'gone', 'kept'));
    removeUnusedFolders(tree, folders, ['index.html', 'offerings/kp/index.html', 'checklist/kp/index.html']);
    expect((await readdir(tree, { recursive: true })).sort()).toEqual([
      'checklist', 'checklist/kp', 'checklist/kp/index.html', 'offerings', 'offerings/gone', 'offerings/gone/kept', 'offerings/kp', 'offerings/kp/index.html',
    ]);
  });
});
