/**
 * The built site in Chromium: clean loads, a full link crawl, axe-core on every page, anchors,
 * no-JS, 360 px, and the atomic build through the CLI.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clippedElements, tableCount, targetState } from './browser-checks.js';
import { crawl, type CrawlResult } from './crawl.js';
import { axe, startHarness, type Harness } from './harness.js';

let h: Harness;
let site: CrawlResult;

beforeAll(async () => {
  h = await startHarness();
  site = await crawl(h.siteUrl);
});
afterAll(async () => {
  await h?.close();
});

/** Pages to check in the browser: everything the crawl reached (each once). */
function pageUrls(): string[] {
  return site.pages.filter((url) => url.startsWith(h.siteUrl));
}

describe('the built site', () => {
  test('every internal link and fragment resolves', () => {
    expect(site.pages.length).toBeGreaterThanOrEqual(1 + h.site.offerings.length + h.site.areas.length);
    expect(site.broken).toEqual([]);
  });

  test('every page loads without console errors or failed requests, and axe finds no violation', async () => {
    const report: Record<string, unknown> = {};
    const [first, ...rest] = pageUrls();
    const tab = await h.open(first!);
    for (const url of [first!, ...rest]) {
      if (url !== first) await tab.goto(url);
      const violations = await axe(tab.page);
      if (tab.problems().length > 0 || violations.length > 0) report[url] = { problems: tab.problems(), violations };
    }
    await tab.context.close();
    expect(report).toEqual({});
  });

  test('dark mode passes axe too (contrast)', async () => {
    const report: Record<string, unknown> = {};
    const tab = await h.open('', { colorScheme: 'dark' });
    for (const url of ['', 'offerings/key-protect-dedicated/', 'areas/disaster-recovery/', '404.html']) {
      await tab.goto(new URL(url, h.siteUrl).href);
      const violations = await axe(tab.page);
      if (violations.length > 0) report[url] = violations;
    }
    await tab.context.close();
    expect(report).toEqual({});
  });

  test('a table link scrolls to the table and highlights it', async () => {
    const { page, context } = await h.open('offerings/key-protect-dedicated/#disaster-recovery-hpcs');
    const state = (await page.evaluate(targetState('disaster-recovery-hpcs'))) as {
      target: boolean;
      outline: string;
      captionBackground: string;
      top: number;
      headerBottom: number;
      viewportHeight: number;
    } | null;
    await context.close();
    expect(state).not.toBeNull();
    expect(state!.target).toBe(true);
    expect(state!.outline).toMatch(/^solid [1-9]/);
    expect(state!.captionBackground).not.toBe('rgba(0, 0, 0, 0)');
    // In the viewport and not under the sticky header (the outline sits 2px outside the table).
    expect(state!.top).toBeGreaterThanOrEqual(state!.headerBottom);
    expect(state!.top).toBeLessThan(state!.viewportHeight);
  });

  test('without JavaScript every table is still there', async () => {
    for (const offering of h.site.offerings) {
      const { page, context } = await h.open(`offerings/${offering.id}/`, { javaScript: false });
      expect(await page.evaluate(tableCount), offering.id).toBe(offering.sections.length);
      await context.close();
    }
  });

  test('at 360 px wide nothing is clipped', async () => {
    const report: Record<string, string[]> = {};
    const tab = await h.open('', { width: 360, height: 740 });
    for (const url of pageUrls()) {
      await tab.goto(url);
      const clipped = (await tab.page.evaluate(clippedElements)) as string[];
      if (clipped.length > 0) report[url] = clipped;
    }
    await tab.context.close();
    expect(report).toEqual({});
  });
});
