/**
 * Through the CLI: after an edit to one row of one source, a rebuild gives the split search
 * index new file names only for the few parts the edit changed; every other part keeps its
 * path and bytes, and no path comes back with other contents (a browser holding a cached part
 * never mixes builds). The rebuild, using the cache, writes what a build without it writes,
 * also when a part of the built site was changed by hand.
 */
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { SearchManifest } from '../../src/search/record.js';
import { CHUNK_GROUP } from '../../src/search/parts.js';
import { generateContent } from '../../tools/synthetic/generate.js';

let root = '';
let content = '';
let edited = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'respmatrix-search-rebuild-'));
  content = path.join(root, 'content');
  const generated = await generateContent(content, { offerings: 120, seed: 11 });
  edited = path.join(content, generated.files[60] as string);
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function build(out: string, env: Record<string, string>): Promise<void> {
  const io = { stdout: () => undefined, stderr: (t: string) => void process.stderr.write(t), cwd: root, env: { ...process.env, ...env } };
  expect(await main(['build', '--content', content, '--out', out, '--quiet'], io)).toBe(0);
}

/** The search folder's files by path. */
async function searchFiles(out: string): Promise<Map<string, string>> {
  const dir = path.join(out, 'search');
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), await readFile(full, 'utf8'));
    }
  }
  return files;
}

test('an edit to one row renames a few search parts; the others keep path and bytes', async () => {
  const out = path.join(root, 'dist');
  const cache = { RESPMATRIX_CACHE_DIR: path.join(root, 'cache') };
  await build(out, cache);
  const before = await searchFiles(out);
  const manifest = JSON.parse(before.get('index.json') as string) as SearchManifest;
  expect(manifest.inline).toBeUndefined();
  expect(manifest.chunks).toBeGreaterThan(4 * CHUNK_GROUP);

  const text = await readFile(edited, 'utf8');
  // The first body row's provider cell: the line after the first delimiter row.
  const changed = text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Edited duty. ');
  expect(changed).not.toBe(text);
  await writeFile(edited, changed);
  await build(out, cache);
  const after = await searchFiles(out);

  const renamed = [...after.keys()].filter((file) => !before.has(file));
  for (const [file, contents] of after) {
    if (before.has(file) && file !== 'index.json') expect(contents, file).toBe(before.get(file));
  }
  expect(renamed.filter((file) => /^parts\/d\d+\./.test(file))).toHaveLength(CHUNK_GROUP);
  expect(renamed.some((file) => file.startsWith('parts/facets.'))).toBe(false);
  expect(renamed.length).toBeGreaterThan(CHUNK_GROUP);
  // One chunk group, and the few term shards and the vocabulary that hold the edited words.
  expect(renamed.length).toBeLessThan(CHUNK_GROUP + 10);
  expect(renamed.length).toBeLessThan(after.size / 4);
  // Parts the edit dropped are gone: the folder holds what the new manifest names.
  const next = JSON.parse(after.get('index.json') as string) as SearchManifest;
  expect(after.size).toBe(1 + next.shards.length + next.chunks + 2);

  // The same content built without the cache: the same search files.
  const cold = path.join(root, 'cold');
  await build(cold, { RESPMATRIX_CACHE: '0' });
  expect(await searchFiles(cold)).toEqual(after);
}, 240_000);

test('a part changed by hand in the built site is made again by the next rebuild, not kept for its name', async () => {
  const out = path.join(root, 'tampered');
  const cache = { RESPMATRIX_CACHE_DIR: path.join(root, 'cache') };
  await build(out, cache);
  await build(out, cache);
  const before = await searchFiles(out);
  const shard = [...before.keys()].find((file) => file.startsWith('parts/t.')) as string;
  // The same size and name, other bytes: only reading the file tells them apart.
  const original = before.get(shard) as string;
  const tampered = original.replace(/[a-z]/, (letter) => (letter === 'z' ? 'y' : 'z'));
  expect(tampered).not.toBe(original);
  expect(tampered.length).toBe(original.length);
  const file = path.join(out, 'search', shard);
  await writeFile(file, tampered);
  // As an edit made later would leave it (a write within the same clock tick could keep the time).
  const later = new Date(Date.now() + 10_000);
  await utimes(file, later, later);
  await build(out, cache);
  expect((await searchFiles(out)).get(shard)).toBe(original);
}, 240_000);
