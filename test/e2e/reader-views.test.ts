/**
 * What readers of the shipped site see in Chromium: rows under their task title with IBM's
 * label beside it, the IBM page each offering came from, pair pages that mark the difference,
 * a filtered comparison that says so on paper, one search field on /search/ and a labelled
 * results panel, tables numbered 1, 2, 3; axe clean light and dark.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessibilityFailures, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const PAIR = 'compare/key-protect-standard-vs-key-protect-dedicated/';

describe('names and authority', () => {
  test('an offering page names rows by task, IBM label beside, and links the IBM docs page with IBM\'s date', async () => {
    const { page, context, problems } = await h.open('offerings/key-protect-dedicated/');
    const head = page.locator('#change-management--service-updates th');
    expect(await head.locator('.source-label').textContent()).toBe(' (IBM: Applications)');
    expect(await head.textContent()).toContain('Service updates (IBM: Applications)');
    const source = page.locator('.page-meta a.source-link');
    expect(await source.getAttribute('href')).toBe('https://cloud.ibm.com/docs/key-protect?topic=key-protect-shared-responsibilities');
    expect(await source.textContent()).toBe('Your responsibilities when using Key Protect');
    expect(await page.locator('.page-meta').textContent()).toMatch(/IBM last updated\s*2026-03-19/);
    const captions = await page.locator('table.matrix caption').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    expect(captions.map((c) => /^Table (\d+)\./.exec(c)?.[1])).toEqual(['1', '2', '3', '4', '5']);
    expect(problems()).toEqual([]);
    await context.close();
  });
});

describe('pair pages', () => {
  test('differing words are marked in both cells and identical cells say "Same as Key Protect Standard"', async () => {
    const { page, context, problems } = await h.open(PAIR);
    const row = page.locator('#change-management--service-updates');
    const dedicated = row.locator('td[data-offering="key-protect-dedicated"] [data-party="provider"] mark.pair-diff');
    expect(await dedicated.first().textContent()).toBe('[differs: Dedicated]');
    expect(await dedicated.first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    const same = page.locator('.cmp-same').first();
    expect(await same.textContent()).toBe('Same as Key Protect Standard');
    expect(await same.isVisible()).toBe(true);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('a filtered comparison prints a note of its filter; printed links show their address', async () => {
    const { page, context } = await h.open('compare/?offerings=key-protect-standard,secrets-manager&party=customer&diff=1', { colorScheme: 'dark' });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const note = page.locator('[data-cmp-print-note]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe('Filtered view: duties of You only; differences only; 2 of 3 offerings (Key Protect Standard, Secrets Manager).');
    expect(await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    const head = page.locator('.cmp-table thead th').first();
    expect(await head.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
    const link = page.locator('.cmp-cell a[href^="https://cloud.ibm.com"]').first();
    const href = await link.getAttribute('href');
    expect(await link.evaluate((el) => getComputedStyle(el, '::after').content)).toBe(`" <${href}>"`);
    // Controls print no address.
    expect(await page.locator('.cmp-offering-col a').first().evaluate((el) => getComputedStyle(el, '::after').content)).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    expect(await note.isVisible()).toBe(false);
    // The unfiltered view has no note.
    await page.goto(new URL('compare/', h.siteUrl).href);
    expect(await page.locator('[data-cmp-print-note]').getAttribute('hidden')).not.toBeNull();
    await context.close();
  });
});

describe('search', () => {
  test('/search/ has one search field; elsewhere the results panel is a labelled region', async () => {
    const { page, context } = await h.open('search/?q=backup');
    expect(await page.locator('input[type="search"]').count()).toBe(1);
    await page.goto(new URL('offerings/secrets-manager/', h.siteUrl).href);
    await page.locator('#search-box-input').fill('backup');
    const panel = page.locator('[data-search-panel]');
    await panel.locator('[role="option"]').first().waitFor();
    expect(await panel.getAttribute('role')).toBe('region');
    expect(await panel.getAttribute('aria-label')).toBe('Search results');
    await context.close();
  });
});

describe('accessibility', () => {
  test('axe finds nothing, light and dark, on a pair page, an offering page, a checklist and /search/', async () => {
    const failures = await accessibilityFailures(h, [
      [PAIR, 1280],
      [PAIR, 360],
      ['offerings/key-protect-standard/', 1280],
      ['checklist/key-protect-standard/', 1280],
      ['search/?q=backup', 1280],
    ]);
    expect(failures).toEqual([]);
  }, 180_000);
});
