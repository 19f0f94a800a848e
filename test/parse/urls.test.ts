/** Link safety: a scheme is read as browsers read it, without the control characters and spaces inside it. */
import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../src/parse/markdown/urls.js';

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
