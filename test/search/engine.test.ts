/** Unit tests of the search engine, records and snippets on small hand-made models. */
import { describe, expect, test } from 'vitest';
import type { Offering, Row, Site } from '../../src/model/types.js';
import { buildSearchIndex, searchOutputs } from '../../src/search/index.js';
import fc from 'fast-check';
import { boundedDistance, buildEngineData, decodeVarints, docWords, largest, VarintText } from '../../src/search/engine.js';
import { propertySeed } from '../property-seed.js';
import { highlight, loadEngine, normalizeWord, search, terms } from '../../src/search/query.js';
import { searchRecords } from '../../src/search/records.js';

const rich = (text: string) => ({ text, html: text ? `<p>${text}</p>` : '' });

function row(areaId: string, task: string, provider: string, customer: string): Row {
  const taskId = task.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { anchor: `${areaId}--${taskId}`, task, taskId, provider: rich(provider), customer: rich(customer), source: { file: 'x.md', line: 1 } };
}

function offering(id: string, name: string, rows: Row[]): Offering {
  return {
    id,
    name,
    source: { file: `${id}.md`, line: 1 },
    sections: [
      {
        areaId: 'disaster-recovery',
        anchor: `disaster-recovery-${id}`,
        aliases: [],
        title: 'Disaster recovery',
        intro: rich(`${name} recovers its components after a disaster.`),
        source: { file: `${id}.md`, line: 2 },
        rows,
      },
    ],
  };
}

const site: Site = {
  title: 'Test',
  parties: { provider: 'IBM', customer: 'You' },
  areas: [{ id: 'disaster-recovery', title: 'Disaster recovery', description: 'Backups and failover.' }],
  offerings: [
    offering('alpha', 'Alpha Store', [
      row('disaster-recovery', 'Backups', 'Back up <b>data</b> every hour & keep 30 days.', 'None.'),
      row('disaster-recovery', 'Failover', '', 'Switch regions when a disaster strikes.'),
    ]),
    offering('beta', 'Beta Queue', [row('disaster-recovery', 'Backups', 'Replicate messages.', 'Restore queues from backups.')]),
  ],
  tasks: [],
  redirects: [],
};

describe('records', () => {
  test('one record per row, per intro and per area description, with party codes', () => {
    const { docs, offerings, areas } = searchRecords(site);
    expect(offerings).toEqual([
      ['alpha', 'Alpha Store'],
      ['beta', 'Beta Queue'],
    ]);
    expect(areas).toEqual([['disaster-recovery', 'Disaster recovery']]);
    expect(docs.map((d) => [d[0], d[6], d[7]])).toEqual([
      ['a', 'disaster-recovery', ''],
      ['i', 'disaster-recovery', ''],
      ['r', 'disaster-recovery--backups', 'p'],
      ['r', 'disaster-recovery--failover', 'c'],
      ['i', 'disaster-recovery', ''],
      ['r', 'disaster-recovery--backups', 'b'],
    ]);
  });

  test("a row's task is its canonical title; the source's own label is kept beside it when it differs", () => {
    const named: Site = {
      ...site,
      offerings: [offering('gamma', 'Gamma', [{ ...row('disaster-recovery', 'Applications', 'Back up keys.', ''), taskId: 'backups' }, row('disaster-recovery', 'Failover', 'x', '')])],
      tasks: [
        { id: 'backups', title: 'Backups', aliases: ['Applications'] },
        { id: 'failover', title: 'failover', aliases: [] },
      ],
    };
    const rows = searchRecords(named).docs.filter((d) => d[0] === 'r');
    expect(rows.map((d) => [d[3], d[8]])).toEqual([
      ['Backups', 'Applications'],
      ['failover', ''],
    ]);
    const file = JSON.parse(JSON.stringify(buildSearchIndex(named)));
    for (const query of ['backups', 'applications']) {
      const hit = search(loadEngine(file), file, query, {}, 1).hits[0];
      expect(hit?.url, query).toBe('offerings/gamma/#disaster-recovery--applications');
      expect(hit?.task.map((s) => s.text).join('')).toBe('Backups');
      expect(hit?.label.map((s) => s.text).join('')).toBe('Applications');
    }
  });

  test('the index file is deterministic', () => {
    const a = searchOutputs(site);
    const b = searchOutputs(structuredClone(site));
    expect(a[0]?.path).toBe('search/index.json');
    expect(a[0]?.contents).toBe(b[0]?.contents);
  });
});

