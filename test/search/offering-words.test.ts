/**
 * A rebuild's search index takes unchanged offerings' words from the last build's file
 * (src/search/offering-words.ts): whatever it takes, the index is the one a build that numbers
 * every word makes, and a file it cannot use (another context, damaged bytes) is no words.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import { rowsView, type RowsView } from '../../src/model/rows-view.js';
import type { Site } from '../../src/model/types.js';
import { docWords } from '../../src/search/engine.js';
import { OfferingWords } from '../../src/search/offering-words.js';
import { searchOutputs } from '../../src/search/index.js';
import { generateContent } from '../../tools/synthetic/generate.js';

let root = '';
let site: Site;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'respmatrix-offering-words-'));
  await generateContent(root, { offerings: 12, seed: 17 });
  site = (await loadSite(root, { cacheDir: false })).site as Site;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Keys as a build gives them: the same offering, the same key. */
const keysOf = (view: RowsView) => view.offerings.map((offering) => createHash('sha256').update(JSON.stringify(offering)).digest('hex'));

function outputs(view: RowsView, words?: OfferingWords, keys: (string | null)[] = keysOf(view)): string {
  return JSON.stringify(searchOutputs(view, words ? { reuse: { words, keys } } : undefined));
}

/** The site with one row's provider text changed to new words, one offering gone and the rest as they were. */
function edited(): RowsView {
  const view = rowsView(structuredClone(site));
  const row = view.offerings[3]!.sections[0]!.rows[0]!;
  row.provider = { text: `${row.provider.text} Quokkas rotate the zebra keys.` };
  view.offerings.splice(7, 1);
  return view;
}

test('an index made with the last build\'s words is the one made without, after edits', () => {
  const first = rowsView(site);
  const words = new OfferingWords('context');
  expect(outputs(first, words)).toBe(outputs(first));
  const next = edited();
  const again = new OfferingWords('context', words.file());
  expect(outputs(next, again)).toBe(outputs(next));
  // And a third build from the second's file.
  expect(outputs(next, new OfferingWords('context', again.file()))).toBe(outputs(next));
});

test('the words of an offering are taken by its key (a stale key shows it), and only in the same context', () => {
  const first = rowsView(site);
  const words = new OfferingWords('context');
  outputs(first, words);
  const file = words.file();
  const next = edited();
  // The edited offering keeps its old key: its old words are taken, so the index is not the one made without.
  const staleKeys = keysOf(next).map((key, o) => (o === 3 ? keysOf(first)[3]! : key));
  expect(outputs(next, new OfferingWords('context', file), staleKeys)).not.toBe(outputs(next));
  // Another context takes nothing; an offering without a key is made.
  expect(outputs(next, new OfferingWords('other', file), staleKeys)).toBe(outputs(next));
  expect(outputs(next, new OfferingWords('context', file), staleKeys.map((key, o) => (o === 3 ? null : key)))).toBe(outputs(next));
});

test('a cut or empty file is no words, and no damaged one throws', () => {
  const view = rowsView(site);
  const words = new OfferingWords('context');
  const wanted = outputs(view, words);
  const file = words.file();
  const made = (bytes: Uint8Array) => outputs(view, new OfferingWords('context', bytes));
  expect(made(file.subarray(0, file.length - 4))).toBe(wanted);
  expect(made(new Uint8Array(0))).toBe(wanted);
  fc.assert(
    fc.property(fc.nat(file.length - 1), fc.nat(255), (at, value) => {
      const damaged = file.slice();
      damaged[at] = value;
      // A changed word number or length may point at other words: only the damage to the
      // header or the layout is caught, the rest is a cache's trust in its own folder.
      expect(() => made(damaged)).not.toThrow();
    }),
    { numRuns: 50 },
  );
});

test('an offering\'s fields are taken only as stored: as many records and fields, every word one the file lists', () => {
  const words = new OfferingWords('context');
  const fields = docWords([[words.numbers.of('rotate the keys'), words.numbers.of('backup')]]).data;
  words.put('stored', fields);
  // One record of two fields, the first a word the file does not list.
  words.put('unlisted', Int32Array.of(1, 99, 0));
  const again = new OfferingWords('context', words.file());
  expect(again.take('stored', 1, 2)).toEqual(fields);
  expect(again.take('stored', 2, 2)).toBeUndefined();
  expect(again.take('stored', 1, 1)).toBeUndefined();
  expect(again.take('unlisted', 1, 2)).toBeUndefined();
});
