/** Pair pages: marked differences between two cells, and cells that say the same. */
import { describe, expect, test } from 'vitest';
import { markDifferences, sameHtml } from '../../src/render/pair-diff.js';
import { renderFiles } from './helpers.js';
import { loadSite } from '../../src/model/load-site.js';

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
