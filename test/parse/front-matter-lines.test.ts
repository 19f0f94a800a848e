/**
 * The front matter read without a YAML parser gives what js-yaml gives for the fields the page
 * uses, and leaves to js-yaml whatever it is not sure of. IBM's real front matter takes the
 * short way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { plainFrontMatter } from '../../src/parse/markdown/front-matter-lines.js';
import { CORPUS, CORPUS_FILES } from '../corpus-pages.js';
import { propertySeed } from '../property-seed.js';

const FIELDS = ['subcollection', 'lastupdated'] as const;

/** What the parser takes of a field's value: text as it is, another value as such, else nothing. */
function taken(value: unknown): string | null {
  if (typeof value === 'string') return `text:${value}`;
  if (value instanceof Date || typeof value === 'number') return `value:${String(value)}`;
  return null;
}

/** The short way's fields, checked against js-yaml's; false when it left the text to js-yaml. */
function agrees(yaml: string): boolean {
  const plain = plainFrontMatter(yaml);
  if (plain === undefined) return false;
  const full = load(yaml) as Record<string, unknown> | undefined;
  for (const field of FIELDS) expect(taken(plain[field]), `${field} of ${JSON.stringify(yaml)}`).toBe(taken(full?.[field]));
  return true;
}

/** A page's front matter as the parser sees it (line ends made `\n` first, normalize.ts). */
const frontMatterOf = (text: string) => /^---\n([\s\S]*?)\n---/.exec(text.replace(/\r\n?/g, '\n'))?.[1];

describe('front matter read without a YAML parser', () => {
  it('reads IBM front matter: key lines and one indented level', () => {
    const yaml = 'copyright:\n  years: 2015, 2024\nlastupdated: "2026-04-26"\n\nkeywords: responsibilities for {{site.data.keyword.x}}, backup\n\nsubcollection: data-relay\n';
    expect(plainFrontMatter(yaml)).toEqual({ lastupdated: '2026-04-26', subcollection: 'data-relay' });
    expect(agrees(yaml)).toBe(true);
    expect(plainFrontMatter('lastupdated: 2026-04-26')).toEqual({ lastupdated: '2026-04-26' });
    expect(plainFrontMatter('subcollection:\nlastupdated: ""')).toEqual({ subcollection: null, lastupdated: '' });
  });

  it('leaves to js-yaml what it is not sure of', () => {
    for (const yaml of [
      'subcollection: True', 'subcollection: null', 'lastupdated: 2024', 'lastupdated: 2026-4-26', 'a: b\na: c',
      'null: 1', 'k: x: y', 'k: x #c', 'k: "a\\"b"', "k: 'q'", 'k: *a', 'k: [a]', 'k: a\n  b', ' k: v', 'k:\n  a: 1\n   b: 2',
      'k:\tv', 'k: é', '\u00a0', '# comment', 'k: v\r', '- a',
    ]) {
      expect(plainFrontMatter(yaml), JSON.stringify(yaml)).toBeUndefined();
    }
  });

  it('keeps a no-break space, which YAML reads as text, and leaves an empty front matter to js-yaml (found by the property below)', () => {
    expect(plainFrontMatter('subcollection: \u00a0')).toBeUndefined();
    expect(plainFrontMatter('subcollection: \u00a0\n  subcollection: ')).toBeUndefined();
    expect(plainFrontMatter('')).toBeUndefined();
    expect(plainFrontMatter('\n  \n')).toBeUndefined();
  });

  it('takes the short way for the front matter of every real page', () => {
    const blocks = CORPUS_FILES.map((file) => frontMatterOf(readFileSync(path.join(CORPUS, file), 'utf8'))).filter((yaml) => yaml !== undefined);
    expect(blocks.length).toBeGreaterThan(0);
    for (const yaml of blocks) expect(agrees(yaml), yaml).toBe(true);
  });

  it('agrees with js-yaml on random front matter', () => {
    const key = fc.constantFrom('subcollection', 'lastupdated', 'subcollection', 'lastupdated', 'copyright', 'years', 'keywords', 'Null', 'true', 'k-1', 'a_b', 'x');
    const separator = fc.constantFrom(': ', ': ', ': ', ': ', ': ', ':', ':  ', ':\t', ' : ');
    const piece = fc.constantFrom(
      'data-relay', 'key-protect', '2026-04-26', '2026-4-26', '2024', '"2024-01-02"', '"a\\"b"', '"', "'q'", 'yes', 'True', 'null', '~',
      '1e3', '0x1f', '.inf', '{{site.data.keyword.x}}', 'a, b', 'a: b', 'a:b', ' #c', '#', 'x:', '- x', '-', '[a]', '{a}', '&a', '*a',
      '!t', '|', '>', '%', '@', '`', ' ', '\t', '\u00a0', 'é', '', '\\',
    );
    const plain = fc.constantFrom('data-relay', 'key-protect', '2026-04-26', '"2024-01-02"', 'a, b', 'for {{site.data.keyword.x}}', '_x_', '');
    const value = fc.oneof(
      { arbitrary: plain, weight: 6 },
      { arbitrary: fc.array(piece, { maxLength: 2 }).map((parts) => parts.join('')), weight: 1 },
    );
    const indent = fc.constantFrom('', '', '', '', '', '', '  ', '  ', ' ', '   ', '\t');
    const line = fc.oneof(
      { arbitrary: fc.tuple(indent, key, separator, value).map((parts) => parts.join('')), weight: 12 },
      { arbitrary: fc.constantFrom('', '  ', '\t', '\u00a0', '# note', '---'), weight: 1 },
    );
    const yaml = fc.tuple(fc.array(line, { minLength: 1, maxLength: 5 }), fc.boolean()).map(([lines, end]) => lines.join('\n') + (end ? '\n' : ''));
    let short = 0;
    fc.assert(
      fc.property(yaml, (text) => {
        if (agrees(text)) short++;
      }),
      { numRuns: 3000, seed: propertySeed('front matter lines') },
    );
    // The property says something only if the short way is taken often enough.
    expect(short).toBeGreaterThan(100);
  });

  it('agrees with js-yaml on random text', () => {
    const text = fc.string({ unit: fc.constantFrom('k', 'v', ':', ' ', '\n', '"', '#', '-', '\t', '\u00a0', '_', '1', '{'), maxLength: 40 });
    fc.assert(
      fc.property(text, (yaml) => {
        agrees(yaml);
      }),
      { numRuns: 3000, seed: propertySeed('front matter lines, any text') },
    );
  });
});