describe('query', () => {
  const file = JSON.parse(JSON.stringify(buildSearchIndex(site)));
  const engine = loadEngine(file);

  test('task words rank above cell words, and URLs carry the row anchor', () => {
    const hits = search(engine, file, 'backups', {}, 10).hits;
    expect(hits[0]?.task.map((s) => s.text).join('')).toBe('Backups');
    expect(hits.map((h) => h.url)).toContain('offerings/beta/#disaster-recovery--backups');
    expect(hits.find((h) => h.kind === 'area')?.url).toBe('areas/disaster-recovery/');
  });

  test('prefix and typo', () => {
    expect(search(engine, file, 'failo', {}, 1).hits[0]?.url).toBe('offerings/alpha/#disaster-recovery--failover');
    expect(search(engine, file, 'falover', {}, 1).hits[0]?.url).toBe('offerings/alpha/#disaster-recovery--failover');
    expect(search(engine, file, 'zzzzzz', {}, 1).total).toBe(0);
  });

  test('snippets keep markup-like text as text and mark matches', () => {
    const hit = search(engine, file, 'data', { offering: 'alpha' }, 1).hits[0];
    expect(hit?.snippetFrom).toBe('provider');
    expect(hit?.snippet).toEqual([
      { text: 'Back up <b>', mark: false },
      { text: 'data', mark: true },
      { text: '</b> every hour & keep 30 days.', mark: false },
    ]);
  });

  test('the snippet comes from the column that matched', () => {
    const hit = search(engine, file, 'restore', {}, 1).hits[0];
    expect(hit?.snippetFrom).toBe('customer');
  });

  test('filters by party', () => {
    const urls = (party: 'provider' | 'customer' | 'both') => search(engine, file, 'backups failover', { party }, 10).hits.map((h) => h.url);
    expect(urls('provider')).toEqual(expect.arrayContaining(['offerings/alpha/#disaster-recovery--backups', 'offerings/beta/#disaster-recovery--backups']));
    expect(urls('provider')).not.toContain('offerings/alpha/#disaster-recovery--failover');
    expect(urls('customer')).not.toContain('offerings/alpha/#disaster-recovery--backups');
    expect(urls('both')).toEqual(['offerings/beta/#disaster-recovery--backups']);
  });

  test('an index of another version is refused', () => {
    expect(() => loadEngine({ ...file, version: 0 })).toThrow(/version/);
  });
});

describe('highlight', () => {
  const marks = { exact: new Set(['backup']), prefixes: [] };
  test('segments join back to the text', () => {
    const text = 'Keep a backup, then another Backup.';
    const parts = highlight(text, marks, Infinity);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['backup', 'Backup']);
  });

  test('long text is cut to a window around the first match', () => {
    const text = `${'word '.repeat(80)}backup ${'more '.repeat(80)}`.trim();
    const parts = highlight(text, marks, 100);
    const joined = parts.map((p) => p.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(joined.length).toBeLessThanOrEqual(110);
    expect(parts.some((p) => p.mark && p.text === 'backup')).toBe(true);
  });
});

test('bounded edit distance', () => {
  expect(boundedDistance('firmwear', 'firmware', 2)).toBe(2);
  expect(boundedDistance('disater', 'disaster', 2)).toBe(1);
  expect(boundedDistance('abcdef', 'uvwxyz', 2)).toBe(3);
});

test('a pasted paragraph is cut to its first words', () => {
  const file = JSON.parse(JSON.stringify(buildSearchIndex(site)));
  const engine = loadEngine(file);
  const filler = Array.from({ length: 12 }, (_, i) => `filler${i}`).join(' ');
  expect(search(engine, file, `failover ${filler}`, {}, 5).total).toBe(2);
  expect(search(engine, file, `${filler} failover`, {}, 5).total).toBe(0);
});

