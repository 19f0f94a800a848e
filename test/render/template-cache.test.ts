/**
 * Compiled templates from the cache render exactly what templates compiled on the spot render:
 * the first build stores them, the second loads them, and both equal a build without the cache.
 */
import { describe, expect, test } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import { renderSite } from '../../src/build/pipeline.js';
import { wholeContents } from '../../src/render/page.js';
import { fixtureContent } from '../links/fixture.js';

const assets = { scripts: ['/assets/main.js'], styles: ['/assets/main.css'] };

function renderWith(site: Parameters<typeof renderSite>[0], cache: boolean) {
  process.env['RESPMATRIX_TEMPLATE_CACHE'] = cache ? '1' : '0';
  try {
    return renderSite(site, { base: '/', assets }).map((file) => ({ ...file, contents: wholeContents(file.contents) }));
  } finally {
    delete process.env['RESPMATRIX_TEMPLATE_CACHE'];
  }
}

describe('template cache', () => {
  test('renders byte for byte what compiling on the spot renders', async () => {
    const site = (await loadSite(fixtureContent, { cacheDir: false })).site!;
    const plain = renderWith(site, false);
    const stored = renderWith(site, true);
    const loaded = renderWith(site, true);
    expect(plain.length).toBeGreaterThan(5);
    expect(stored).toEqual(plain);
    expect(loaded).toEqual(plain);
  });
});
