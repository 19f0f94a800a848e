/**
 * Context that travels with a deep link, and the link a reader copies: sticky table headers under
 * the site header, the offering and area on each narrow-screen card, the outline that follows the
 * reader, sticky compare controls, the notice for a row that is gone, and the one copy-link
 * control per heading and row (rich and plain clipboard, a visible toast). Checked geometrically
 * in Chromium at 1280 and 360 px.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityFailures, axe, loadContentSite, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where a row, its table's column headers and the things stuck at the top of the window are. */
function rowGeometry(page: Page, id: string) {
  return page.evaluate((rowId) => {
    const box = (el: Element | null): Box | null => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const row = document.getElementById(rowId)!;
    const header = document.querySelector('.site-header')!;
    const sticky = getComputedStyle(header).position === 'sticky';
    const bar = document.querySelector('.outline');
    const barStuck = bar && getComputedStyle(bar).position === 'sticky' && window.innerWidth < 1024;
    return {
      row: box(row)!,
      // the cells stick, not their row group
      head: box(row.closest('table')!.querySelector('thead th')),
      headText: row.closest('table')!.querySelector('thead')!.textContent!.replace(/\s+/g, ' ').trim(),
      headerBottom: sticky ? header.getBoundingClientRect().bottom : 0,
      barBottom: barStuck ? bar.getBoundingClientRect().bottom : 0,
      viewport: window.innerHeight,
    };
  }, id);
}

/**
 * rowGeometry once the page has come to rest (the same over two frames), as a reader sees it:
 * right after load the script may not have measured the site header yet (a ResizeObserver
 * reports it at the next frame), and the table headers stick under the styles' default height
 * until it has.
 */