test('the largest keys come out as sorting them all would give them', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 300 }), fc.nat({ max: 60 }), (values, limit) => {
      const keys = Float64Array.from(values);
      const sorted = [...Float64Array.from(values).sort()].reverse().slice(0, limit);
      expect(largest(keys, limit)).toEqual(sorted);
    }),
    { numRuns: 200, seed: propertySeed('largest keys') },
  );
});

/** One number as the index writes it. */
function encode(value: number): string {
  const text = new VarintText();
  text.push(value);
  return text.text();
}

test('varints are the index format: five bits a character, low digits first, a high digit while more follow', () => {
  const values = [0, 31, 32, 1023, 1024, 2 ** 20, 2 ** 52 + 3];
  expect(values.map(encode)).toEqual(['0', 'V', 'W1', '_V', 'WW1', 'WWWW1', 'ZWWWWWWWWW4']);
  expect(decodeVarints(values.map(encode).join(''))).toEqual(values);
});

test('each posting is its doc ids and scores as VarintText writes them, however long it and its varints are', () => {
  const words = ['alpha', 'beta', 'gamma', 'delta'];
  const doc = fc.array(fc.array(fc.nat({ max: words.length - 1 }), { maxLength: 12 }).map((field) => Int32Array.from(field)), { minLength: 3, maxLength: 3 });
  const check = (docs: Int32Array[][], boosts: number[]): void => {
    const data = buildEngineData(words, docWords(docs), [3, 1.5, 1], (id) => boosts[id] as number);
    expect(data.terms).toEqual(words.filter((_, w) => docs.some((fields) => fields.some((field) => field.includes(w)))).sort());
    data.terms.forEach((term, t) => {
      const posting = data.postings[t] as string;
      const numbers = decodeVarints(posting);
      expect(numbers.map(encode).join('')).toBe(posting);
      // Delta-coded ids of the docs that hold the term, each with a positive score.
      const ids: number[] = [];
      for (let i = 0; i < numbers.length; i += 2) ids.push((ids.at(-1) ?? 0) + (numbers[i] as number));
      const w = words.indexOf(term);
      expect(ids).toEqual(docs.flatMap((fields, id) => (fields.some((field) => field.includes(w)) ? [id] : [])));
      expect(numbers.filter((_, i) => i % 2 === 1).every((score) => score >= 1)).toBe(true);
    });
  };
  // Thousands of characters in one posting: every doc holds the word, each with a long score.
  check(Array.from({ length: 2000 }, (_, id) => [Int32Array.of(0, id % 4), Int32Array.of(), Int32Array.of()]), Array.from({ length: 2000 }, (_, id) => 2 ** 30 + id));
  fc.assert(
    fc.property(fc.array(doc, { minLength: 1, maxLength: 60 }), fc.array(fc.double({ min: 0.5, max: 2 ** 40, noNaN: true }), { minLength: 60, maxLength: 60 }), check),
    { numRuns: 100, seed: propertySeed('engine postings') },
  );
});

test('terms of any text are the Unicode words, folded, without stop words (ASCII text takes a shortcut)', () => {
  // The definition, word by word; terms() skips the Unicode classes and folding for ASCII text.
  const reference = (text: string): string[] =>
    (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(normalizeWord).filter((t) => !'a an and are as at be by for from has have in into is it its of on or that the their this to with'.split(' ').includes(t));
  const samples = ['Back up THE keys, then rotate key-2 at 03:00.', 'Résumé of naïve CAFÉ duties', 'ﬁle ß İstanbul Ǆ', 'The IBM® Cloud™ and You', '\u0000tab\there_and_there'];
  for (const text of samples) expect(terms(text), text).toEqual(reference(text));
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }), fc.string()), (text) => {
      expect(terms(text)).toEqual(reference(text));
    }),
    { numRuns: 500, seed: propertySeed('search terms') },
  );
});
