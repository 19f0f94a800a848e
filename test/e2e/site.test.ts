/**
 * The built site in Chromium: clean loads, a full link crawl, axe-core on every page, anchors,
 * no-JS, 360 px, and the atomic build through the CLI.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureCompiled, respmatrix } from './cli.js';
import { clippedElements, tableCount, targetState } from './browser-checks.js';
import { crawl, type CrawlResult } from './crawl.js';
import { axe, repoRoot, startHarness, type Harness } from './harness.js';

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

  test('every page loads under a strict CSP without console errors or failed requests, and axe finds no violation', async () => {
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
    // axe on every page of the site: far longer than one check on a busy machine.
  }, 180_000);

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

  test('without JavaScript every table is still there, and "your duties only" still works', async () => {
    for (const offering of h.site.offerings) {
      const { page, context } = await h.open(`offerings/${offering.id}/`, { javaScript: false });
      expect(await page.evaluate(tableCount), offering.id).toBe(offering.sections.length);
      const visibleProviderCells = `[...document.querySelectorAll('.matrix tbody td:nth-child(2)')].filter((el) => getComputedStyle(el).display !== 'none').length`;
      expect(await page.evaluate(visibleProviderCells)).toBeGreaterThan(0);
      await page.check('#duties-only');
      expect(await page.evaluate(visibleProviderCells), offering.id).toBe(0);
      expect(await page.locator('.matrix tbody td:nth-child(3)').first().isVisible()).toBe(true);
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

describe('respmatrix build (the CLI)', () => {
  test('a content error over an existing dist/ exits 1 and leaves dist/ unchanged', async () => {
    await ensureCompiled();
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-cli-'));
    try {
      const content = path.join(tmp, 'content');
      const dist = path.join(tmp, 'dist');
      await cp(path.join(repoRoot, 'content'), content, { recursive: true });
      const good = await respmatrix(['build', '--content', content, '--out', dist]);
      expect(good.code, good.stderr).toBe(0);
      const before = await snapshot(dist);
      expect(before.has('index.html')).toBe(true);

      const file = path.join(content, 'sources', 'secrets-manager.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('Restricting access', 'Restricting {{site.data.keyword.no-such-keyword}}'));
      const bad = await respmatrix(['build', '--content', content, '--out', dist]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/secrets-manager\.md:\d+:\d+/);
      expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(await snapshot(dist)).toEqual(before);
      expect((await readdir(tmp)).sort()).toEqual(['content', 'dist']);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 120_000); // may compile lib/ first when run on its own
});

/** Every file of a folder with its bytes, as base64 for readable diffs of the names. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), (await readFile(file)).toString('base64'));
  }
  return out;
}

describe('under a sub-path (--base /sub/path/)', () => {
  test('every link, fragment and asset resolves under the base', async () => {
    const sub = await startHarness({ base: '/sub/path/' });
    try {
      const result = await crawl(sub.siteUrl);
      expect(result.broken).toEqual([]);
      expect(result.pages.every((url) => url.startsWith(sub.siteUrl))).toBe(true);
      expect(result.files.some((url) => /\/sub\/path\/assets\/main-[\w-]+\.js$/.test(url))).toBe(true);
      const { page, problems, context } = await sub.open('offerings/secrets-manager/');
      expect(problems()).toEqual([]);
      expect(await page.evaluate(`getComputedStyle(document.querySelector('.matrix')).borderCollapse`)).toBe('collapse');
      await context.close();
    } finally {
      await sub.close();
    }
  });
});
