/** A kept checklist's record is made again exactly when a row it carries may point elsewhere. */
import { describe, expect, test } from 'vitest';
import { repeatedIdsMoved, type IndexSources } from '../../src/links/anchor-manifest.js';
import { packIds } from '../../src/links/packed-ids.js';

const sources = (rows: Record<string, string>, areas = ['change-management']): IndexSources => ({ areas, rows });

describe('repeatedIdsMoved', () => {
  const before = sources({ 'change-management--rotate': 'a:3', 'change-management--patch': 'a:4' });
  const ids = packIds(['change-management', 'change-management--rotate']);

  test('nothing moved: no record is made again', () => {
    expect(repeatedIdsMoved(before, sources({ ...before.rows }))(ids)).toBe(false);
  });

  test('a moved, added or removed anchor makes again the records that carry it, and only those', () => {
    expect(repeatedIdsMoved(before, sources({ ...before.rows, 'change-management--rotate': 'b:3' }))(ids)).toBe(true);
    expect(repeatedIdsMoved(before, sources({ ...before.rows, 'change-management--patch': 'b:9' }))(ids)).toBe(false);
    expect(repeatedIdsMoved(before, sources({ 'change-management--patch': 'a:4' }))(ids)).toBe(true);
    expect(repeatedIdsMoved(sources({ 'change-management--patch': 'a:4' }), before)(ids)).toBe(true);
    // An id that merely holds a moved anchor's text, even quoted, is not taken for it.
    expect(repeatedIdsMoved(before, sources({ ...before.rows, 'change-management--rotate': 'b:3' }))(packIds(['x-change-management--rotate']))).toBe(false);
    expect(repeatedIdsMoved(before, sources({ ...before.rows, rotate: 'b:3' }))(packIds(['x"rotate"']))).toBe(false);
  });

  test('other areas, or a last record not as written, make every record again', () => {
    expect(repeatedIdsMoved(before, sources(before.rows, ['change-management', 'incidents']))(ids)).toBe(true);
    for (const damaged of [undefined, null, 'x', { areas: 'x', rows: {} }, { areas: [], rows: { a: 1 } }]) {
      expect(repeatedIdsMoved(damaged, before)(packIds([])), JSON.stringify(damaged)).toBe(true);
    }
  });
});
