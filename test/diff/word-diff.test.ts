import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../src/changes/word-diff.js';
import { propertySeed } from '../property-seed.js';

const side = (parts: ReturnType<typeof wordDiff>, drop: 'added' | 'removed'): string =>
  parts.filter((p) => p.kind !== drop).map((p) => p.text).join('');

describe('wordDiff', () => {
  it('marks only the words that changed', () => {
    expect(wordDiff('Back up your master key daily.', 'Back up your root key weekly.')).toEqual([
      { kind: 'same', text: 'Back up your ' },
      { kind: 'removed', text: 'master' },
      { kind: 'added', text: 'root' },
      { kind: 'same', text: ' key ' },
      { kind: 'removed', text: 'daily.' },
      { kind: 'added', text: 'weekly.' },
    ]);
  });

  it('groups a run of changed words into one removal and one addition', () => {
    expect(wordDiff('a b c d', 'a x y d')).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'removed', text: 'b c' },
      { kind: 'added', text: 'x y' },
      { kind: 'same', text: ' d' },
    ]);
  });

  it('always reconstructs both texts', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'key', 'IBM', ' ', '  ', '\n', 'x.'), { maxLength: 30 });
    fc.assert(
      fc.property(words, words, (a, b) => {
        const before = a.join('');
        const after = b.join('');
        const parts = wordDiff(before, after);
        expect(side(parts, 'added')).toBe(before);
        expect(side(parts, 'removed')).toBe(after);
      }),
      { seed: propertySeed('word diff') },
    );
  });

  it('stays correct on texts too long for the LCS table', () => {
    const long = Array.from({ length: 800 }, (_, i) => `w${i}`).join(' ');
    const other = Array.from({ length: 800 }, (_, i) => `v${i}`).join(' ');
    const parts = wordDiff(long, other);
    expect(side(parts, 'added')).toBe(long);
    expect(side(parts, 'removed')).toBe(other);
  });
});
