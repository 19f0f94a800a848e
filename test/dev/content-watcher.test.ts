import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { watchContent, type ContentWatcher } from '../../src/dev/content-watcher.js';

let root = '';
let watcher: ContentWatcher | undefined;
let seen: string[] = [];
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-watch-'));
  await mkdir(path.join(root, 'content', 'sources'), { recursive: true });
  await writeFile(path.join(root, 'content', 'site.yaml'), 'title: T\n');
  await writeFile(path.join(root, 'content', 'sources', 'a.md'), '# A\n');
  seen = [];
  watcher = watchContent(path.join(root, 'content'), (relative) => seen.push(relative));
});
afterEach(async () => {
  watcher?.close();
  await rm(root, { recursive: true, force: true });
});

/** Resolves once `relative` has been reported (the test times out otherwise). */
async function reported(relative: string): Promise<void> {
  while (!seen.includes(relative)) await new Promise((resolve) => setTimeout(resolve, 10));
}

it('reports edited, added and deleted files by their path in the content folder', async () => {
  await writeFile(path.join(root, 'content', 'sources', 'a.md'), '# A edited\n');
  await reported(path.join('sources', 'a.md'));
  await writeFile(path.join(root, 'content', 'keywords.yaml'), 'x: y\n');
  await reported('keywords.yaml');
  await rm(path.join(root, 'content', 'site.yaml'));
  await reported('site.yaml');
});

it('watches folders made later and folders behind links inside the content folder, not outside', async () => {
  await mkdir(path.join(root, 'content', 'includes'));
  await reported('includes');
  await writeFile(path.join(root, 'content', 'includes', 'part.md'), 'Part\n');
  await reported(path.join('includes', 'part.md'));

  await mkdir(path.join(root, 'outside'));
  await symlink(path.join(root, 'outside'), path.join(root, 'content', 'away'));
  await symlink(path.join(root, 'content', 'sources'), path.join(root, 'content', 'pages'));
  await reported('pages');
  await writeFile(path.join(root, 'outside', 'secret.md'), 'no\n');
  await writeFile(path.join(root, 'content', 'sources', 'b.md'), '# B\n');
  await reported(path.join('sources', 'b.md'));
  expect(seen.filter((file) => file.startsWith(`away${path.sep}`))).toEqual([]);
  // The link to sources/ is that folder again: its files are reported once, by their own path.
  expect(seen.filter((file) => file.startsWith(`pages${path.sep}`))).toEqual([]);
});

it('reports nothing once closed', async () => {
  watcher?.close();
  await writeFile(path.join(root, 'content', 'sources', 'a.md'), '# A again\n');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(seen).toEqual([]);
});
