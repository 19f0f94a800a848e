/**
 * The escaping installed for autoescape gives exactly the text Nunjucks' own gives, for any
 * string; and templates rendered through the environment use it.
 */
import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/render/escape.js';
import { propertySeed } from '../property-seed.js';

// Nunjucks' own, before the environment (not imported by this file) replaces it.
const nunjucksEscape = nunjucks.lib.escape;

describe('escapeHtml', () => {
  test('is not the function it is compared with', () => {
    expect(nunjucksEscape).not.toBe(escapeHtml);
  });

  test('escapes exactly as Nunjucks does, any string', () => {
    const special = fc.constantFrom('&', '"', "'", '<', '>', '\\', 'a', 'é', '😀', ' ', '&amp;');
    const texts = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(special).map((parts) => parts.join('')));
    fc.assert(fc.property(texts, (text) => escapeHtml(text) === nunjucksEscape(text)), { seed: propertySeed('escapeHtml escapes as Nunjucks does'), numRuns: 2000 });
    for (const text of ['', 'plain', '<a href="x">\'&\'</a>\\', '&&', 'end>']) expect(escapeHtml(text)).toBe(nunjucksEscape(text));
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
