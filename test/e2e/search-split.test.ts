/**
 * Search on a site of a few hundred synthetic offerings, whose index is split into parts: typing
 * a query fetches the manifest and only the parts the query needs (each once), as planned by
 * the same code in Node, and shows the results the whole index gives; typos and the search
 * page's filters fetch the vocabulary and the facets only when they need them. Axe finds nothing.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { buildSearchIndex } from '../../src/search/index.js';
import { planQuery } from '../../src/search/fetch-plan.js';
import { loadEngine, search, type Filters, type Hit } from '../../src/search/query.js';
import type { SearchIndexFile, SearchManifest } from '../../src/search/record.js';
import { generateContent } from '../../tools/synthetic/generate.js';
import { LABEL_SOURCE } from '../../src/model/row-name.js';
import { axe, startHarness, type Harness } from './harness.js';

let h: Harness;
let tmp: string;
let whole: SearchIndexFile;
let manifest: SearchManifest;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-split-'));
  await generateContent(tmp, { offerings: 200, seed: 7 });
  h = await startHarness({ contentDir: tmp, base: '/sub/' });
  whole = JSON.parse(JSON.stringify(buildSearchIndex(h.site))) as SearchIndexFile;
  manifest = JSON.parse(await readFile(path.join(h.outDir, 'search', 'index.json'), 'utf8')) as SearchManifest;
}, 300_000);
afterAll(async () => {
  await h?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Site-relative paths of the search files the page requests, in order, through request interception. */
async function watchSearchFiles(page: Page): Promise<string[]> {
  const fetched: string[] = [];
  await page.route('**/search/**/*.json', async (route) => {
    fetched.push(new URL(route.request().url()).pathname.slice(h.base.length));
    await route.continue();
  });
  return fetched;
}

/** The files the browser's code plans for these queries in one page, from the built site. */
async function planned(queries: string[], filters: Filters = {}, limit = 8): Promise<string[]> {
  const files = new Set<string>();
  for (const query of queries) for (const file of (await planQuery(h.outDir, query, filters, limit)).files) files.add(file);
  return [...files].sort();
}

const expected = (query: string, filters: Filters = {}, limit = 8) => search(loadEngine(whole), whole, query, filters, limit);
/** A result's title as the page reads: the task, and the source's label when it differs. */
const title = (hit: Hit | undefined): string => {
  const text = (segments: Hit['task'] = []) => segments.map((s) => s.text).join('');
  return hit?.label.length ? `${text(hit.task)} (${LABEL_SOURCE}: ${text(hit.label)})` : text(hit?.task);
};
const box = 'form[data-search-box] input[name="q"]';
const options = 'form[data-search-box] li.search-hit:not(.search-hit-all)';
const partCount = (): number => manifest.shards.length + manifest.chunks + 2;

describe('split search index', () => {
  test('the site of 200 offerings has a split index', () => {
    expect(manifest.inline).toBeUndefined();
    expect(manifest.shards.length).toBeGreaterThan(10);
    expect(manifest.chunks).toBeGreaterThan(100);
  });

  test('typing fetches the manifest and the parts the query needs, once each, and shows the whole index’s results', async () => {
    const { page, context, problems } = await h.open('areas/disaster-recovery/');
    const fetched = await watchSearchFiles(page);
    const input = page.locator(box);
    await input.focus();
    await input.pressSequentially('backup', { delay: 30 });
    const { hits, total } = expected('backup');
    // Results of earlier prefixes may show first; the last query's settle.
    await expect
      .poll(() => page.locator(`${options} .search-hit-task`).allTextContents(), { timeout: 20_000 })
      .toEqual(hits.map(title));
    const where = await page.locator(`${options} .search-hit-where`).allTextContents();
    expect(where).toEqual(hits.map((hit) => `${hit.offeringName} · ${hit.areaTitle}`));
    expect(await page.locator('[data-search-status]').textContent()).toBe(`${total} results`);

    // Each prefix typed ran as a query; together they needed these files, each fetched once.
    expect([...fetched].sort()).toEqual(await planned(['b', 'ba', 'bac', 'back', 'backu', 'backup']));
    expect(fetched[0]).toBe('search/index.json');
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(fetched.length).toBeLessThan(partCount() / 10);
    expect(fetched.some((file) => file.includes('/terms.') || file.includes('/facets.'))).toBe(false);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axe(page), scheme).toEqual([]);
    }
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForURL((url) => url.href === `${h.siteUrl}${hits[0]?.url}`);
    expect(problems()).toEqual([]);
    await context.close();
  }, 90_000);

  test('a typo fetches the vocabulary and its match’s shards, and finds what the whole index finds', async () => {
    const { page, context, problems } = await h.open('');
    const fetched = await watchSearchFiles(page);
    const input = page.locator(box);
    await input.fill('disater');
    const first = expected('disater').hits[0];
    expect(first).toBeDefined();
    await page.locator(options).first().waitFor();
    expect(await page.locator(`${options} .search-hit-task`).first().textContent()).toBe(title(first));
    expect([...fetched].sort()).toEqual(await planned(['disater']));
    expect(fetched.some((file) => file.includes('/terms.'))).toBe(true);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('the search page fetches the facets for its filters and shows the whole index’s results', async () => {
    const { page, context, problems, goto } = await h.open('');
    const fetched = await watchSearchFiles(page);
    await goto(`${h.siteUrl}search/?q=monitor&party=customer`);
    const { hits } = expected('monitor', { party: 'customer' }, 50);
    await page.locator('[data-search-page-results] .search-hit').first().waitFor();
    const hrefs = await page.locator('[data-search-page-results] .search-hit a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(hits.map((hit) => `${h.base}${hit.url}`));
    expect(await page.locator('#search-page-offering option').count()).toBe(whole.offerings.length + 1);
    expect(fetched.some((file) => file.includes('/facets.'))).toBe(true);
    expect(new Set(fetched).size).toBe(fetched.length);
    // Fifty results need up to fifty record chunks: with chunks of about 8 KB, a quarter of
    // this small site's parts (52 of 200); the rest of the index is never fetched.
    expect(fetched.length).toBeLessThan(partCount() / 3);
    expect(problems()).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
