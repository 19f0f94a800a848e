/**
 * The escaping installed for autoescape gives the text Nunjucks' own gives, but for characters
 * past U+00FF, written as numeric references so that pages are one byte a character; the link
 * check reads the text back; templates rendered through the environment use it.
 */
import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { describe, expect, test } from 'vitest';
import { escapeHtml, latin1Html } from '../../src/render/escape.js';
import { decode } from '../../src/links/html-scan.js';
import { propertySeed } from '../property-seed.js';

// Nunjucks' own, before the environment (not imported by this file) replaces it.
const nunjucksEscape = nunjucks.lib.escape;

/** `text` with each lone surrogate as U+FFFD (String.prototype.toWellFormed). */
const wellFormed = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

describe('escapeHtml', () => {
  test('is not the function it is compared with', () => {
    expect(nunjucksEscape).not.toBe(escapeHtml);
  });

  const special = fc.constantFrom('&', '"', "'", '<', '>', '\\', 'a', 'é', 'ÿ', 'Ā', '›', '😀', '\ud83d', '\ude00', ' ', '&amp;');
  const texts = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.array(special).map((parts) => parts.join('')));

  test('escapes as Nunjucks does, with each character past U+00FF as its numeric reference, any string', () => {
    // The same text, said plainly: Nunjucks' escaping, then code point by code point (a lone surrogate is U+FFFD).
    const expected = (text: string): string =>
      Array.from(nunjucksEscape(text), (char) => {
        const point = char.codePointAt(0) as number;
        if (point <= 0xff) return char;
        return `&#${point >= 0xd800 && point <= 0xdfff ? 0xfffd : point};`;
      }).join('');
    fc.assert(fc.property(texts, (text) => escapeHtml(text) === expected(text)), { seed: propertySeed('escapeHtml escapes as Nunjucks does'), numRuns: 2000 });
    for (const text of ['', 'plain', '<a href="x">\'&\'</a>\\', '&&', 'end>', 'café']) expect(escapeHtml(text)).toBe(nunjucksEscape(text));
    expect(escapeHtml('A › B – “😀” \ud83d<')).toBe('A &#8250; B &#8211; &#8220;&#128512;&#8221; &#65533;&lt;');
  });

  test('writes one byte a character: nothing past U+00FF, and the link check reads back the text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const escaped = escapeHtml(text);
        return !/[\u0100-\uffff]/.test(escaped) && decode(escaped) === wellFormed(text);
      }),
      { seed: propertySeed('escapeHtml one byte a character'), numRuns: 2000 },
    );
  });

  test('latin1Html leaves markup as it is and writes characters past U+00FF as references', () => {
    expect(latin1Html('<p class="x">Don’t &amp; <a href="https://e.example/?a=1&amp;b=2">›</a> ok</p>')).toBe(
      '<p class="x">Don&#8217;t &amp; <a href="https://e.example/?a=1&amp;b=2">&#8250;</a> ok</p>',
    );
    const html = '<p>plain é</p>';
    expect(latin1Html(html)).toBe(html);
    fc.assert(
      fc.property(texts, (text) => {
        const out = latin1Html(text);
        return !/[\u0100-\uffff]/.test(out) && (/[\u0100-\uffff]/.test(text) || out === text);
      }),
      { seed: propertySeed('latin1Html one byte a character'), numRuns: 1000 },
    );
  });

  test('once the render environment is loaded, autoescape goes through it', async () => {
    await import('../../src/render/environment.js');
    expect(nunjucks.lib.escape).toBe(escapeHtml);
    const env = new nunjucks.Environment(null, { autoescape: true });
    expect(env.renderString('{{ v }}|{{ v | escape }}|{{ s }}', { v: `<a title="x">'&'\\`, s: 'plain' })).toBe(
      '&lt;a title=&quot;x&quot;&gt;&#39;&amp;&#39;&#92;|&lt;a title=&quot;x&quot;&gt;&#39;&amp;&#39;&#92;|plain',
    );
  });
});