async function restingGeometry(page: Page, id: string): ReturnType<typeof rowGeometry> {
  let last = await rowGeometry(page, id);
  for (let tries = 0; tries < 20; tries++) {
    await page.evaluate(() => new Promise((rest) => requestAnimationFrame(() => requestAnimationFrame(rest))));
    const now = await rowGeometry(page, id);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

describe('a deep-linked row shows its headers', () => {
  const wide = [
    ['offerings/key-protect-standard/', 'incident-and-ops--monitoring', /Task IBM responsibilities Your responsibilities/],
    ['compare/', 'iam-responsibilities--access-control', /Task Key Protect Standard Key Protect Dedicated Secrets Manager/],
    ['compare/key-protect-standard-vs-key-protect-dedicated/', 'disaster-recovery--backups', /Task Key Protect Standard Key Protect Dedicated$/],
  ] as const;

  test.each(wide)('at 1280 px: %s#%s lands under its table header, which stays under the site header', async (url, id, headText) => {
    const { page, context, problems } = await h.open(`${url}#${id}`, { width: 1280, height: 800 });
    const g = await restingGeometry(page, id);
    expect(g.headText).toMatch(headText);
    // the column headers are in view, below the site header and above the row
    // (the header may overlap it by under a pixel: its height is rounded down)
    expect(g.head!.top).toBeGreaterThanOrEqual(g.headerBottom - 1);
    expect(g.head!.bottom).toBeLessThanOrEqual(g.row.top + 0.5);
    // 4rem below what sticks, the site header (its height rounded down), whether or not the
    // script had measured it when the browser scrolled to the row
    expect(Math.abs(g.row.top - (Math.floor(g.headerBottom) + 64))).toBeLessThanOrEqual(1);
    // reading on down the table, once its top has passed the site header, the headers stick
    // under it (the wheel scrolls smoothly: wait for the scroll to end before reading where the
    // headers are)
    await page.mouse.wheel(0, Math.ceil(g.head!.top - g.headerBottom) + 150);
    let previous = g.row.top;
    await expect
      .poll(async () => {
        const now = (await rowGeometry(page, id)).row.top;
        const settled = now === previous && now < g.row.top - 100;
        previous = now;
        return settled;
      })
      .toBe(true);
    const after = await rowGeometry(page, id);
    expect(Math.abs(after.head!.top - after.headerBottom)).toBeLessThan(1);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('at 360 px the linked card is below the outline bar and names its offering and area', async () => {
    const { page, context, problems } = await h.open('offerings/key-protect-standard/#disaster-recovery--backups', { width: 360, height: 740 });
    const g = await rowGeometry(page, 'disaster-recovery--backups');
    expect(g.barBottom).toBeGreaterThan(0);
    expect(g.row.top).toBeGreaterThanOrEqual(g.barBottom - 0.5);
    expect(g.row.top).toBeLessThan(g.viewport / 2);
    const context360 = page.locator('#disaster-recovery--backups .card-context');
    expect(await context360.isVisible()).toBe(true);
    expect(await context360.innerText()).toBe('Key Protect Standard › Disaster recovery');
    // not shown where the table's own headers are
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await context360.isVisible()).toBe(false);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('at 360 px a comparison card names its area and each offering', async () => {
    const { page, context } = await h.open('compare/#disaster-recovery--backups', { width: 360, height: 740 });
    const row = page.locator('#disaster-recovery--backups');
    const g = await rowGeometry(page, 'disaster-recovery--backups');
    expect(g.row.top).toBeGreaterThanOrEqual(g.barBottom - 0.5);
    expect(await row.locator('.card-context').innerText()).toBe('Disaster recovery');
    const labels = await row.locator('.cmp-offering-label').allInnerTexts();
    expect(labels).toEqual(['Key Protect Standard', 'Key Protect Dedicated', 'Secrets Manager']);
    await context.close();
  });
});

/** The outline links marked as the current section. */
function currentSections(page: Page): Promise<string[]> {
  return page.$$eval('.outline a[aria-current]', (links) => links.map((a) => a.textContent ?? ''));
}

describe('focus and the sticky headers', () => {
  test.each(['offerings/key-protect-standard/', 'compare/'])(
    'tabbing backwards through %s never leaves focus under the site header or a stuck table header',
    async (url) => {
      const { page, context } = await h.open(url, { width: 1280, height: 700 });
      await page.locator('.site-footer a').last().focus();
      const hidden: string[] = [];
      let tableStops = 0;
      for (let i = 0; i < 50; i++) {
        await page.keyboard.press('Shift+Tab');
        const where = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body || el.closest('.site-header')) return null;
          const top = el.getBoundingClientRect().top;
          let cover = document.querySelector('.site-header')!.getBoundingClientRect().bottom;
          const table = el.closest('table');
          const head = table && !el.closest('thead') ? table.querySelector('thead th') : null;
          // a table header covers what is below its top (a caption sits above it)
          const headBox = head?.getBoundingClientRect();
          if (headBox && headBox.top <= top) cover = Math.max(cover, headBox.bottom);
          return { top, cover, inTable: head !== null, name: el.outerHTML.slice(0, 80) };
        });
        if (!where) continue;
        if (where.inTable) tableStops += 1;
        if (where.top < where.cover - 0.5) hidden.push(`${where.name} at ${where.top} < ${where.cover}`);
      }
      expect(tableStops).toBeGreaterThan(5);
      expect(hidden).toEqual([]);
      await context.close();
    },
    120_000,
  );
});

describe('the outline beside long pages', () => {
  test('at 1280 px it stays in view and marks the section being read while scrolling, both ways', async () => {
    const { page, context, problems } = await h.open('offerings/key-protect-dedicated/', { width: 1280, height: 800 });
    const areas = await page.$$eval('.outline a', (links) => links.map((a) => [a.getAttribute('href')!.slice(1), a.textContent!] as const));
    expect(areas.length).toBeGreaterThanOrEqual(5);
    for (const [id, title] of [...areas, ...[...areas].reverse()]) {
      await page.evaluate((target) => {
        const heading = document.getElementById(target)!;
        window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 150);
      }, id);
      await expect.poll(() => currentSections(page)).toEqual([title]);
      const outline = await page.locator('.outline').boundingBox();
      expect(outline!.y).toBeGreaterThan(0);
      expect(outline!.y).toBeLessThan(200);
    }
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('at 360 px it is a closed bar that names the current section and closes again after a jump', async () => {
    const { page, context } = await h.open('offerings/key-protect-dedicated/', { width: 360, height: 740 });
    const details = page.locator('.outline details');
    expect(await details.getAttribute('open')).toBeNull();
    await page.evaluate(() => document.getElementById('change-management')!.scrollIntoView());
    await expect.poll(() => page.locator('[data-outline-current]').innerText()).toBe('Change management');
    const bar = await page.locator('.outline').boundingBox();
    expect(bar!.y).toBeLessThan(1);
    expect(bar!.height).toBeLessThan(60);
    await page.locator('.outline summary').click();
    await page.locator('.outline').getByRole('link', { name: 'Disaster recovery' }).click();
    await expect.poll(() => details.getAttribute('open')).toBeNull();
    await expect.poll(() => page.locator('[data-outline-current]').innerText()).toBe('Disaster recovery');
    const heading = await page.locator('h2#disaster-recovery').boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(bar!.height - 0.5);
    await context.close();
  });

  test('the compare controls stay in view mid-page and still filter', async () => {
    const { page, context, problems } = await h.open('compare/', { width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    const controls = page.locator('form[data-cmp-controls]');
    const box = await controls.boundingBox();
    const headerBottom = await page.evaluate(() => document.querySelector('.site-header')!.getBoundingClientRect().bottom);
    expect(box!.y).toBeGreaterThanOrEqual(headerBottom);
    expect(box!.y + box!.height).toBeLessThan(800);
    await page.getByRole('checkbox', { name: 'Differences only' }).check();
    await expect.poll(() => page.locator('[data-cmp-status]').innerText()).toMatch(/differ/i);
    expect(problems()).toEqual([]);
    await context.close();
  });
});

describe('a link to a row that is gone', () => {
  const kinds = [
    ['compare/#disaster-recovery--no-such-task', 'here is its area: Disaster recovery.', 'disaster-recovery'],
    ['compare/key-protect-standard-vs-secrets-manager/#disaster-recovery--no-such-task', 'here is its area: Disaster recovery.', 'disaster-recovery'],
    ['areas/disaster-recovery/#key-protect-dedicated--no-such-task', 'here is its offering: Key Protect Dedicated.', 'key-protect-dedicated'],
    ['checklist/key-protect-standard/#disaster-recovery--backups', 'here is its area: Disaster recovery.', 'disaster-recovery'],
  ] as const;

  test.each(kinds)('%s shows the notice in view, under the heading it goes to', async (url, ending, heading) => {
    for (const width of [1280, 360]) {
      const { page, context, problems } = await h.open(url, { width, height: 740 });
      const notice = page.locator('[data-fragment-notice]');
      await expect.poll(() => notice.count()).toBe(1);
      const fragment = url.split('#')[1];
      expect(await notice.innerText()).toBe(`The row you linked to (#${fragment}) is not on this page any more; ${ending}`);
      const box = await notice.boundingBox();
      expect(box!.y).toBeGreaterThan(0);
      expect(box!.y + box!.height).toBeLessThan(740);
      expect(await page.evaluate((id) => document.getElementById(id)!.nextElementSibling?.hasAttribute('data-fragment-notice'), heading)).toBe(true);
      expect(problems()).toEqual([]);
      await context.close();
    }
  });
});

/** The keyboard stops (focusable and displayed) inside an element. */
function tabStops(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) =>
    [...el.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter(
      (e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0,
    ).length,
  );
}

describe('copy link', () => {
  test('one control per heading and row, a 44 px target in the cell corner, at 1280 and 360 px', async () => {
    for (const width of [1280, 360]) {
      const { page, context } = await h.open('offerings/key-protect-dedicated/', { width, height: 740 });
      expect(await tabStops(page, '#disaster-recovery--availability > th')).toBe(1);
      expect(await tabStops(page, 'h2#disaster-recovery')).toBe(1);
      const rows = await page.locator('.matrix tbody tr[id]').count();
      const buttons = await page.locator('.copy-link-button:visible').count();
      const headings = await page.locator('.matrix-view h2[id]').count();
      const captions = await page.locator('.matrix caption .copy-link').count();
      expect(buttons).toBe(rows + headings + captions);
      expect(await page.locator('a.copy-link').count()).toBe(0);
      for (const id of ['disaster-recovery--availability', 'incident-and-ops--monitoring']) {
        const cell = (await page.locator(`#${id} > th`).boundingBox())!;
        const button = (await page.locator(`#${id} .copy-link-button`).boundingBox())!;
        expect(button.width).toBeGreaterThanOrEqual(44);
        expect(button.height).toBeGreaterThanOrEqual(44);
        // in the row header's top right corner, not on a line of its own
        expect(button.y - cell.y).toBeLessThan(2);
        expect(cell.x + cell.width - (button.x + button.width)).toBeLessThan(2);
      }
      await context.close();
    }
  });

  test('the button takes the place and box of the "#" link the HTML has, so nothing moves when the script runs', async () => {
    const url = 'areas/disaster-recovery/';
    const controls = ['h2#key-protect-standard', '#key-protect-standard--backups > th', '#key-protect-dedicated--table caption'];
    for (const width of [1280, 360]) {
      const boxes = async (javaScript: boolean) => {
        const { page, context } = await h.open(url, { width, height: 740, javaScript });
        const out = [];
        for (const holder of controls) out.push(await page.locator(`${holder} > .copy-link`).boundingBox());
        const kinds = await page.$$eval('.copy-link', (els) => [...new Set(els.map((el) => el.tagName))]);
        await context.close();
        return { out, kinds };
      };
      const plain = await boxes(false);
      const scripted = await boxes(true);
      expect(plain.kinds).toEqual(['A']);
      expect(scripted.kinds).toEqual(['BUTTON']);
      for (const [i, box] of plain.out.entries()) {
        const after = scripted.out[i]!;
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(after[key] - box![key]), `${controls[i]} ${key} at ${width} px`).toBeLessThan(0.5);
      }
    }
  });

  test('captions and headings copy the title their page gives them: table caption, checklist and area page headings', async () => {
    const cases = [
      ['offerings/key-protect-standard/', '#disaster-recovery-kp caption', 'Key Protect Standard › Disaster recovery › Table 5. Responsibilities for disaster recovery - Key Protect Standard'],
      ['offerings/key-protect-standard/', 'h2#disaster-recovery', 'Key Protect Standard › Disaster recovery'],
      ['checklist/key-protect-standard/', 'h2#disaster-recovery', 'Key Protect Standard checklist › Disaster recovery'],
      ['areas/disaster-recovery/', 'h2#key-protect-standard', 'Key Protect Standard › Disaster recovery'],
      ['areas/disaster-recovery/', '#key-protect-dedicated--table caption', 'Key Protect Dedicated › Disaster recovery › Table 2. Responsibilities for disaster recovery - Key Protect Dedicated'],
    ] as const;
    const { page, context } = await h.open(cases[0][0]);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.siteUrl).origin });
    for (const [url, holder, title] of cases) {
      if (!page.url().endsWith(url)) await page.goto(`${h.siteUrl}${url}`);
      await page.locator(`${holder} > .copy-link-button`).click();
      await page.getByRole('menuitem', { name: 'Copy as Markdown' }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`[${title}](`);
    }
    await context.close();
  });

  test('a row of an area page copies "Offering › Area › Task" from its table', async () => {
    const { page, context } = await h.open('areas/disaster-recovery/');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.siteUrl).origin });
    await page.locator('#secrets-manager--backups .copy-link-button').click();
    await page.getByRole('menuitem', { name: 'Copy as Markdown' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('[Secrets Manager › Disaster recovery › Backups](https://respmatrix.example.com/areas/disaster-recovery/#secrets-manager--backups)');
    expect(await page.locator('#secrets-manager--backups .copy-link-button').getAttribute('aria-label')).toBe('Copy link to Backups');
    await context.close();
  });

  test('a heading’s or caption’s control stays beside its last word and inside its box, at 360 and 1280 px', async () => {
    const pages = ['offerings/key-protect-standard/', 'offerings/key-protect-dedicated/', 'areas/change-management/', 'areas/disaster-recovery/', 'compare/'];
    for (const width of [360, 1280]) {
      const { page, context } = await h.open(pages[0]!, { width, height: 740 });
      for (const url of pages) {
        if (url !== pages[0]) await page.goto(`${h.siteUrl}${url}`);
        const alone = await page.$$eval(':is(h1, h2, h3, h4, caption) > .copy-link', (controls) =>
          controls.flatMap((control) => {
            const box = control.parentElement!;
            const text = document.createRange();
            text.selectNodeContents(box);
            text.setEndBefore(control);
            const lines = [...text.getClientRects()].filter((r) => r.width > 0);
            const last = lines[lines.length - 1];
            const button = control.getBoundingClientRect();
            const onItsOwnLine = !last || button.top + button.height / 2 > last.bottom;
            const outside = button.right > box.getBoundingClientRect().right + 0.5;
            return onItsOwnLine || outside ? [`${box.tagName} "${box.textContent?.trim()}"`] : [];
          }),
        );
        expect(alone, `${url} at ${width} px`).toEqual([]);
      }
      await context.close();
    }
  });

  test('copies "Offering › Area › Task" as text/html and the canonical URL as text/plain, and shows it in a toast', async () => {
    const { page, context, problems } = await h.open('offerings/key-protect-standard/');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.siteUrl).origin });
    const button = page.locator('#disaster-recovery--backups .copy-link-button');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const url = 'https://respmatrix.example.com/offerings/key-protect-standard/#disaster-recovery--backups';
    const clipboard = () =>
      page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        if (!item) return {};
        const out: Record<string, string> = {};
        for (const type of item.types) out[type] = await (await item.getType(type)).text();
        return out;
      });
    await expect.poll(clipboard).toEqual({
      'text/html': `<a href="${url}">Key Protect Standard › Disaster recovery › Backups</a>`,
      'text/plain': url,
    });
    const toast = page.getByRole('status').filter({ hasText: 'Link copied' });
    await expect.poll(() => toast.isVisible()).toBe(true);
    expect(await toast.innerText()).toBe(`Link copied:\n${url}`);
    expect(await toast.getAttribute('aria-live')).toBe('polite');
    expect(await axe(page)).toEqual([]);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('without a baseUrl the copied link is the address the reader is on', async () => {
    const site = await loadContentSite();
    const local = await startHarness({ site: { ...site, baseUrl: undefined } });
    try {
      const { page, context } = await local.open('compare/');
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(local.siteUrl).origin });
      await page.locator('#disaster-recovery--backups .copy-link-button').click();
      await page.getByRole('menuitem', { name: 'Copy as Markdown' }).click();
      await expect
        .poll(() => page.evaluate(() => navigator.clipboard.readText()))
        .toBe(`[Compare offerings › Disaster recovery › Backups](${local.siteUrl}compare/#disaster-recovery--backups)`);
      await expect.poll(() => page.locator('.copy-toast').innerText()).toBe(`Copied as Markdown:\n${local.siteUrl}compare/#disaster-recovery--backups`);
      await context.close();
    } finally {
      await local.close();
    }
  }, 120_000);

  test('a pair page link names both offerings', async () => {
    const { page, context } = await h.open('compare/key-protect-standard-vs-secrets-manager/');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.siteUrl).origin });
    await page.locator('#disaster-recovery--backups .copy-link-button').click();
    await page.getByRole('menuitem', { name: 'Copy as Markdown' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(
        '[Key Protect Standard vs Secrets Manager › Disaster recovery › Backups](https://respmatrix.example.com/compare/key-protect-standard-vs-secrets-manager/#disaster-recovery--backups)',
      );
    await context.close();
  });
});

describe('accessibility of the context features', () => {
  test('axe finds nothing on /compare/ and an area page, light and dark, at 1280 and 360 px', async () => {
    const urls = ['compare/', 'areas/disaster-recovery/', 'offerings/key-protect-standard/#disaster-recovery--backups'];
    expect(await accessibilityFailures(h, urls.flatMap((url) => [[url, 1280], [url, 360]] as const))).toEqual([]);
  }, 180_000);
});
