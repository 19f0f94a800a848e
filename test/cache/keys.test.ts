import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceKey } from '../../src/build/cache/keys.js';
import { DiskStore } from '../../src/build/cache/store.js';
import { defaultCacheDir } from '../../src/build/cache/location.js';

const keywords = new Map([
  ['short', 'Key Protect'],
  ['full', 'IBM {{site.data.keyword.short}} service'],
  ['other', 'Unrelated'],
]);
const base = { path: 'sources/a.md', text: 'Use {{site.data.keyword.full}} here.', keywords, code: 'c1' };

describe('sourceKey', () => {
  it('changes with the bytes, the path, the link base, the code and the keywords used', () => {
    const key = sourceKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceKey({ ...base })).toBe(key);
    expect(sourceKey({ ...base, text: base.text + ' ' })).not.toBe(key);
    expect(sourceKey({ ...base, path: 'sources/b.md' })).not.toBe(key);
    expect(sourceKey({ ...base, linkBase: 'https://cloud.ibm.com' })).not.toBe(key);
    expect(sourceKey({ ...base, code: 'c2' })).not.toBe(key);
    // A keyword reached through another keyword's value counts too.
    expect(sourceKey({ ...base, keywords: new Map([...keywords, ['short', 'Key Protect Plus']]) })).not.toBe(key);
    // An unknown keyref is part of the key: defining it later must re-parse.
    const unknown = { ...base, text: 'Use {{site.data.keyword.missing}}.' };
    expect(sourceKey({ ...unknown, keywords: new Map([...keywords, ['missing', 'x']]) })).not.toBe(sourceKey(unknown));
  });

  it('ignores keywords the source does not use', () => {
    expect(sourceKey({ ...base, keywords: new Map([...keywords, ['other', 'Changed']]) })).toBe(sourceKey(base));
  });

  it('does not cache sources that include other files', () => {
    expect(sourceKey({ ...base, text: '{{site.data.content.notice}}' })).toBeUndefined();
    expect(sourceKey({ ...base, text: '{{../_include-segments/x.md}}' })).toBeUndefined();
  });
});

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('DiskStore', () => {
  it('round-trips values and treats a damaged entry as a miss', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'respmatrix-store-'));
    dirs.push(dir);
    const store = new DiskStore<{ a: number[] }>(dir);
    const key = 'ab'.repeat(32);
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, { a: [1, 2] });
    expect(await store.get(key)).toEqual({ a: [1, 2] });
    await writeFile(path.join(dir, 'ab', `${key}.json`), '{"a": [1,');
    expect(await store.get(key)).toBeUndefined();
  });

  it('writes a value with a body of many pieces, and leaves nothing behind when the entry cannot be written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'respmatrix-body-'));
    dirs.push(dir);
    const store = new DiskStore<{ n: number }>(dir);
    const key = 'ab'.repeat(32);
    // More pieces than one system call takes (IOV_MAX is 1,024 on Linux).
    const pieces = Array.from({ length: 3000 }, (_, i) => Buffer.from(`${i},`));
    await store.setWithBody(key, { n: 1 }, pieces);
    const entry = await store.getWithBody(key);
    expect(entry?.value).toEqual({ n: 1 });
    expect(entry?.body.toString()).toBe(Buffer.concat(pieces).toString());
    // A folder where the entry goes: the rename fails, and the temporary file goes too.
    const other = 'cd'.repeat(32);
    await mkdir(path.join(dir, 'cd', `${other}.json`), { recursive: true });
    await store.setWithBody(other, { n: 2 }, pieces);
    expect(await store.getWithBody(other)).toBeUndefined();
    expect(await readdir(path.join(dir, 'cd'))).toEqual([`${other}.json`]);
  });

  it('lives in node_modules/.cache/respmatrix, can be moved or turned off', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'respmatrix-loc-'));
    dirs.push(dir);
    expect(defaultCacheDir(dir, {})).toBeUndefined();
    await mkdir(path.join(dir, 'node_modules'));
    expect(defaultCacheDir(dir, {})).toBe(path.join(dir, 'node_modules', '.cache', 'respmatrix'));
    expect(defaultCacheDir(dir, { RESPMATRIX_CACHE: '0' })).toBeUndefined();
    expect(defaultCacheDir(dir, { RESPMATRIX_CACHE_DIR: 'x' })).toBe(path.join(dir, 'x'));
  });
});

describe('DiskStore.prune', () => {
  it('drops old entries at most once a day', async () => {
    const { utimes } = await import('node:fs/promises');
    const dir = await mkdtemp(path.join(tmpdir(), 'respmatrix-prune-'));
    dirs.push(dir);
    const store = new DiskStore<number>(dir);
    const [oldKey, newKey] = ['cd'.repeat(32), 'ef'.repeat(32)];
    await store.set(oldKey, 1);
    await store.set(newKey, 2);
    const day = 24 * 60 * 60 * 1000;
    const longAgo = new Date(Date.now() - 40 * day);
    await utimes(path.join(dir, 'cd', `${oldKey}.json`), longAgo, longAgo);
    expect(await store.prune(30 * day)).toBe(1);
    expect(await store.get(oldKey)).toBeUndefined();
    expect(await store.get(newKey)).toBe(2);
    // Pruned just now: the next call does nothing, even with a shorter age.
    expect(await store.prune(0)).toBe(0);
    expect(await store.prune(0, Date.now() + 2 * day)).toBe(1);
  });
});
