/**
 * The inline renderer's shortcuts (plain cells, cells of links and code spans, the small
 * mdast → hast converter) give exactly what the full path gives: same HTML, same text, same
 * messages.
 */
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { renderInlineWith } from '../../src/parse/markdown/inline.js';
import { propertySeed } from '../property-seed.js';
import { ctx } from './helpers.js';

const PIECES = [
  'word', 'IBM', ' ', '  ', '\t', '\u00a0', '.', ',', ':', '&', '<', '>', '"', "'", '’', '®',
  '[docs](/docs/key-protect?topic=x)', '[ext](https://example.com/a?b=1#c)', '[mail](mailto:a@b.c)',
  '[bad](javascript:alert(1))', '[rel](../x)', '[frag](#here)', '[odd](HTTP://X)', '[sp](<a b>)',
  '[x](/docs/y){: external}', '{: term}', '**bold**', '*em*', '_u_', '~~del~~', '`code`',
  '` spaced `', '`a b`', '`[x](/y)`', '`*`', '``', '`', '`&amp;`', '`  two  `', '` lead`', '`trail `', '`<b>`',
  '<br>', '</br>', '<code>c</code>', '<a href="/docs/z">z</a>', '<script>x</script>', '<b>b</b>',
  '\\n', '\\n - ', '\\n * ', '- ', '* ', '\n', '\\', '\\|', '|', '{{site.data.keyword.IBM_notm}}',
  '{{site.data.keyword.nope}}', 'https://bare.example.com', 'www.example.com', 'N/A', 'None', '?', '-',
  '&amp;', '&#x3C;', '[', ']', '(', ')', '!', '![img](/x.png)', '1.', '#',
];

function render(markdown: string, fastPaths: boolean) {
  const file = new VFile({ path: 'sources/x.md' });
  const rich = renderInlineWith(markdown, ctx(), file, { line: 3, column: 7 }, { fastPaths });
  return { ...rich, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`) };
}

describe('inline fast paths', () => {
  it('drop the leading space of a code span after a line break, as mdast-util-to-hast does (found by the property below)', () => {
    expect(render('word\\n` spaced ``a b`', true)).toEqual(render('word\\n` spaced ``a b`', false));
    expect(render('word\\n` spaced ``a b`', true).html).toBe('word<br><code>spaced ``a b</code>');
  });

  it('leave a cell whose code span holds a written \\n to the full path: the line breaks there (found by the property below)', () => {
    expect(render('`\\n * `', true)).toEqual(render('`\\n * `', false));
    expect(render('`\\n * `', true).html).toBe('<p>`</p><ul><li>`</li></ul>');
  });

  it("escape text, code and link addresses as the full path's serialiser does", () => {
    for (const cell of ["a & b < c > d \"e\" 'f'", "[a & b](/docs/x?a=1&b='2'#`c`) and `x<y&z` then [t](https://e.com/\"q\")"]) {
      expect(render(cell, true)).toEqual(render(cell, false));
    }
    expect(render("[a & b](/docs/x?a=1&b='2')", true).html).toBe('<a href="https://cloud.ibm.com/docs/x?a=1&#x26;b=&#x27;2&#x27;">a &#x26; b</a>');
  });

  it('equal the full path on random cells', () => {
    const cell = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(cell, (markdown) => {
        expect(render(markdown, true)).toEqual(render(markdown, false));
      }),
      { numRuns: 1500, seed: propertySeed('inline fast paths') },
    );
  }, 120_000);

  it('equal the full path on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (markdown) => {
        expect(render(markdown, true)).toEqual(render(markdown, false));
      }),
      { numRuns: 500, seed: propertySeed('inline fast paths, any text') },
    );
  }, 120_000);
});
