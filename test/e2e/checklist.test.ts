import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { axe, startHarness, type Harness } from './harness.js';
import { compareFixture } from '../fixtures/compare-fixture.js';

let h: Harness;
beforeAll(async () => {
  // Without baseUrl: the fixture's absolute URL is not where the harness serves it.
  h = await startHarness({ site: { ...compareFixture, baseUrl: undefined }, base: '/sub/' });
});
afterAll(async () => {
  await h?.close();
});

describe('checklist page', () => {
  test('axe finds no violation and nothing fails to load', async () => {
    const { page, context, problems } = await h.open('checklist/beta/');
    expect(await axe(page)).toEqual([]);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('ticks survive a reload, per offering', async () => {
    const { page, context, problems } = await h.open('checklist/beta/');
    await page.getByRole('checkbox', { name: 'Monitoring' }).check();
    await page.getByRole('checkbox', { name: 'Instance backups' }).check();
    await page.getByRole('checkbox', { name: 'Instance backups' }).uncheck();
    await page.getByRole('checkbox', { name: 'Availability' }).check();
    expect(await page.locator('[data-checklist-status]').textContent()).toBe('2 of 4 done.');
    await page.reload();
    const checked = await page.$$eval('input[data-checklist-item]', (boxes) =>
      (boxes as HTMLInputElement[]).filter((b) => b.checked).map((b) => b.dataset.checklistItem),
    );
    expect(checked).toEqual(['incident-and-ops--monitoring', 'disaster-recovery--availability']);
    // another offering's checklist has its own ticks (same origin, same browser context)
    await page.goto(new URL('checklist/alpha/', h.siteUrl).href);
    expect(await page.getByRole('checkbox', { name: 'Monitoring' }).isChecked()).toBe(false);
    await page.goto(new URL('checklist/beta/', h.siteUrl).href);
    await page.getByRole('button', { name: 'Clear all ticks' }).click();
    await page.reload();
    expect(await page.locator('input[data-checklist-item]:checked').count()).toBe(0);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('progress shows on load; "Clear all ticks" can be undone', async () => {
    const { page, context, problems } = await h.open('checklist/alpha/');
    await page.getByRole('checkbox', { name: 'Monitoring' }).check();
    await page.getByRole('checkbox', { name: 'Availability' }).check();
    await page.reload();
    // Before anything is touched, the line says how far the list is.
    expect(await page.locator('[data-checklist-status]').textContent()).toBe('2 of 3 done.');
    await page.getByRole('button', { name: 'Clear all ticks' }).click();
    expect(await page.locator('[data-checklist-status]').textContent()).toBe('0 of 3 done.');
    await page.getByRole('button', { name: 'Undo: restore 2 ticks' }).click();
    expect(await page.locator('[data-checklist-status]').textContent()).toBe('2 of 3 done.');
    await page.reload();
    expect(await page.locator('input[data-checklist-item]:checked').count()).toBe(2);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('"Download as CSV" writes the ticks, the page address and the date', async () => {
    const { page, context, problems } = await h.open('checklist/alpha/');
    await page.getByRole('checkbox', { name: 'Incidents' }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('alpha-checklist.csv');
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('area,task,IBM label,your duty,done,link,checklist,IBM last updated,exported');
    const page0 = new URL('checklist/alpha/', h.siteUrl).href;
    const incidents = lines.find((line) => line.includes(',Incidents,'));
    expect(incidents).toMatch(new RegExp(`^Incident and operations management,Incidents,Incidents,"Read notices, then act\\.",yes,${h.siteUrl}offerings/alpha/#incident-and-ops--incidents,${page0},[^,]*,\\d{4}-\\d{2}-\\d{2}$`));
    expect(lines.filter((line) => line.includes(',no,'))).toHaveLength(2);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('in print, dark scheme or not: white background, the address, date and progress, and row URLs', async () => {
    const { page, context } = await h.open('checklist/alpha/', { colorScheme: 'dark' });
    await page.getByRole('checkbox', { name: 'Monitoring' }).check();
    const background = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background('body')).not.toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await background('body')).toBe('rgb(255, 255, 255)');
    expect(await page.locator('body').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
    const origin = page.locator('[data-print-origin]');
    expect(await origin.isVisible()).toBe(true);
    expect(await origin.textContent()).toMatch(new RegExp(`^This checklist: ${new URL('checklist/alpha/', h.siteUrl).href}, printed \\d{4}-\\d{2}-\\d{2}\\. 1 of 3 done\\.$`));
    const rowLink = page.locator('a.checklist-source').first();
    expect(await rowLink.evaluate((el) => getComputedStyle(el, '::after').content)).toContain(`${h.siteUrl}offerings/alpha/#`);
    await context.close();
    // Controls print no address: the "#" link a page has without JavaScript.
    const { page: plain, context: noJs } = await h.open('checklist/alpha/', { javaScript: false });
    await plain.emulateMedia({ media: 'print' });
    expect(await plain.locator('a.copy-link').first().evaluate((el) => getComputedStyle(el, '::after').content)).toBe('none');
    await noJs.close();
  });

  test('prints without navigation chrome, search box or controls', async () => {
    const { page, context } = await h.open('checklist/beta/');
    const chrome = [
      '.site-header',
      '.site-nav',
      '.site-footer',
      'input[type="search"]',
      '.breadcrumbs',
      '.checklist-actions',
      '.copy-link',
    ];
    expect(await page.locator('.site-header').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const selector of chrome) {
      const visible = await page
        .locator(selector)
        .evaluateAll((els) => els.some((el) => (el as HTMLElement).getClientRects().length > 0));
      expect(visible, selector).toBe(false);
    }
    expect(await page.locator('.checklist-item').count()).toBe(4);
    expect(await page.locator('.checklist-item input').first().isVisible()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('Beta Dedicated: your checklist');
    await context.close();
  });

  test('the CSV is served next to the page', async () => {
    const csv = await readFile(path.join(h.outDir, 'checklist', 'beta.csv'), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('area,task,IBM label,your duty,done,link,checklist,IBM last updated,exported');
    expect(lines).toHaveLength(4 + 2);
    const { page, context } = await h.open('checklist/beta/');
    const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
    expect(href).toBe('/sub/checklist/beta.csv');
    const response = await page.request.get(new URL(href!, h.siteUrl).href);
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe(csv);
    await context.close();
  });
});

/** Fields of a CSV text (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe('the downloaded CSV reads task and duty from the page', () => {
  test('every checklist of the shipped site downloads the published file’s area, task, label and duty', async () => {
    const shipped = await startHarness();
    try {
      const ids = shipped.site.offerings.map((o) => o.id);
      expect(ids.length).toBeGreaterThan(2);
      const { page, context } = await shipped.open(`checklist/${ids[0]}/`);
      for (const id of ids) {
        if (!page.url().endsWith(`checklist/${id}/`)) await page.goto(`${shipped.siteUrl}checklist/${id}/`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
        const downloaded = parseCsv(await readFile((await download.path())!, 'utf8')).map((row) => row.slice(0, 4));
        const published = parseCsv(await readFile(path.join(shipped.outDir, 'checklist', `${id}.csv`), 'utf8')).map((row) => row.slice(0, 4));
        expect(published.length, id).toBeGreaterThan(2);
        expect(downloaded, id).toEqual(published);
      }
      // the HTML keeps no second copy of them
      const html = await readFile(path.join(shipped.outDir, 'checklist', ids[0]!, 'index.html'), 'utf8');
      expect(html).not.toMatch(/data-text=|data-task=/);
      await context.close();
    } finally {
      await shipped.close();
    }
  }, 120_000);
});
