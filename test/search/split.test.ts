/**
 * The split search index: shards and chunks put back together give the whole index, a query
 * loads only the parts it needs, and results equal the whole index's (random queries on the
 * training corpus as one site, split into many small parts).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { buildSearchIndex, searchOutputs } from '../../src/search/index.js';
import { buildIndexData } from '../../src/search/index.js';
import { loadEngine, search, type Filters } from '../../src/search/query.js';
import type {
  DocChunk,
  FacetsFile,
  PartyFilter,
  SearchDoc,
  SearchIndexFile,
  SearchManifest,
  TermShard,
} from '../../src/search/record.js';
import { SplitIndex } from '../../src/search/sharded.js';
import {
  facetsOf,
  MANIFEST,
  shardKey,
  splitIndex,
  termShards,
  type SplitFile,
  type SplitOptions,
} from '../../src/search/split.js';
import { CHUNK_GROUP, chunkPart, facetsPart, PARTS_DIR, shardPart, termsPart } from '../../src/search/parts.js';
import { catalogContent } from '../cli/catalog.js';
import { propertySeed } from '../property-seed.js';

/** Small parts, so that even a small site splits into many shards and chunks. */
const TINY: SplitOptions = { inlineBytes: 0, shardBytes: 600, chunkBytes: 700 };

/** A split index read from memory, noting every part it asks for. */
function open(files: SplitFile[]): { index: SplitIndex; fetched: string[]; manifest: SearchManifest } {
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  const manifest = JSON.parse(String(byPath.get('index.json') ?? '')) as SearchManifest;
  const fetched: string[] = [];
  const index = new SplitIndex(manifest, async (path) => {
    fetched.push(path);
    const text = byPath.get(path);
    if (text === undefined) throw new Error(`no part ${path}`);
    return JSON.parse(String(text)) as unknown;
  });
  return { index, fetched, manifest };
}

const part = <T>(files: SplitFile[], name: string): T =>
  JSON.parse(String(files.find((f) => f.path === `${PARTS_DIR}/${name}`)?.contents ?? 'null')) as T;

let shipped: SearchIndexFile;
let corpus: SearchIndexFile;
let corpusSite: Site;
let folder: ReturnType<typeof catalogContent>;

beforeAll(async () => {
  const loaded = await loadSite('content');
  if (!loaded.site) throw new Error('shipped content did not load');
  shipped = JSON.parse(JSON.stringify(buildSearchIndex(loaded.site))) as SearchIndexFile;
  folder = catalogContent();
  const catalog = await loadSite(folder.content);
  if (!catalog.site) throw new Error('corpus did not load');
  corpusSite = catalog.site;
  corpus = JSON.parse(JSON.stringify(buildSearchIndex(catalog.site))) as SearchIndexFile;
});
afterAll(() => folder?.cleanup());

