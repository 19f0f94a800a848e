import { describe, expect, test } from 'vitest';
import { checkLinks, idsOf } from '../../src/links/link-check.js';

const page = (html: string) => [{ path: 'offerings/x/index.html', html }];
const options = { base: '/', files: ['offerings/x/index.html', 'index.html'] };

describe('link check', () => {
  test('reports a link to a page that does not exist', () => {
    const found = checkLinks(page('<p><a href="/offerings/y/">y</a></p>'), options);
    expect(found.map((d) => d.rule)).toEqual(['broken-link']);
  });

  test('a broken link with no source behind it is reported at its URL’s line and column in the output file', () => {
    const found = checkLinks(page('<main>\n<p>x</p>\n  <a href="/offerings/y/">y</a>\n<a href="/nope/">n</a></main>'), options);
    expect(found.map((d) => [d.file, d.line, d.column])).toEqual([
      ['offerings/x/index.html', 3, 12],
      ['offerings/x/index.html', 4, 10],
    ]);
  });

  test('escaped HTML shown as text is not a link', () => {
    // A raw <img> in a source cell is escaped; its src must not be followed.
    const html = '<td>&lt;img src="../icons/launch-glyph.svg" id="x"&gt; <a href="#main">top</a></td><main id="main"></main>';
    expect(checkLinks(page(html), options)).toEqual([]);
    expect(idsOf(html).map((i) => i.id)).toEqual(['main']);
  });
});
