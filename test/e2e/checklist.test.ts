import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { axe, startHarness, type Harness } from './harness.js';
import { compareFixture } from '../fixtures/compare-fixture.js';
import { checklistPages } from '../../src/render/pages/checklist.js';

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
    const checked = await page.$$eval('.checklist-item > input', (boxes) =>
      (boxes as HTMLInputElement[]).filter((b) => b.checked).map((b) => b.closest('li')?.id),
    );
    expect(checked).toEqual(['incident-and-ops--monitoring', 'disaster-recovery--availability']);
    // another offering's checklist has its own ticks (same origin, same browser context)
    await page.goto(new URL('checklist/alpha/', h.siteUrl).href);
    expect(await page.getByRole('checkbox', { name: 'Monitoring' }).isChecked()).toBe(false);
    await page.goto(new URL('checklist/beta/', h.siteUrl).href);
    await page.getByRole('button', { name: 'Clear all ticks' }).click();
    await page.reload();
    expect(await page.locator('.checklist-item > input:checked').count()).toBe(0);
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
    expect(await page.locator('.checklist-item > input:checked').count()).toBe(2);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('"Download as CSV" writes the ticks, the page address and the date', async () => {
    const { page, context, problems } = await h.open('checklist/alpha/');
    await page.getByRole('checkbox', { name: 'Incidents' }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
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

  test('the download is made by the page: a button the script shows, no CSV file beside the page', async () => {
    const html = await readFile(path.join(h.outDir, 'checklist', 'beta', 'index.html'), 'utf8');
    // Without JavaScript the button stays hidden rather than offering a download that cannot work.
    expect(html).toMatch(/<button type="button" class="checklist-csv" data-checklist-csv hidden>Download as CSV<\/button>/);
    expect((await readdir(path.join(h.outDir, 'checklist'))).filter((f) => f.endsWith('.csv'))).toEqual([]);
    const { page, context, problems } = await h.open('checklist/beta/');
    await expect.poll(() => page.getByRole('button', { name: 'Download as CSV' }).isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    expect(lines[0]).toBe('area,task,IBM label,your duty,done,link,checklist,IBM last updated,exported');
    expect(lines).toHaveLength(4 + 2);
    expect(problems()).toEqual([]);
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
  test('every checklist of the shipped site downloads the area, task, label and duty the build gives its items', async () => {
    const shipped = await startHarness();
    try {
      const pages = new Map(checklistPages(shipped.site).map((p) => [p.data.offering.id, p.data]));
      const ids = shipped.site.offerings.map((o) => o.id);
      expect(ids.length).toBeGreaterThan(2);
      const { page, context } = await shipped.open(`checklist/${ids[0]}/`);
      for (const id of ids) {
        if (!page.url().endsWith(`checklist/${id}/`)) await page.goto(`${shipped.siteUrl}checklist/${id}/`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
        const downloaded = parseCsv(await readFile((await download.path())!, 'utf8')).map((row) => row.slice(0, 4));
        // The duty's plain text by the model's rule (Rich.text), which the page does not carry.
        const texts = new Map(shipped.site.offerings.find((o) => o.id === id)!.sections.flatMap((s) => s.rows.map((r) => [r.anchor, r.customer.text.trim()])));
        const expected = pages.get(id)!.areas.flatMap((area) => area.items.map((item) => [area.title, item.task, item.label ?? item.task, texts.get(item.id)]));
        expect(expected.length, id).toBeGreaterThan(2);
        expect(downloaded, id).toEqual([downloaded[0], ...expected]);
        expect(downloaded[0]!.slice(0, 4)).toEqual(['area', 'task', 'IBM label', 'your duty']);
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