describe('split and merge', () => {
  test('shards are contiguous ranges of the vocabulary, each under the size unless one term is larger', () => {
    const { terms, postings } = corpus.index;
    const shards = termShards(terms, postings, 600);
    expect(shards.length).toBeGreaterThan(10);
    expect(shards.flatMap((s) => s.terms)).toEqual(terms);
    expect(shards.flatMap((s) => s.postings)).toEqual(postings);
    for (const shard of shards) {
      const size = shard.terms.reduce(
        (sum, term, i) => sum + term.length + (shard.postings[i] ?? '').length + 6,
        0,
      );
      if (shard.terms.length > 1) expect(size).toBeLessThanOrEqual(600);
    }
  });

  test('a shard key is the shortest prefix of its first term above the last term before it', () => {
    expect(shardKey('backup', 'azure')).toBe('b');
    expect(shardKey('backups', 'backup')).toBe('backups');
    expect(shardKey('backing', 'backend')).toBe('backi');
  });

  test('every term is found in the shard that holds it, and the parts put back together give the whole index', () => {
    const files = splitIndex(corpus, TINY);
    const { index, manifest } = open(files);
    expect(manifest.shards.length).toBeGreaterThan(10);
    expect(manifest.chunks).toBeGreaterThan(10);
    const shards = manifest.shards.map(([, , hash]) => part<TermShard>(files, shardPart(hash)));
    corpus.index.terms.forEach((term) => expect(shards[index.shardOf(term)]?.terms).toContain(term));
    expect(shards.flatMap((s) => s.terms)).toEqual(part<string[]>(files, termsPart(manifest.termsHash)));
    const chunks = Array.from({ length: manifest.chunks }, (_, n) => part<DocChunk>(files, chunkPart(n, manifest)));
    // Every part is named after its contents, and the manifest names every part.
    expect(files.length).toBe(1 + manifest.shards.length + manifest.chunks + 2);
    expect(chunks.flatMap((c) => c.docs)).toEqual(corpus.docs);
    for (const chunk of chunks) {
      for (const [o, id, name] of chunk.offerings) expect(corpus.offerings[o]).toEqual([id, name]);
    }
    expect(part<FacetsFile>(files, facetsPart(manifest.facetsHash))).toEqual(facetsOf(corpus));
  });

  test('the files are deterministic, and a small index stays one file with everything inline', () => {
    const a = searchOutputs(corpusSite);
    const b = searchOutputs(structuredClone(corpusSite));
    expect(a.map((f) => f.path)).toEqual(b.map((f) => f.path));
    expect(a.map((f) => f.contents)).toEqual(b.map((f) => f.contents));
    expect(a[0]?.path).toBe('search/index.json');
    const small = splitIndex(shipped);
    expect(small.map((f) => f.path)).toEqual(['index.json']);
    expect((JSON.parse(String(small[0]?.contents ?? '{}')) as SearchManifest).inline?.chunk.docs).toEqual(
      shipped.docs,
    );
  });
});

describe('an edit renames only what it changes', () => {
  /** The corpus index with one more word in one row's provider cell. */
  function edited(word: string): SearchIndexFile {
    const docs = corpus.docs.map((doc) => [...doc] as SearchDoc);
    const at = docs.findIndex((doc, i) => i > docs.length / 2 && doc[0] === 'r' && doc[4] !== '');
    const doc = docs[at] as SearchDoc;
    doc[4] = `${doc[4]} ${word}`;
    const records = { ...corpus, docs };
    return { ...records, index: buildIndexData(records) };
  }

  test("records' JSON given as its UTF-8 bytes (a rebuild's, as the last build left it) gives the same files as given as text", () => {
    // Cells of three bytes a character: counted in bytes, the records would be more than twice
    // as long, and there would be half as many of them per chunk (or fewer).
    const docs = corpus.docs.map((doc) => {
      const copy = [...doc] as SearchDoc;
      copy[4] = `${copy[4]} ${'責任'.repeat(500)}`;
      return copy;
    });
    const records = { ...corpus, docs };
    const file = { ...records, index: buildIndexData(records) };
    const json = docs.map((doc) => JSON.stringify(doc));
    const options = { ...TINY, chunkBytes: 64 * 1024 };
    const asText = splitIndex(file, options, () => json);
    const asBytes = splitIndex(file, options, () => json.map((text, i) => (i % 3 === 0 ? text : Buffer.from(text))));
    expect(asBytes.map((f) => f.path)).toEqual(asText.map((f) => f.path));
    expect(asBytes.map((f) => String(f.contents))).toEqual(asText.map((f) => String(f.contents)));
    expect(asBytes.some((f) => typeof f.contents !== 'string')).toBe(true);
  });

  test.each(['backup', 'zyxwvutsrq'])('one more word (%s) in one row: a few parts get new names, no name changes meaning', (word) => {
    const before = new Map(splitIndex(corpus, TINY).map((f) => [f.path, f.contents]));
    const after = splitIndex(edited(word), TINY);
    const renamed = after.filter((f) => !before.has(f.path));
    for (const f of after) if (before.has(f.path) && f.path !== MANIFEST) expect(f.contents, f.path).toBe(before.get(f.path));
    // The row's chunk group, the vocabulary for a new word, and the shards of the row's words.
    expect(renamed.filter((f) => f.path.includes('/d')).length).toBeLessThanOrEqual(CHUNK_GROUP);
    expect(renamed.filter((f) => f.path.includes('/terms.')).length).toBe(word === 'backup' ? 0 : 1);
    expect(renamed.filter((f) => f.path.includes('/facets.'))).toEqual([]);
    expect(renamed.length).toBeLessThan(after.length / 10);
  });
});

