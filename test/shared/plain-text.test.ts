/** collapse gives exactly what a whitespace replace and trim give, for any string. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { collapse, collapseRuns } from '../../src/shared/plain-text.js';
import { propertySeed } from '../property-seed.js';

const reference = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('collapse', () => {
  test('collapses as a replace of \\s+ and a trim do, any string', () => {
    const pieces = fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\u2028', '\u3000', '\ufeff', 'a', 'é', '😀', 'word');
    const texts = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(pieces).map((parts) => parts.join('')));
    fc.assert(fc.property(texts, (text) => collapse(text) === reference(text)), { seed: propertySeed('collapse as replace and trim'), numRuns: 3000 });
  });

  test('returns text that is collapsed already as it is, and collapses the rest', () => {
    for (const text of ['', 'a', 'one two', 'a\u00a0b', ' a', 'a ', 'a  b', 'a\nb', '\u3000', 'a\u2028b']) expect(collapse(text)).toBe(reference(text));
    expect(collapse('a\u00a0 b')).toBe('a b');
  });
});

describe('collapseRuns', () => {
  const runs = (text: string): string => text.replace(/\s+/g, ' ');

  test('collapses each run of whitespace as a replace of \\s+ does, ends kept, any string', () => {
    const pieces = fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\u2028', '\u3000', '\ufeff', 'a', 'é', '😀', 'word');
    const texts = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(pieces).map((parts) => parts.join('')));
    fc.assert(fc.property(texts, (text) => collapseRuns(text) === runs(text)), { seed: propertySeed('collapseRuns as replace'), numRuns: 3000 });
  });

  test('keeps single spaces at the ends, and collapses the rest', () => {
    for (const text of ['', ' ', 'a', ' a ', 'one two', '  ', 'a  b', 'a\tb', ' \n', 'a\u00a0b', '\u3000']) expect(collapseRuns(text)).toBe(runs(text));
    expect(collapseRuns(' a b ')).toBe(' a b ');
  });
});
