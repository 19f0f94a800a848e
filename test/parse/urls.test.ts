/** Link safety: a scheme is read as browsers read it, without the control characters and spaces inside it. */
import fc from 'fast-check';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { describe, expect, it } from 'vitest';
import { isSafeUrl, normalizedUrl } from '../../src/parse/markdown/urls.js';
import { propertySeed } from '../property-seed.js';

describe('isSafeUrl', () => {
  it('keeps http(s), mailto, relative paths and fragments', () => {
    for (const url of ['https://cloud.ibm.com/docs', 'HTTP://x', 'mailto:a@b.c', '/docs/x?topic=y', '../x', '#frag', '', 'docs/x']) {
      expect(isSafeUrl(url), url).toBe(true);
    }
  });

  it('drops other schemes, also when control characters or spaces split them', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:x', ' javascript:x', 'java\tscript:x', 'java\nscript:x', 'java\u0000script:x', 'jav\u007fascript:x', 'data:text/html,hi', 'vbscript:x']) {
      expect(isSafeUrl(url), JSON.stringify(url)).toBe(false);
    }
    // A space outside the scheme's letters is not part of it: still https.
    expect(isSafeUrl('ht tps://x')).toBe(true);
    // Characters past U+007F are kept: no scheme is made of them.
    expect(isSafeUrl('java\u00a0script:x')).toBe(true);
  });
});

describe('normalizedUrl', () => {
  it('is normalizeUri, for the addresses it leaves alone and for those it encodes', () => {
    const kept = ['https://cloud.ibm.com/docs/key-protect?topic=key-protect-getting-started#x', '/docs/x', '../a_b~c', 'mailto:a@b.c', "a!$&'()*+,;=:@_"];
    const encoded = ['https://x/a b', 'https://x/%zz', 'https://x/%41', 'https://x/é', 'https://x/{DomainName}', 'a"b', 'a<b>`c|d', 'a[b]^c', 'x\\y', '\ud83d\ude00', '\ud83d', 'tab\there'];
    for (const url of [...kept, ...encoded]) expect(normalizedUrl(url), JSON.stringify(url)).toBe(normalizeUri(url));
    for (const url of kept) expect(normalizedUrl(url)).toBe(url);
  });

  it('is normalizeUri for any string', () => {
    const pieces = fc.constantFrom('a', 'Z', '0', '%', '%4', '%41', '%g1', ' ', '"', '<', '>', '\\', '^', '`', '{', '|', '}', '[', ']', '~', '#', '?', '&', 'é', '😀', '\ud83d', '\u0000', '\u007f', '/', ':', '.', '-', '_');
    const urls = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(pieces).map((parts) => parts.join('')));
    fc.assert(fc.property(urls, (url) => normalizedUrl(url) === normalizeUri(url)), { seed: propertySeed('normalizedUrl as normalizeUri'), numRuns: 3000 });
  });
});
