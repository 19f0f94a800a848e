/**
 * A rebuild's model.json takes an offering's bytes from the last model.json only for an
 * offering whose key the last build recorded there, and only while that file is still the one
 * it wrote; an offering's key changes with anything it was made of.
 */
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { KeyedOfferingJson } from '../../src/build/offering-json.js';
import { keyOfferings, offeringKey } from '../../src/build/offering-keys.js';
import type { PreviousOutput } from '../../src/build/output-reuse.js';
import type { Offering } from '../../src/model/types.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const offering = (id: string, file = `sources/${id}.md`): Offering => ({ id, name: id, source: { file, line: 1 }, sections: [] });

describe('offering keys and the last model.json', () => {
  test("an offering's key follows its source's parse key and its other inputs; a source without a parse key gives none", () => {
    const keyed = (parseKey: string, input: string, file = 'sources/a.md') => {
      const one = offering('a', file);
      keyOfferings([one], [input], new Map([[file, parseKey]]));
      return offeringKey(one);
    };
    expect(keyed('p1', '[1]')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed('p1', '[1]')).toBe(keyed('p1', '[1]'));
    expect(keyed('p2', '[1]')).not.toBe(keyed('p1', '[1]'));
    expect(keyed('p1', '["task-2"]')).not.toBe(keyed('p1', '[1]'));
    const other = offering('b', 'sources/b.md');
    keyOfferings([other], ['[1]'], new Map([['sources/a.md', 'p1']]));
    expect(offeringKey(other)).toBeUndefined();
  });

  test('points at the bytes recorded for a key in the last model.json while it is as recorded', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-offering-json-'));
    roots.push(dir);
    const [kept, changed, unkeyed] = [offering('kept'), offering('changed'), offering('unkeyed')];
    keyOfferings([kept, changed], ['[]', '[]'], new Map([['sources/kept.md', 'k'], ['sources/changed.md', 'c']]));
    const file = path.join(dir, 'model.json');
    writeFileSync(file, '{"offerings":[{"id":"kept"},{"old":true}]}\n');
    const { size, mtimeMs, ino } = statSync(file);
    const previous = (): PreviousOutput => ({
      dir,
      folderKey: 'any',
      renderKey: 'any',
      files: { 'model.json': { size, mtimeMs, ino } },
      dirs: {},
      // The changed offering's key is not the one recorded for those bytes.
      offeringJson: { [offeringKey(kept)!]: [14, 27], other: [28, 40] },
    });
    const json = new KeyedOfferingJson(previous());
    // The writer reads those bytes from the previous model.json (file-writer.test.ts).
    expect(json.known(kept)).toEqual({ previous: [14, 27] });
    expect(json.known(changed)).toBeUndefined();
    expect(json.known(unkeyed)).toBeUndefined();
    // What this build places is recorded for the next one, by key; an offering without one is not.
    json.placed(kept, 10, 23, undefined);
    json.placed(unkeyed, 30, 50, '{"id":"unkeyed"}');
    expect(json.ranges).toEqual({ [offeringKey(kept)!]: [10, 23] });

    // Changed since the last build recorded it: nothing is taken from it.
    utimesSync(file, new Date(), new Date(mtimeMs + 5000));
    expect(new KeyedOfferingJson(previous()).known(kept)).toBeUndefined();
    expect(new KeyedOfferingJson(undefined).known(kept)).toBeUndefined();
  });

  test('a damaged record of ranges means making those offerings again, never taking bytes outside the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-offering-json-'));
    roots.push(dir);
    const names = ['inside', 'past', 'reversed', 'negative', 'text', 'short', 'fraction'];
    const all = names.map((name) => offering(name));
    keyOfferings(all, names.map(() => '[]'), new Map(names.map((name) => [`sources/${name}.md`, name])));
    const file = path.join(dir, 'model.json');
    writeFileSync(file, '0123456789');
    const { size, mtimeMs, ino } = statSync(file);
    const ranges: unknown[] = [[0, 10], [5, 11], [6, 5], [-1, 2], 'x', [1], [0.5, 2]];
    const offeringJson = Object.fromEntries(all.map((o, i) => [offeringKey(o)!, ranges[i]])) as Record<string, [number, number]>;
    const json = new KeyedOfferingJson({ dir, folderKey: 'any', renderKey: 'any', files: { 'model.json': { size, mtimeMs, ino } }, dirs: {}, offeringJson });
    expect(all.map((o) => json.known(o))).toEqual([{ previous: [0, 10] }, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
