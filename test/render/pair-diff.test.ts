/** Pair pages: marked differences between two cells, and cells that say the same. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { fragment, markDifferences, sameHtml } from '../../src/render/pair-diff.js';
import { parseSourceFile } from '../../src/parse/source.js';
import type { Rich } from '../../src/parse/types.js';
import { renderFiles } from './helpers.js';
import { loadSite } from '../../src/build/load-site.js';
import { corpus } from '../cli/helpers.js';

const marks = (html: string): string[] =>
  [...html.matchAll(/<mark class="pair-diff"><span class="visually-hidden">\[differs: <\/span>(.*?)<span class="visually-hidden">\]<\/span><\/mark>/g)].map((m) => m[1]!);

describe('markDifferences', () => {
  test('marks the words only one cell has, on each side, and keeps links and lists', () => {
    const [a, b] = markDifferences(
      '<p>Provide updates for <a href="https://x.test/kp">Key Protect</a> interfaces.</p>',
      '<p>Provide updates for <a href="https://x.test/kp">Key Protect</a> Dedicated interfaces.</p>',
    );
    expect(marks(a)).toEqual([]);
    expect(marks(b)).toEqual(['Dedicated']);
    expect(b).toContain('<a href="https://x.test/kp">Key Protect</a> <mark');
    const [c, d] = markDifferences('<ul><li>Back up keys.</li><li>Restore them.</li></ul>', '<ul><li>Back up secrets.</li><li>Restore them.</li></ul>');
    expect(marks(c)).toEqual(['keys.']);
    expect(marks(d)).toEqual(['secrets.']);
    expect(d).toContain('<li>Restore them.</li>');
  });

  test('text that looks like markup stays text', () => {
    const [, b] = markDifferences('<p>Use a.</p>', '<p>Use &#x3C;b>.</p>');
    expect(b).not.toContain('<b>');
    expect(marks(b)).toEqual(['&#x3C;b>.']);
  });

  test('same words and links: the same; other links: not', () => {
    expect(sameHtml('<p>Use  the API.</p>', '<p>Use the API.</p>')).toBe(true);
    expect(sameHtml('<p><a href="/a">docs</a></p>', '<p><a href="/b">docs</a></p>')).toBe(false);
    expect(sameHtml('', '')).toBe(false);
  });
});

describe('a cell read without the HTML parser', () => {
  /** Read by the parser's rules: what every cell must serialise to. */
  const parsed = (html: string): string => toHtml(fromHtml(html, { fragment: true }));
  /** The parser's nodes carry positions: a tree without one was read without it. */
  const unparsed = (tree: Root): boolean => tree.children.every((child) => child.position === undefined);

  test('text and links serialise as the parser reads them, and anything else goes to the parser', () => {
    const pieces = [
      'x', ' ', '\n', 'é', '>', '"', "'", ';', '#', '=', '&amp;', '&lt;', '&gt;', '&quot;', '&#39;', '&#x26;', '&#x3C;', '&#x22;',
      '&#X41;', '&#0;', '&#x80;', '&#128512;', '&nbsp;', '&apos;', '&amp', '&', '&constructor;', '<a href="', '">', '</a>',
      '<a href="/p?a=1&#x26;b=2">L</a>', '<a href="https://x.test/">docs</a>', '<a href="x" rel="y">r</a>', '<b>', '</b>', '<', '\r', '\0',
    ];
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const html = parts.join('');
        const tree = fragment(html);
        if (unparsed(tree)) read += 1;
        expect(toHtml(tree)).toBe(parsed(html));
      }),
      { numRuns: 3000, seed: 14 },
    );
    // Not a test of the parser alone: a good share of the cases took the short way.
    expect(read).toBeGreaterThan(600);
  });

  test('every cell of the real IBM pages serialises as the parser reads it', () => {
    const cells: string[] = [];
    for (const folder of ['ibm', 'upstream']) {
      for (const name of readdirSync(path.join(corpus, folder)).filter((n) => n.endsWith('.md'))) {
        const value = readFileSync(path.join(corpus, folder, name), 'utf8');
        const { parsed: source } = parseSourceFile(new VFile({ path: `sources/${name}`, value }), { keywords: new Map() });
        const html = (rich: Rich | undefined) => rich && cells.push(rich.html);
        for (const table of source.tables) for (const row of table.rows) [row.provider, row.customer].forEach(html);
      }
    }
    const linked = cells.filter((cell) => cell.includes('<a href=') && unparsed(fragment(cell)));
    expect(linked.length).toBeGreaterThan(50);
    for (const cell of cells) expect(toHtml(fragment(cell)), cell).toBe(parsed(cell));
  });
});

describe('pair pages of the shipped content', () => {
  test('Standard vs Dedicated: "Dedicated" is marked, identical cells say "Same as Key Protect Standard"', async () => {
    const { site } = await loadSite('content');
    const html = renderFiles(site!, '/').get('compare/key-protect-standard-vs-key-protect-dedicated/index.html') ?? '';
    expect(marks(html)).toContain('Dedicated');
    expect(html).toContain('<span class="cmp-same">Same as Key Protect Standard</span>');
    // /compare/ with all three offerings keeps every cell whole.
    const all = renderFiles(site!, '/').get('compare/index.html') ?? '';
    expect(all).not.toContain('class="pair-diff"');
    expect(all).not.toContain('Same as');
  });
});
