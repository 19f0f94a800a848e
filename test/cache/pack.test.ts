import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoadMemo, loadSite, type LoadResult } from '../../src/build/load-site.js';
import { encodeEntry, packContext, packFile, ParsePack, stampOf, writePack } from '../../src/build/cache/pack.js';
import type { ParseOutcome } from '../../src/parse/source.js';
import { generateContent } from '../../tools/synthetic/generate.js';

/** A load with the parse cache, returning once the cache is written (loadSite leaves that running). */
async function cachedLoad(dir: string, cacheDir: string): Promise<LoadResult> {
  const loaded = await loadSite(dir, { cacheDir, workers: 0 });
  await loaded.saved;
  return loaded;
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'respmatrix-pack-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

/** File times are coarse: a stamp is recorded only for files changed well before the build. */
function later(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 10_000);
}

const outcome = (file: string, title: string): ParseOutcome => ({
  parsed: { file, title, tables: [], overviews: [], source: { file, line: 1, column: 1 } },
  diagnostics: [{ file, line: 3, column: 7, severity: 'warning', rule: 'raw-html', message: `HTML in ${title}` }],
});

describe('the parse pack', () => {
  it('round-trips outcomes, any characters included, and knows each file by its stamp', async () => {
    const file = path.join(root, 'unit.pack');
    const a = outcome('sources/a.md', 'Key Protect® – “quoted” 🔑 \u2028');
    const b = outcome('sources/b.md', 'Plain');
    await writePack(file, 'ctx', [['sources/a.md', 'stamp-a', 'ka']], [['ka', encodeEntry(a)], ['kb', encodeEntry(b)]]);
    // ASCII only: entries are copied as bytes into the next pack.
    expect([...(await readFile(file))].every((byte) => byte < 0x80)).toBe(true);
    const pack = ParsePack.read(file);
    expect(pack.get('ka')).toEqual(a);
    expect(pack.get('kb')).toEqual(b);
    expect(pack.get('kc')).toBeUndefined();
    expect(pack.keyOf('sources/a.md', 'stamp-a', 'ctx')).toBe('ka');
    expect(pack.keyOf('sources/a.md', 'stamp-b', 'ctx')).toBeUndefined();
    expect(pack.keyOf('sources/a.md', 'stamp-a', 'other keywords')).toBeUndefined();
    expect(pack.keyOf('sources/b.md', 'stamp-a', 'ctx')).toBeUndefined();
    expect(pack.misses('ctx', [['sources/a.md', 'stamp-a', 'ka']], new Set(['ka', 'kb']))).toBe(0);
    expect(pack.misses('ctx', [['sources/a.md', 'stamp-b', 'ka'], ['sources/b.md', 'stamp-b', 'kb']], new Set(['ka', 'kb']))).toBe(2);
    expect(pack.misses('ctx', [['sources/a.md', 'stamp-a', 'ka']], new Set(['kb']))).toBe(1);
    expect(pack.misses('other keywords', [['sources/a.md', 'stamp-a', 'ka']], new Set(['ka']))).toBe(Infinity);
  });

  it('stores HTML that equals its text once, and gives back the same values with their keys in order', async () => {
    const file = path.join(root, 'rich.pack');
    const cell = (text: string, html = text) => ({ text, html });
    const value: ParseOutcome = {
      parsed: {
        file: 'sources/c.md',
        summary: cell('Plain summary'),
        tables: [{
          headings: [{ depth: 2, text: 'Area', aliases: [], intro: cell('Intro *here*', '<p>Intro <em>here</em></p>'), source: { file: 'sources/c.md', line: 3 } }],
          aliases: [],
          rows: [
            { task: 'Backups', provider: cell('Same words'), customer: cell('a < b', 'a &lt; b'), source: { file: 'sources/c.md', line: 9, column: 1 } },
            { task: 'Order', provider: { html: 'Kept', text: 'Kept' }, customer: cell(''), source: { file: 'sources/c.md', line: 10 } },
          ],
          source: { file: 'sources/c.md', line: 7 },
        }],
        overviews: [],
        source: { file: 'sources/c.md', line: 1, column: 1 },
      },
      diagnostics: [],
    };
    const entry = encodeEntry(value);
    expect(entry.toString('latin1').match(/Same words/g)).toHaveLength(1);
    expect(entry.toString('latin1').match(/Kept/g)).toHaveLength(2);
    await writePack(file, 'ctx', [], [['k', entry]]);
    const back = ParsePack.read(file).get('k');
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
  });

  it('treats a missing, truncated or damaged pack as misses, never as an error', async () => {
    const file = path.join(root, 'damaged.pack');
    expect(ParsePack.read(file).get('ka')).toBeUndefined();
    const a = outcome('sources/a.md', 'A');
    const b = outcome('sources/b.md', 'B');
    await writePack(file, 'ctx', [['sources/b.md', 's', 'kb']], [['ka', encodeEntry(a)], ['kb', encodeEntry(b)]]);
    const whole = await readFile(file);
    await truncate(file, whole.length - 5);
    const cut = ParsePack.read(file);
    expect(cut.get('ka')).toEqual(a);
    expect(cut.get('kb')).toBeUndefined();
    // The index does not vouch for a file whose entry was lost.
    expect(cut.keyOf('sources/b.md', 's', 'ctx')).toBeUndefined();
    await writeFile(file, whole.toString('latin1').replace('"title":"A"', '"title":"A'), 'latin1');
    expect(ParsePack.read(file).get('ka')).toBeUndefined();
    for (const garbage of ['', 'not json\n{}', '{"format":1,"context":"ctx","files":[1],"entries":[]}\n', '\0\0\0']) {
      await writeFile(file, garbage);
      expect(ParsePack.read(file).get('ka')).toBeUndefined();
    }
  });

  it('reads entries from the file as it was opened, in any order and of any size, until it is closed', async () => {
    const file = path.join(root, 'windowed.pack');
    // Entries and a header larger than the reads it is made of (a megabyte), and small ones between.
    const big = (n: number) => outcome(`sources/big-${n}.md`, `${n}`.repeat(1_500_000 + n));
    const small = Array.from({ length: 50 }, (_, i) => outcome(`sources/s${i}.md`, `Small ${i}`));
    const outcomes: [string, ParseOutcome][] = [['big1', big(1)], ...small.map((o, i) => [`s${i}`, o] as [string, ParseOutcome]), ['big2', big(2)]];
    const files = Array.from({ length: 30_000 }, (_, i): [string, string, string] => [`sources/file-${i}.md`, `stamp-${i}`, 's0']);
    await writePack(file, 'ctx', files, outcomes.map(([key, value]) => [key, encodeEntry(value)]));
    expect((await readFile(file)).indexOf(10)).toBeGreaterThan(1 << 20);
    const pack = ParsePack.read(file);
    expect(pack.size).toBe(outcomes.length);
    expect(pack.keyOf('sources/file-29999.md', 'stamp-29999', 'ctx')).toBe('s0');
    // Last first, then from the start: each read from where the entry is.
    for (const [key, value] of [...outcomes].reverse().concat(outcomes)) expect(pack.get(key)).toEqual(value);
    expect(JSON.parse((pack.raw('s7') as Buffer).toString('latin1'))).toEqual(small[7]);
    // Another pack written in its place (as the next build does) does not change what this one reads.
    await writePack(file, 'ctx', [], [['s7', encodeEntry(outcome('sources/s7.md', 'Replaced'))]]);
    expect(pack.get('s7')).toEqual(small[7]);
    expect(pack.get('big2')).toEqual(big(2));
    pack.close();
    pack.close();
    expect(pack.get('s7')).toBeUndefined();
    expect(pack.raw('s7')).toBeUndefined();
    expect(ParsePack.read(file).get('s7')).toEqual(outcome('sources/s7.md', 'Replaced'));
  });

  it('stamps only regular files changed before the settling time', async () => {
    const file = path.join(root, 'stamped.md');
    await writeFile(file, 'x');
    expect(stampOf(file, Date.now())).toBeUndefined();
    expect(stampOf(file, Date.now() + 10_000)).toMatch(/^\d+:\d+:1:/);
    expect(stampOf(path.join(root, 'missing.md'), Date.now() + 10_000)).toBeUndefined();
  });

  it('has a context that changes with the code, the link base and any keyword', () => {
    const keywords = new Map([['a', 'A']]);
    const base = packContext('code', undefined, keywords);
    expect(packContext('code', undefined, new Map([['a', 'A']]))).toBe(base);
    expect(packContext('code2', undefined, keywords)).not.toBe(base);
    expect(packContext('code', 'https://cloud.ibm.com', keywords)).not.toBe(base);
    expect(packContext('code', undefined, new Map([['a', 'B']]))).not.toBe(base);
    expect(packContext('code', undefined, new Map([['a', 'A'], ['b', '']]))).not.toBe(base);
  });
});

