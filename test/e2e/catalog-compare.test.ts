/**
 * The training corpus as one site (site.yaml with only title and linkBase): `/compare/` picks any
 * offerings, fetches only their data files, lines their rows up by task, and keeps the view in
 * the URL across a reload.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { catalogContent } from '../cli/catalog.js';
import { axe, startHarness, type Harness } from './harness.js';

const A = 'hs-crypto-shared-responsibilities';
const B = 'key-protect';

let h: Harness;
let folder: ReturnType<typeof catalogContent>;
beforeAll(async () => {
  folder = catalogContent();
  h = await startHarness({ contentDir: folder.content, base: '/sub/' });
}, 180_000);
afterAll(async () => {
  await h?.close();
  folder?.cleanup();
});

/** Ids of the comparison rows a reader can see. */
function visibleRows(page: Page): Promise<string[]> {
  return page.$$eval('[data-cmp-row]', (rows) =>
    rows.filter((row) => (row as HTMLElement).offsetParent !== null).map((row) => row.id),
  );
}

describe('compare in a catalog of every corpus page', () => {
  test('two offerings side by side by task; "You" and differences only survive a reload', async () => {
    const requested: string[] = [];
    const { page, context, problems } = await h.open(`compare/?o=${A},${B}`);
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.locator('[data-cmp-row]').first().waitFor();
    const heads = await page.$$eval('#incident-and-ops ~ .cmp-table-wrap thead th', (ths) => ths.map((th) => th.textContent?.trim()));
    expect(heads).toEqual(['Task', 'Keyword cloud_notm Keyword hscrypto', 'Keyword keymanagementserviceshort']);
    // one row per task, both offerings' duties in it
    const incidents = page.locator('tr#incident-and-ops--incidents');
    await expect.poll(() => incidents.locator('td[data-listed="1"]').count()).toBe(2);
    const all = await visibleRows(page);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(15);

    await page.getByRole('radio', { name: 'You' }).check();
    await page.getByRole('checkbox', { name: 'Differences only' }).check();
    const diffs = await visibleRows(page);
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.length).toBeLessThan(all.length);
    expect(await page.locator('.cmp-duty[data-party="provider"]:visible').count()).toBe(0);
    const url = new URL(page.url());
    expect(url.pathname + url.search).toBe(`/sub/compare/?o=${A},${B}&party=customer&diff=1`);

    // Let the first load finish (favicon included): a reload would abort what is still in flight.
    await page.waitForLoadState('networkidle');
    await page.reload();
    await page.locator('[data-cmp-row]').first().waitFor();
    await expect.poll(() => visibleRows(page)).toEqual(diffs);
    expect(await page.getByRole('radio', { name: 'You' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Differences only' }).isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(2);
    // only the two chosen offerings' data was fetched
    const data = requested.filter((p) => p.includes('/data/offerings/'));
    expect([...new Set(data)].sort()).toEqual([`/sub/data/offerings/${A}.json`, `/sub/data/offerings/${B}.json`]);
    expect(problems()).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  test('the picker is a combobox: type, arrow down, Enter adds; a chip removes; old ?offerings= links work', async () => {
    const { page, context, problems } = await h.open(`compare/?offerings=${A},${B}&party=provider`);
    await page.locator('[data-cmp-row]').first().waitFor();
    expect(await page.getByRole('radio', { name: 'IBM' }).isChecked()).toBe(true);
    const box = page.getByRole('combobox', { name: /Offerings to compare/ });
    await box.fill('secrets');
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('option').allTextContents()).toContain('Keyword secrets-manager_short');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter');
    await expect.poll(() => page.locator('#incident-and-ops ~ .cmp-table-wrap thead th').count()).toBe(4);
    expect(new URL(page.url()).search).toBe(`?o=${A},${B},secrets-manager&party=provider`);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Remove Keyword cloud_notm Keyword hscrypto' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(`?o=${B},secrets-manager&party=provider`);
    await page.getByRole('button', { name: 'Remove Keyword keymanagementserviceshort' }).click();
    await expect.poll(() => page.locator('[data-cmp-status]').textContent()).toMatch(/^Choose at least two offerings/);
    expect(await page.locator('[data-cmp-row]').count()).toBe(0);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('rows built in the browser carry the same copy-link control, and a linked row waits for them', async () => {
    const { page, context, problems } = await h.open(`compare/?o=${A},${B}#incident-and-ops--incidents`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.siteUrl).origin });
    const row = page.locator('tr#incident-and-ops--incidents');
    await row.waitFor();
    // the page answers the fragment once the rows are there: no "not on this page" notice
    expect(await page.locator('[data-fragment-notice]').count()).toBe(0);
    const names = await page.$$eval('#incident-and-ops ~ .cmp-table-wrap thead th[data-offering]', (ths) => ths.map((th) => th.textContent?.trim()));
    const title = (await row.locator('th').evaluate((th) => th.childNodes[1]?.textContent)) ?? '';
    expect(await row.locator('.card-context').textContent()).toBe('Incident and operations management');
    await row.locator('.copy-link-button').click();
    await page.getByRole('menuitem', { name: 'Copy link' }).click();
    const href = `${h.siteUrl}compare/?o=${A},${B}#incident-and-ops--incidents`;
    await expect
      .poll(() => page.evaluate(async () => (await (await navigator.clipboard.read())[0]!.getType('text/html')).text()))
      .toBe(`<a href="${href.replace(/&/g, '&amp;')}">${names.join(' vs ')} › Incident and operations management › ${title}</a>`);
    await expect.poll(() => page.locator('.copy-toast').innerText()).toBe(`Link copied:\n${href}`);
    await page.locator('h2#incident-and-ops .copy-link-button').click();
    expect(await page.getByRole('menu').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('the home page lists offerings as rows and areas as columns, and finds an offering by name', async () => {
    const { page, context, problems } = await h.open('');
    expect(await page.locator('.cards').count()).toBe(0);
    const rows = page.locator('.offering-summary tbody tr');
    expect(await rows.count()).toBe(h.site.offerings.length);
    const heads = await page.$$eval('.offering-summary thead th', (ths) => ths.map((th) => th.textContent?.trim()));
    expect(heads).toEqual(['Offering', ...h.site.areas.map((a) => a.title)]);
    const box = page.getByRole('searchbox', { name: 'Find an offering' });
    await box.fill('netscaler');
    await expect.poll(() => page.locator('.offering-filter-results a').allTextContents()).toEqual(['Citrix Netscaler VPX']);
    expect(await page.locator('[data-filter-status]').textContent()).toBe('1 offering matches.');
    await page.locator('.offering-filter-results a').click();
    await page.waitForURL(/\/offerings\/citrix-netscaler-vpx-vpx-responsibilities\/$/);
    expect(problems()).toEqual([]);
    await page.goBack();
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
