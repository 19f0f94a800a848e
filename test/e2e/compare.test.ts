import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityFailures, axe, startHarness, type Harness } from './harness.js';
import { compareFixture } from '../fixtures/compare-fixture.js';

let h: Harness;
beforeAll(async () => {
  // Without baseUrl: the fixture's absolute URL is not where the harness serves it.
  h = await startHarness({ site: { ...compareFixture, baseUrl: undefined }, base: '/sub/' });
});
afterAll(async () => {
  await h?.close();
});

/** Ids of the comparison rows a reader can see. */
function visibleRows(page: Page): Promise<string[]> {
  return page.$$eval('[data-cmp-row]', (rows) =>
    rows.filter((row) => (row as HTMLElement).offsetParent !== null).map((row) => row.id),
  );
}

function visibleColumns(page: Page): Promise<string[]> {
  return page.$$eval('#incident-and-ops ~ .cmp-table-wrap thead th', (ths) =>
    ths.filter((th) => (th as HTMLElement).offsetParent !== null).map((th) => th.textContent?.trim() ?? ''),
  );
}

// Availability is the same duty in alpha and beta (beta files it under disaster recovery), so
// it is not a difference.
const pairCustomerDiffs = ['incident-and-ops--firmware-updates', 'disaster-recovery--backups'];

