/** A page's ids packed for the cache record read back as they were; anything else reads as none. */
import { describe, expect, test } from 'vitest';
import { LazyIds, packIds, unpackIds } from '../../src/links/packed-ids.js';

describe('packed ids', () => {
  test('any ids read back in order, through the link check’s questions too', () => {
    const ids = ['change-management--rotate-keys', 'a "quoted" id', 'é\u2028', ''];
    expect(unpackIds(packIds(ids))).toEqual(ids);
    expect(unpackIds(packIds(new Set(ids).keys()))).toEqual(ids);
    const lazy = new LazyIds(packIds(ids));
    expect(lazy.has('a "quoted" id')).toBe(true);
    expect(lazy.has('missing')).toBe(false);
    expect([...lazy.keys()]).toEqual(ids);
  });

  test('a damaged record holds no ids', () => {
    for (const packed of ['', 'not json', '{"a":1}', '[1,"a"]', 'null']) {
      expect(unpackIds(packed), packed).toEqual([]);
      expect(new LazyIds(packed).has('a')).toBe(false);
    }
  });
});