describe('a query loads what it needs', () => {
  test('a word loads its shards and the chunks of its hits, not the vocabulary or the facets', async () => {
    const { index, fetched, manifest } = open(splitIndex(corpus, TINY));
    const results = await index.search('backup', {}, 8);
    expect(results.hits.length).toBe(8);
    const shards = fetched.filter((p) => /\/t\.[0-9a-f]+\.json$/.test(p));
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThan(manifest.shards.length / 4);
    expect(fetched.filter((p) => /\/d\d+\.[0-9a-f]+\.json$/.test(p)).length).toBeLessThanOrEqual(8);
    expect(fetched.some((p) => p.includes('/terms.') || p.includes('/facets.'))).toBe(false);
    // The same query again fetches nothing more.
    const before = fetched.length;
    await index.search('backup', {}, 8);
    expect(fetched.length).toBe(before);
  });

  test('a typo loads the vocabulary, a filter the facets', async () => {
    const { index, fetched } = open(splitIndex(corpus, TINY));
    expect((await index.search('firmwear', {}, 8)).total).toBeGreaterThan(0);
    expect(fetched.some((p) => p.includes('/terms.'))).toBe(true);
    expect(fetched.some((p) => p.includes('/facets.'))).toBe(false);
    await index.search('backup', { party: 'customer' }, 8);
    expect(fetched.some((p) => p.includes('/facets.'))).toBe(true);
  });

  test('a small site answers from the manifest alone', async () => {
    const { index, fetched } = open(splitIndex(shipped));
    expect((await index.search('firmwear', { party: 'provider' }, 8)).total).toBeGreaterThan(0);
    expect(await index.allOfferings()).toEqual(shipped.offerings);
    expect(fetched).toEqual([]);
  });
});

describe('same results as the whole index', () => {
  const quality = (
    JSON.parse(readFileSync(new URL('../../bench/search-quality.json', import.meta.url), 'utf8')) as {
      query: string;
    }[]
  ).map((q) => q.query);

  test('the quality queries on the shipped content, split into small parts', async () => {
    const engine = loadEngine(shipped);
    const { index } = open(splitIndex(shipped, TINY));
    for (const query of quality) {
      for (const limit of [3, 8, 50])
        expect(await index.search(query, {}, limit), query).toEqual(
          search(engine, shipped, query, {}, limit),
        );
    }
  });

  test('random queries and filters on the corpus site (words, prefixes, typos)', async () => {
    const engine = loadEngine(corpus);
    const { index } = open(splitIndex(corpus, TINY));
    const vocabulary = corpus.index.terms;
    // A word as a reader types it: a whole term, its start, or a typo of it.
    const word = fc
      .tuple(
        fc.constantFrom(...vocabulary),
        fc.constantFrom('whole', 'prefix', 'typo', 'noise'),
        fc.nat(),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
      )
      .map(([term, how, n, letter]) => {
        if (how === 'prefix') return term.slice(0, 1 + (n % term.length));
        if (how === 'typo') {
          const at = n % term.length;
          return n % 2
            ? term.slice(0, at) + letter + term.slice(at + 1)
            : term.slice(0, at) + term.slice(at + 1) + letter;
        }
        return how === 'noise' ? letter.repeat(1 + (n % 3)) : term;
      });
    const filters = fc.record({
      offering: fc.constantFrom('', ...corpus.offerings.slice(0, 5).map(([id]) => id)),
      area: fc.constantFrom('', ...corpus.areas.map(([id]) => id)),
      party: fc.constantFrom<PartyFilter>('', 'provider', 'customer', 'both'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.option(filters, { nil: undefined }),
        fc.constantFrom(8, 50),
        async (words, chosen, limit) => {
          const query = words.join(' ');
          const applied: Filters = chosen ?? {};
          expect(await index.search(query, applied, limit), query).toEqual(
            search(engine, corpus, query, applied, limit),
          );
        },
      ),
      { numRuns: 150, seed: propertySeed('split index equals the whole index') },
    );
  });
});