describe('compare page', () => {
  test('two offerings, "You" and differences only show exactly the differing rows, and the URL keeps the view', async () => {
    const { page, context, problems } = await h.open('compare/');
    expect(await visibleRows(page)).toHaveLength(5);
    await page.getByRole('checkbox', { name: 'Gamma Secrets' }).uncheck();
    await page.getByRole('radio', { name: 'You' }).check();
    await page.getByRole('checkbox', { name: 'Differences only' }).check();
    expect(await visibleRows(page)).toEqual(pairCustomerDiffs);
    expect(await visibleColumns(page)).toEqual(['Task', 'Alpha Standard', 'Beta Dedicated']);
    // IBM's duties are hidden, yours are shown
    expect(await page.locator('.cmp-duty[data-party="provider"]:visible').count()).toBe(0);
    expect(await page.locator('.cmp-duty[data-party="customer"]:visible').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-cmp-status]').textContent())
      .toBe('Showing 2 of 5 tasks that differ.');
    const url = new URL(page.url());
    expect(url.pathname + url.search).toBe('/sub/compare/?offerings=alpha,beta&party=customer&diff=1');
    expect(problems()).toEqual([]);
    await context.close();

    const fresh = await h.open(`compare/${url.search}`);
    expect(fresh.problems()).toEqual([]);
    expect(await visibleRows(fresh.page)).toEqual(pairCustomerDiffs);
    expect(await fresh.page.getByRole('checkbox', { name: 'Gamma Secrets' }).isChecked()).toBe(false);
    expect(await fresh.page.getByRole('radio', { name: 'You' }).isChecked()).toBe(true);
    expect(await fresh.page.getByRole('checkbox', { name: 'Differences only' }).isChecked()).toBe(true);
    await fresh.context.close();
  });

  test('IBM and differences only across all three compares the provider duties', async () => {
    const { page, context } = await h.open('compare/?party=provider&diff=1');
    expect(await visibleRows(page)).toEqual([
      'incident-and-ops--incidents',
      'incident-and-ops--availability',
      'incident-and-ops--monitoring',
      'incident-and-ops--firmware-updates',
      'disaster-recovery--backups',
    ]);
    await context.close();
  });

  test('the controls work from the keyboard', async () => {
    const { page, context } = await h.open('compare/');
    await page.getByRole('checkbox', { name: 'Differences only' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('radio', { name: 'Both' }).focus();
    await page.keyboard.press('ArrowRight'); // IBM
    await page.keyboard.press('ArrowRight'); // You
    expect(new URL(page.url()).search).toBe('?party=customer&diff=1');
    expect(await visibleRows(page)).toEqual([
      'incident-and-ops--incidents',
      'incident-and-ops--availability',
      'incident-and-ops--firmware-updates',
      'disaster-recovery--backups',
    ]);
    await context.close();
  });

  test('a linked row of a filtered view is in view once the filter applies', async () => {
    const { page, context } = await h.open('compare/?party=customer&diff=1#disaster-recovery--backups', {
      width: 1280,
      height: 600,
    });
    const box = await page.locator('#disaster-recovery--backups').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(600);
    await context.close();
  });

  test('axe finds no violation, wide and narrow', async () => {
    for (const width of [1280, 360]) {
      const { page, context, problems } = await h.open('compare/', { width });
      expect(await axe(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await context.close();
    }
  });

  test('on a 360 px phone every task is a card with the offerings stacked and labelled', async () => {
    const { page, context } = await h.open('compare/#incident-and-ops--availability', {
      width: 360,
      height: 740,
    });
    const layout = await page.evaluate(() => {
      const row = document.getElementById('incident-and-ops--availability')!;
      const cells = [...row.querySelectorAll('td')];
      return {
        scrollWidth: document.documentElement.scrollWidth,
        display: getComputedStyle(cells[0]!).display,
        lefts: cells.map((c) => Math.round(c.getBoundingClientRect().left)),
        labels: cells.map((c) => (c.querySelector('.cmp-offering-label') as HTMLElement).innerText),
        headVisible:
          (document.querySelector('.cmp-table thead') as HTMLElement).getBoundingClientRect().width > 1,
      };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(360);
    expect(layout.display).toBe('block');
    expect(new Set(layout.lefts).size).toBe(1);
    expect(layout.labels).toEqual(['Alpha Standard', 'Beta Dedicated', 'Gamma Secrets']);
    expect(layout.headVisible).toBe(false);
    await context.close();
  });

  test('pair pages are complete without JavaScript', async () => {
    const { page, context, problems } = await h.open('compare/alpha-vs-beta/#disaster-recovery--backups', {
      javaScript: false,
    });
    expect(await page.locator('h1').textContent()).toBe('Alpha Standard and Beta Dedicated compared');
    expect(await page.locator('form[data-cmp-controls]').isVisible()).toBe(false);
    expect(await visibleRows(page)).toEqual([
      'incident-and-ops--incidents',
      'incident-and-ops--availability',
      'incident-and-ops--monitoring',
      'incident-and-ops--firmware-updates',
      'disaster-recovery--backups',
    ]);
    expect(await visibleColumns(page)).toEqual(['Task', 'Alpha Standard', 'Beta Dedicated']);
    const availability = page.locator('#incident-and-ops--availability td');
    expect(await availability.nth(1).innerText()).toContain('Listed under Disaster recovery');
    expect(await page.locator('#disaster-recovery--availability').innerText()).toContain('Compared under');
    expect(
      await page.locator('a', { hasText: 'Alpha Standard and Gamma Secrets' }).getAttribute('href'),
    ).toBe('/sub/compare/alpha-vs-gamma/');
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('without JavaScript /compare/ shows the full comparison', async () => {
    const { page, context } = await h.open('compare/?offerings=alpha&diff=1', { javaScript: false });
    expect(await visibleRows(page)).toHaveLength(5);
    expect(await page.locator('.cmp-duty:visible').count()).toBe(await page.locator('.cmp-duty').count());
    await context.close();
  });
});

describe('compare and checklist on the shipped site', () => {
  let shipped: Harness;
  beforeAll(async () => {
    shipped = await startHarness();
  });
  afterAll(async () => {
    await shipped?.close();
  });

  test('axe finds no violation on /compare/ (wide, phone, a filtered view) and on a checklist', async () => {
    const views: [string, number][] = [
      ['compare/', 1280],
      ['compare/', 360],
      ['compare/?offerings=key-protect-standard,secrets-manager&party=customer&diff=1', 1280],
      ['checklist/key-protect-dedicated/', 1280],
      ['checklist/secrets-manager/', 360],
    ];
    expect(await accessibilityFailures(shipped, views)).toEqual([]);
  }, 180_000);

  test('Key Protect Standard vs Secrets Manager, your differing duties only, lines up the aligned tasks', async () => {
    const { page, context } = await shipped.open(
      'compare/?offerings=key-protect-standard,secrets-manager&party=customer&diff=1',
    );
    const rows = await visibleRows(page);
    expect(rows).toContain('incident-and-ops--availability');
    expect(rows).toContain('change-management--service-updates');
    expect(rows).toContain('disaster-recovery--backups');
    // both offerings ask you the same for monitoring, so it is not a difference
    expect(rows).not.toContain('incident-and-ops--monitoring');
    // tasks neither of the two lists are gone
    expect(rows).not.toContain('incident-and-ops--firmware-updates');
    await context.close();
  });

  test('Standard and Dedicated high availability share one line, said where each lists it, and are no difference', async () => {
    const { page, context, problems } = await shipped.open(
      'compare/?offerings=key-protect-standard,key-protect-dedicated#disaster-recovery--availability',
    );
    // The old anchor in disaster recovery points to the line
    const pointer = page.locator('#disaster-recovery--availability');
    await expect.poll(() => pointer.isVisible()).toBe(true);
    await pointer.getByRole('link').click();
    expect(new URL(page.url()).hash).toBe('#incident-and-ops--availability');
    const line = page.locator('#incident-and-ops--availability');
    const cells = line.locator('td[data-offering]:visible');
    expect(await cells.count()).toBe(2);
    expect(await cells.nth(0).innerText()).toContain('Provide high availability capabilities');
    expect(await cells.nth(1).innerText()).toContain('Listed under Disaster recovery');
    expect(await cells.nth(1).innerText()).toContain('Provide high availability capabilities');
    // one line in the whole comparison carries the task
    expect(await page.locator('[data-cmp-row][id$="--availability"]').count()).toBe(1);
    // "differences only" compares content, not placement: the line and its pointer go
    await page.getByRole('checkbox', { name: 'Differences only' }).check();
    expect(await line.isVisible()).toBe(false);
    expect(await pointer.isVisible()).toBe(false);
    // the legend says what each cell state means, one line each
    const legend = page.locator('.cmp-legend dl > div');
    expect(await legend.allInnerTexts()).toEqual([
      expect.stringMatching(/^Not listed\s+The offering's page has no such task/),
      expect.stringMatching(/^No duty listed\s+The task is there/),
      expect.stringMatching(/^No action\s+The page says this party has nothing to do/),
      expect.stringMatching(/^Listed as …\s+The offering's own name/),
      expect.stringMatching(/^Listed under …\s+The offering files the task in another area/),
    ]);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('every pair page renders without JavaScript', async () => {
    const ids = shipped.site.offerings.map((o) => o.id);
    for (let i = 0; i < ids.length; i++) {
      for (const b of ids.slice(i + 1)) {
        const { page, context, problems } = await shipped.open(`compare/${ids[i]}-vs-${b}/`, {
          javaScript: false,
        });
        expect(await page.locator('.cmp-table').count()).toBeGreaterThan(0);
        expect(
          await page
            .locator('thead th[data-offering]')
            .evaluateAll((ths) => [...new Set(ths.map((th) => (th as HTMLElement).dataset.offering))]),
        ).toEqual([ids[i], b]);
        expect(problems()).toEqual([]);
        await context.close();
      }
    }
  });
});
