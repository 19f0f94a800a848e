/**
 * The shipped site as its readers use it: no-action rows, names, context of deep links, copy
 * link, the source's authority, focus under the sticky header, checklist and print, pair pages.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessibilityFailures, axe, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('rows that say there is nothing to do', () => {
  test('a "None …" row is muted and labelled, not counted, not in the checklist, not in "your duties only"', async () => {
    const { page, context, problems } = await h.open('offerings/key-protect-standard/');
    const row = page.locator('#disaster-recovery--backups');
    const customer = row.locator('td:nth-child(3)');
    expect(await customer.innerText()).toMatch(
      /^No action\s+None\. IBM and Key Protect are fully responsible/,
    );
    expect(await customer.locator('.no-action').count()).toBe(1);
    // 9 tasks list something for you, one of them says "None.": 8 duties
    expect(await page.locator('.page-meta').innerText()).toContain('You: 8');
    await page.getByText('Show your duties only').click();
    expect(await row.isVisible()).toBe(false);
    expect(await page.locator('#incident-and-ops--monitoring').isVisible()).toBe(true);
    // still searchable
    await page.locator('#search-box-input').fill('fully responsible for managing disaster');
    await expect.poll(() => page.locator('#search-box-results [role="option"]').count()).toBeGreaterThan(0);
    expect(problems()).toEqual([]);

    await page.goto(new URL('checklist/key-protect-standard/', h.siteUrl).href);
    expect(await page.locator('#disaster-recovery--backups').count()).toBe(0);
    expect(await page.locator('.checklist-item').count()).toBe(8);
    expect(await page.locator('.lead').innerText()).toContain('8 duties');

    await page.goto(h.siteUrl);
    const standard = page
      .locator('.home-grid-table tbody tr')
      .filter({ hasText: 'Disaster recovery' })
      .locator('td')
      .first();
    expect(await standard.innerText()).toBe('IBM 3 · You 2');
    await context.close();
  });

  test('"Perform tasks as usual." is no action for you on Dedicated', async () => {
    const { page, context } = await h.open('checklist/key-protect-dedicated/');
    expect(await page.locator('#incident-and-ops--firmware-updates').count()).toBe(0);
    await context.close();
  });
});

describe('accessibility of the reader features', () => {
  test('axe finds nothing on home, an offering page, a pair page and a checklist, light and dark', async () => {
    const urls = ['', 'offerings/key-protect-standard/', 'compare/key-protect-standard-vs-key-protect-dedicated/', 'checklist/key-protect-standard/'];
    expect(await accessibilityFailures(h, urls.flatMap((url) => [[url, 1280], [url, 360]] as const))).toEqual([]);
  }, 180_000);
});

describe('focus and the sticky header', () => {
  test('tabbing backwards through an offering page never leaves the focused element under the header', async () => {
    const { page, context } = await h.open('offerings/key-protect-dedicated/', { width: 1280, height: 700 });
    // Chromium scrolls smoothly after End (and may after a focus): each position is read once the
    // page has come to rest, as a reader sees it, or a scroll still running moves it afterwards.
    const settled = () =>
      page.evaluate(async () => {
        for (let frames = 0, last = NaN; frames < 240 && window.scrollY !== last; frames += 2) {
          last = window.scrollY;
          await new Promise((rest) => requestAnimationFrame(() => requestAnimationFrame(rest)));
        }
      });
    await page.keyboard.press('End');
    await settled();
    await page.locator('.site-footer a').last().focus();
    const under: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Shift+Tab');
      await settled();
      const where = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const header = document.querySelector('.site-header')!.getBoundingClientRect();
        if (!el || el === document.body || el.closest('.site-header')) return null;
        const box = el.getBoundingClientRect();
        return { top: box.top, headerBottom: header.bottom, name: el.outerHTML.slice(0, 80) };
      });
      if (where && where.top < where.headerBottom - 0.5)
        under.push(`${where.name} at ${where.top} < ${where.headerBottom}`);
    }
    expect(under).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('checklist progress and undo', () => {
  test('progress shows after a reload, and "Clear all" can be undone', async () => {
    const { page, context } = await h.open('checklist/key-protect-standard/');
    const boxes = page.locator('.checklist-item > input');
    await boxes.nth(0).check();
    await boxes.nth(2).check();
    await page.reload();
    expect(await page.locator('[data-checklist-status]').textContent()).toBe('2 of 8 done.');
    await page.getByRole('button', { name: 'Clear all ticks' }).click();
    expect(await page.locator('[data-checklist-status]').textContent()).toBe('0 of 8 done.');
    await page.getByRole('button', { name: 'Undo: restore 2 ticks' }).click();
    expect(await page.locator('[data-checklist-status]').textContent()).toBe('2 of 8 done.');
    await page.reload();
    expect(await page.locator('.checklist-item > input:checked').count()).toBe(2);
    await context.close();
  });
});

describe('links to rows that are gone', () => {
  test('a row link to a removed row shows a notice and goes to its area', async () => {
    const { page, context, problems } = await h.open(
      'offerings/key-protect-standard/#disaster-recovery--no-such-task',
      {
        width: 1280,
        height: 700,
      },
    );
    const notice = page.locator('[data-fragment-notice]');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.innerText()).toBe(
      'The row you linked to (#disaster-recovery--no-such-task) is not on this page any more; here is its area: Disaster recovery.',
    );
    const area = await page.locator('#disaster-recovery').boundingBox();
    expect(area!.y).toBeGreaterThanOrEqual(0);
    expect(area!.y).toBeLessThan(700);
    expect(await axe(page)).toEqual([]);
    expect(problems()).toEqual([]);
    // a fragment that exists shows no notice
    await page.goto(new URL('offerings/key-protect-standard/#disaster-recovery--backups', h.siteUrl).href);
    expect(await page.locator('[data-fragment-notice]').count()).toBe(0);
    await context.close();
  }, 60_000);
});
