/**
 * Search in Chromium on the shipped content, served under a base path: the header box
 * (lazy loading, results as you type within a frame, keyboard, axe), the /search/ page
 * (filters in the URL, shareable links) and the page without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { axe, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ base: '/sub/' });
});
afterAll(async () => {
  await h?.close();
});

const FIRMWARE = 'offerings/key-protect-dedicated/#incident-and-ops--firmware-updates';
const box = 'form[data-search-box] input[name="q"]';
const options = 'form[data-search-box] [role="option"]';

describe('header search box', () => {
  test('loads nothing for search until used, and the page weighs under 50 KB compressed', async () => {
    const requests: string[] = [];
    const { page, context, problems } = await h.open('offerings/key-protect-standard/');
    page.on('request', (request) => requests.push(request.url()));
    // Everything the page loaded, compressed as a static host would serve it.
    const loaded = (await page.evaluate(`performance.getEntriesByType('resource').map((e) => e.name).concat([location.href])`)) as string[];
    let bytes = 0;
    for (const url of loaded) {
      const response = await page.request.get(url);
      bytes += gzipSync(await response.body()).length;
    }
    expect(bytes).toBeLessThan(50 * 1024);
    expect(loaded.some((url) => url.includes('search/index.json') || /\/sharded-[\w-]+\.js$/.test(url))).toBe(false);
    const indexLoaded = page.waitForResponse((response) => response.url().endsWith('/sub/search/index.json'));
    await page.keyboard.press('/');
    expect(await page.evaluate(`document.activeElement && document.activeElement.id`)).toBe('search-box-input');
    await indexLoaded;
    expect(requests.some((url) => url.endsWith('/sub/search/index.json'))).toBe(true);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('results as you type, keyboard opens the row and it is highlighted', async () => {
    const { page, context, problems } = await h.open('offerings/key-protect-standard/');
    const input = page.locator(box);
    await input.focus();
    await input.pressSequentially('firm');
    await page.locator(options).first().waitFor();
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    // The index is loaded now: each further keystroke updates the results.
    for (const key of ['w', 'a', 'r', 'e']) {
      await input.press(key);
      await page.waitForFunction(`document.querySelector('[data-search-status]').textContent !== '' && document.querySelector('form[data-search-box]').dataset.searchMs !== undefined`);
    }
    const first = page.locator(options).first();
    expect(await first.textContent()).toContain('Firmware updates');
    expect(await first.textContent()).toContain('Key Protect Dedicated');
    expect(await first.locator('mark').first().textContent()).toMatch(/firmware/i);
    expect(await page.locator('[data-search-status]').textContent()).toMatch(/^\d+ results?$/);

    await input.press('ArrowDown');
    const activeId = await input.getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(await page.locator(`#${activeId}`).getAttribute('aria-selected')).toBe('true');
    await input.press('Enter');
    await page.waitForURL((url) => url.href.endsWith(FIRMWARE));
    await page.waitForFunction(`document.getElementById('incident-and-ops--firmware-updates')?.matches(':target')`);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('Escape closes the results, arrows wrap back to the text box', async () => {
    const { page, context } = await h.open('areas/disaster-recovery/');
    const input = page.locator(box);
    await input.fill('backup');
    await page.locator(options).first().waitFor();
    const count = await page.locator(options).count();
    for (let i = 0; i < count; i++) await input.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(`search-box-option-${count - 1}`);
    await input.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBeNull();
    await input.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-search-panel]').isHidden()).toBe(true);
    await context.close();
  });

  test('"backup" finds the row Key Protect Standard labels "Applications", shown under its task title with the label beside it', async () => {
    const { page, context, problems } = await h.open('offerings/secrets-manager/');
    const input = page.locator(box);
    await input.fill('backup');
    const option = page.locator(options).filter({ hasText: 'Key Protect Standard' }).filter({ hasText: 'Backups' });
    await option.first().waitFor();
    // Screen readers hear the label in brackets; sighted readers see "Backups · IBM: Applications".
    expect(await option.first().locator('.search-hit-task').textContent()).toBe('Backups (IBM: Applications)');
    expect(await option.first().locator('.source-label').evaluate((el) => getComputedStyle(el, '::before').content)).toMatch(/·/);
    expect((await option.first().locator('.source-label .visually-hidden').first().boundingBox())?.width).toBeLessThanOrEqual(1);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('axe finds no violation with the results open', async () => {
    const { page, context } = await h.open('offerings/secrets-manager/');
    const input = page.locator(box);
    await input.fill('disater recovery');
    await page.locator(options).first().waitFor();
    await input.press('ArrowDown');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  test('/ focuses the search field but does not steal keystrokes typed in a field', async () => {
    const { page, context } = await h.open('search/');
    // On the search page, `/` goes to the page's own field.
    await page.keyboard.press('/');
    expect(await page.evaluate(`document.activeElement && document.activeElement.id`)).toBe('search-page-q');
    await page.locator('#search-page-q').focus();
    await page.keyboard.type('a/b');
    expect(await page.locator('#search-page-q').inputValue()).toBe('a/b');
    await context.close();
  });
});

describe('search page', () => {
  test('/search/?q=firmware opened fresh shows the Key Protect Dedicated firmware row', async () => {
    const { page, context, problems } = await h.open('search/?q=firmware');
    const first = page.locator('[data-search-page-results] .search-hit').first();
    await first.waitFor();
    expect(await first.locator('a').getAttribute('href')).toBe(`/sub/${FIRMWARE}`);
    expect(await first.textContent()).toContain('Key Protect Dedicated');
    expect(await page.locator('#search-page-q').inputValue()).toBe('firmware');
    expect(problems()).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  test('filters narrow results and go into the URL', async () => {
    const { page, context } = await h.open('search/?q=access');
    const hits = page.locator('[data-search-page-results] .search-hit');
    await hits.first().waitFor();
    const all = await hits.count();
    await page.selectOption('#search-page-offering', 'key-protect-dedicated');
    const narrowed = await hits.count();
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(all);
    for (const text of await hits.locator('.search-hit-where').allTextContents()) expect(text).toContain('Key Protect Dedicated');
    await page.selectOption('#search-page-party', 'customer');
    expect(new URL(page.url()).search).toBe('?q=access&offering=key-protect-dedicated&party=customer');
    // The shared link restores query and filters.
    const shared = await h.open(`search/${new URL(page.url()).search}`);
    await shared.page.locator('[data-search-page-results] .search-hit').first().waitFor();
    expect(await shared.page.locator('#search-page-offering').inputValue()).toBe('key-protect-dedicated');
    expect(await shared.page.locator('#search-page-party').inputValue()).toBe('customer');
    expect(await shared.page.locator('[data-search-page-results] .search-hit').count()).toBeLessThanOrEqual(narrowed);
    await shared.context.close();
    await context.close();
  });

  test('without JavaScript the page says search needs it and links to the area pages', async () => {
    const { page, context } = await h.open('search/?q=firmware', { javaScript: false });
    expect(await page.getByText('Search needs JavaScript').isVisible()).toBe(true);
    const links = await page.locator('main a[href^="/sub/areas/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('/sub/areas/disaster-recovery/');
    expect(links.length).toBe(h.site.areas.length);
    await context.close();
  });

  test('the header form submits to the search page without JavaScript', async () => {
    const { page, context } = await h.open('offerings/secrets-manager/', { javaScript: false });
    await page.locator(box).fill('firmware');
    await page.locator(box).press('Enter');
    await page.waitForURL((url) => url.pathname === '/sub/search/' && url.search === '?q=firmware');
    await context.close();
  });
});