describe('loading with the pack', () => {
  let content = '';
  let cacheDir = '';
  let files: string[] = [];
  let sources = 0;
  beforeAll(async () => {
    content = path.join(root, 'content');
    cacheDir = path.join(root, 'cache');
    const generated = await generateContent(content, { offerings: 6, seed: 33 });
    files = generated.files;
    sources = generated.sources;
    // Problems in a source and in keywords.yaml: replayed from the caches as a fresh parse reports them.
    const first = path.join(content, files[0] as string);
    await writeFile(first, (await readFile(first, 'utf8')).replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1<marquee>Moving</marquee> {{site.data.keyword.not-defined}} '));
    await writeFile(path.join(content, 'keywords.yaml'), `${await readFile(path.join(content, 'keywords.yaml'), 'utf8')}nested:\n  value: 1\n`);
  });

  const clean = () => loadSite(content, { cacheDir: false, workers: 0 });

  it('reads no unchanged source, and loads what a clean parse loads', async () => {
    const cold = await cachedLoad(content, cacheDir);
    expect(cold.stats).toMatchObject({ fromCache: 0, unread: 0, parsed: sources });
    expect(cold.diagnostics.some((d) => d.file === files[0] && d.rule === 'raw-html')).toBe(true);
    expect(cold.diagnostics.some((d) => d.file === 'keywords.yaml')).toBe(true);
    const soon = await cachedLoad(content, cacheDir);
    expect(soon.stats).toMatchObject({ fromCache: sources, parsed: 0 });
    later();
    const settled = await cachedLoad(content, cacheDir);
    expect(settled.stats).toMatchObject({ fromCache: sources, parsed: 0 });
    const warm = await cachedLoad(content, cacheDir);
    expect(warm.stats).toMatchObject({ fromCache: sources, unread: sources, parsed: 0 });
    const fresh = await clean();
    for (const loaded of [cold, soon, settled, warm]) {
      expect(JSON.stringify(loaded.site)).toBe(JSON.stringify(fresh.site));
      expect(loaded.diagnostics).toEqual(fresh.diagnostics);
    }
  });

  it('reads an edited source again, and every source when a keyword changes', async () => {
    later();
    await cachedLoad(content, cacheDir);
    const second = path.join(content, files[1] as string);
    await writeFile(second, (await readFile(second, 'utf8')).replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Edited duty. '));
    vi.setSystemTime(Date.now() + 10_000);
    const edited = await cachedLoad(content, cacheDir);
    expect(edited.stats).toMatchObject({ unread: sources - 1, parsed: 1 });
    expect(JSON.stringify(edited.site)).toContain('Edited duty.');
    expect(JSON.stringify(edited.site)).toBe(JSON.stringify((await clean()).site));

    const keywords = path.join(content, 'keywords.yaml');
    await writeFile(keywords, (await readFile(keywords, 'utf8')).replace(/^(svc-0001_short: ")/m, '$1Renamed '));
    const renamed = await cachedLoad(content, cacheDir);
    expect(renamed.stats).toMatchObject({ unread: 0, parsed: 1 });
    expect(JSON.stringify(renamed.site)).toContain('Renamed ');
    expect(JSON.stringify(renamed.site)).toBe(JSON.stringify((await clean()).site));
  });

  it('is read by the dev server on its first load only', async () => {
    later();
    await cachedLoad(content, cacheDir);
    const memo = new LoadMemo();
    const read = vi.spyOn(ParsePack, 'read');
    try {
      const first = await loadSite(content, { cacheDir, workers: 0, memo });
      expect(first.stats).toMatchObject({ fromCache: sources, parsed: 0 });
      expect(read).toHaveBeenCalledTimes(1);
      const third = path.join(content, files[2] as string);
      await writeFile(third, (await readFile(third, 'utf8')).replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Edited in the dev server. '));
      memo.files.forget(files[2] as string);
      const edited = await loadSite(content, { cacheDir, workers: 0, memo });
      expect(edited.stats).toMatchObject({ fromCache: sources - 1, parsed: 1 });
      expect(read).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(edited.site)).toBe(JSON.stringify((await clean()).site));
    } finally {
      read.mockRestore();
    }
  });

  it('builds what a clean parse builds from a truncated or damaged pack, and writes a whole one again', async () => {
    later();
    await cachedLoad(content, cacheDir);
    const pack = packFile(path.join(cacheDir, 'parse'), content);
    const bytes = await readFile(pack);
    const fresh = await clean();
    const damaged = [
      bytes.subarray(0, Math.floor(bytes.length / 2)),
      Buffer.from(bytes.toString('latin1').replace(/"rows":\[/g, '"rows":[{'), 'latin1'),
      Buffer.from('{"format":1'),
    ];
    for (const broken of damaged) {
      await writeFile(pack, broken);
      const loaded = await cachedLoad(content, cacheDir);
      expect(JSON.stringify(loaded.site)).toBe(JSON.stringify(fresh.site));
      expect(loaded.diagnostics).toEqual(fresh.diagnostics);
      const again = await cachedLoad(content, cacheDir);
      expect(again.stats).toMatchObject({ unread: sources, parsed: 0 });
    }
    // The one-file entries are a second line of defence: without them, damaged entries are parsed.
    await rm(path.join(cacheDir, 'parse'), { recursive: true, force: true, maxRetries: 2 }).catch(() => {});
    const cold = await cachedLoad(content, cacheDir);
    expect(cold.stats).toMatchObject({ parsed: sources });
    await writeFile(pack, bytes.subarray(0, Math.floor(bytes.length / 3)));
    await rm(path.join(cacheDir, 'parse', 'keywords'), { recursive: true, force: true });
    for (const dir of await readdir(path.join(cacheDir, 'parse'))) {
      if (/^[0-9a-f]{2}$/.test(dir)) await rm(path.join(cacheDir, 'parse', dir), { recursive: true, force: true });
    }
    const partial = await cachedLoad(content, cacheDir);
    expect(partial.stats?.parsed).toBeGreaterThan(0);
    expect(partial.stats?.parsed).toBeLessThan(sources);
    expect(JSON.stringify(partial.site)).toBe(JSON.stringify(fresh.site));
    expect(partial.diagnostics).toEqual(fresh.diagnostics);
  });
});

describe("a catalog's pack", () => {
  it('is not written again while it misses few sources, which are read again and taken from their own entries', async () => {
    const dir = path.join(root, 'catalog');
    const cache = path.join(root, 'catalog-cache');
    const generated = await generateContent(dir, { offerings: 200, seed: 12 });
    const total = generated.sources;
    // It may miss one source in fifty.
    const slack = Math.floor(total / 50);
    expect(slack).toBeGreaterThanOrEqual(2);
    const pack = packFile(path.join(cache, 'parse'), dir);
    const edit = async (n: number, text: string) => {
      const file = path.join(dir, generated.files[n] as string);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, `$1${text} `));
      vi.setSystemTime(Date.now() + 10_000);
    };
    later();
    await cachedLoad(dir, cache);
    const written = await readFile(pack);

    for (let n = 1; n <= slack; n++) {
      await edit(n, `Edit ${n}.`);
      expect((await cachedLoad(dir, cache)).stats).toMatchObject({ unread: total - n, parsed: 1 });
      expect((await readFile(pack)).equals(written)).toBe(true);
      // Sources the pack misses are read again, and come from their own entries.
      expect((await cachedLoad(dir, cache)).stats).toMatchObject({ fromCache: total, unread: total - n, parsed: 0 });
    }
    await edit(slack + 1, 'One edit too many.');
    const many = await cachedLoad(dir, cache);
    expect(many.stats).toMatchObject({ unread: total - slack - 1, parsed: 1 });
    expect((await readFile(pack)).equals(written)).toBe(false);
    expect((await cachedLoad(dir, cache)).stats).toMatchObject({ unread: total, parsed: 0 });
    expect(JSON.stringify(many.site)).toBe(JSON.stringify((await loadSite(dir, { cacheDir: false, workers: 0 })).site));
  }, 60_000);
});
