/**
 * The index builder's word numbering reads ASCII text through a tree of known words: it must
 * give exactly `terms(text)`, numbered in order of first appearance, whatever the texts and
 * whatever order ASCII and other texts come in.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { terms } from '../../src/search/query.js';
import { WordNumbers } from '../../src/search/word-numbers.js';
import { propertySeed } from '../property-seed.js';

/** What WordNumbers must give: terms() of each text, each new word numbered next. */
function reference(texts: string[]): { words: string[]; numbered: number[][] } {
  const words: string[] = [];
  const numbers = new Map<string, number>();
  const numbered = texts.map((text) =>
    terms(text).map((word) => {
      if (!numbers.has(word)) numbers.set(word, words.push(word) - 1);
      return numbers.get(word)!;
    }),
  );
  return { words, numbered };
}

function numberAll(texts: string[]): { words: string[]; numbered: number[][] } {
  const numbers = new WordNumbers();
  const numbered = texts.map((text) => [...numbers.of(text)]);
  return { words: numbers.words, numbered };
}

test('numbers the words of ASCII and other text as terms() splits them', () => {
  const texts = [
    'The Customer MUST back up keys, and the Provider restores them.',
    'IBM manages the HSM; you manage access (IAM) to 2 key rings.',
    'Résumé of the KEY rotation: keys rotate every 90 days',
    'key-rotation key_rotation KEYROTATION',
    '',
    '   ...   ',
    'the a an of',
    'The Customer MUST back up keys, and the Provider restores them.',
  ];
  expect(numberAll(texts)).toEqual(reference(texts));
  // Stop words are never numbered; a known word keeps its number in later texts.
  const { words, numbered } = numberAll(texts);
  expect(words).not.toContain('the');
  expect(numbered[7]).toEqual(numbered[0]);
});

test('a word first met in non-ASCII text keeps its number when it comes again in ASCII text', () => {
  const texts = ['Clé de chiffrement: key', 'key chiffrement clé', 'cle KEY'];
  expect(numberAll(texts)).toEqual(reference(texts));
});

test('equals terms() numbered in order for any texts (property)', () => {
  // Mostly words from a small vocabulary, so texts share words and prefixes of words.
  const word = fc.constantFrom('key', 'keys', 'Key', 'k', 'the', 'The', 'of', 'rotate', 'rotation', 'Réseau', 'naïve', 'x9', '90', 'iam', 'IAM');
  const separator = fc.constantFrom(' ', ', ', '-', '_', '\n', '\t', '/', '(', ')', 'é', '\u0301', '😀', '');
  const text = fc.oneof(
    fc.array(fc.tuple(word, separator), { maxLength: 12 }).map((parts) => parts.map(([w, s]) => w + s).join('')),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );
  fc.assert(
    fc.property(fc.array(text, { maxLength: 30 }), (texts) => {
      expect(numberAll(texts)).toEqual(reference(texts));
    }),
    { numRuns: 400, seed: propertySeed('word numbers') },
  );
});

test('keeps numbering when the tree of words outgrows its first allocation', () => {
  // Many distinct long words: thousands of tree nodes, past the initial 1,024.
  const texts = Array.from({ length: 400 }, (_, i) => `word${i}abcdefghij${i * 7919} other${i}klmnopqrst`);
  expect(numberAll(texts)).toEqual(reference(texts));
});
