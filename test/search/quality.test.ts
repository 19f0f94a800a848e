/**
 * Search quality on the shipped content: each query must find the expected rows in its top 3.
 * Runs the same query module the browser uses, on the index file as the build writes it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadSite } from '../../src/model/load-site.js';
import type { SearchIndexFile } from '../../src/search/record.js';
import { buildSearchIndex } from '../../src/search/index.js';
import { loadEngine, search, type Filters, type Hit } from '../../src/search/query.js';
import type { Engine } from '../../src/search/engine.js';

const KPS = 'key-protect-standard';
const KPD = 'key-protect-dedicated';

/**
 * query -> rows (`<offering>#<row anchor>`) that must all be among the first three results.
 * Prefixes, typos, several words, keyref-resolved names, words from either party's column.
 * The table is shared with bench/search-compare.mjs, which scores other engines on it.
 */
const TABLE = (JSON.parse(readFileSync(new URL('../../bench/search-quality.json', import.meta.url), 'utf8')) as { query: string; top3: string[] }[]).map(
  ({ query, top3 }) => [query, top3] as [string, string[]],
);

let file: SearchIndexFile;
let engine: Engine;

beforeAll(async () => {
  const { site } = await loadSite('content');
  if (!site) throw new Error('shipped content did not load');
  // The whole index as JSON holds it (the split files give the same results: split.test.ts).
  file = JSON.parse(JSON.stringify(buildSearchIndex(site))) as SearchIndexFile;
  engine = loadEngine(file);
});

const key = (hit: Hit): string => `${hit.offeringId}#${hit.url.split('#')[1] ?? ''}`;
const top = (query: string, filters: Filters = {}, limit = 3): string[] => search(engine, file, query, filters, limit).hits.map(key);

describe('search quality on the shipped content', () => {
  test.each(TABLE)('%s', (query, expected) => {
    const found = top(query);
    for (const row of expected) expect(found, `${query}: ${found.join(', ')}`).toContain(row);
  });

  test('a row is found by its canonical task title as well as by its label in the source', () => {
    // Key Protect Standard labels its backup row "Applications"; its task is "Backups".
    expect(top('backup')).toContain(`${KPS}#disaster-recovery--backups`);
    const hit = search(engine, file, 'backup', { offering: KPS }, 1).hits[0];
    expect(hit?.task.map((s) => s.text).join('')).toBe('Backups');
    expect(hit?.label.map((s) => s.text).join('')).toBe('Applications');
  });

  test('every row links to its offering page and anchor', () => {
    const hit = search(engine, file, 'firmware', {}, 1).hits[0];
    expect(hit?.url).toBe(`offerings/${KPD}/#incident-and-ops--firmware-updates`);
    expect(hit?.offeringName).toBe('Key Protect Dedicated');
    expect(hit?.kind).toBe('row');
  });

  test('typo matches are highlighted by the word the text holds', () => {
    const hit = search(engine, file, 'firmwear', {}, 1).hits[0];
    expect(hit?.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(['firmware']);
    expect(hit?.task.filter((s) => s.mark).map((s) => s.text)).toEqual(['Firmware']);
  });

  test('filters narrow results by offering, area and party', () => {
    const all = search(engine, file, 'access', {}, 100);
    const kpd = search(engine, file, 'access', { offering: KPD }, 100);
    expect(kpd.total).toBeGreaterThan(0);
    expect(kpd.total).toBeLessThan(all.total);
    expect(kpd.hits.every((hit) => hit.offeringId === KPD)).toBe(true);
    const iam = search(engine, file, 'access', { area: 'iam-responsibilities' }, 100);
    expect(iam.total).toBeLessThan(all.total);
    expect(iam.hits.every((hit) => hit.areaId === 'iam-responsibilities')).toBe(true);
    // "None." in the customer's cell is no duty: that row is the provider's alone.
    const none = `${KPS}#disaster-recovery--backups`;
    expect(search(engine, file, 'Key Protect', { party: 'customer' }, 100).hits.map(key)).not.toContain(none);
    expect(search(engine, file, 'Key Protect', { party: 'provider' }, 100).hits.map(key)).toContain(none);
    expect(search(engine, file, 'Key Protect', { party: 'both' }, 100).hits.map(key)).not.toContain(none);
  });

  test('no words, no results', () => {
    expect(search(engine, file, '  ', {}, 10)).toEqual({ total: 0, hits: [] });
    expect(search(engine, file, 'the and of', {}, 10).total).toBe(0);
  });
});
