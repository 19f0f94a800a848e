/**
 * Links that never break, in Chromium: after renaming a task (formerIds), a table id (aliases)
 * and an offering (a redirect), every URL of the previously published anchors.json still
 * reaches its target, fragment included; IBM's own fragments resolve; the copy-link menu puts
 * the row's absolute URL and its Markdown form on the clipboard.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { AnchorManifest } from '../../src/links/anchors-baseline.js';
import { parseManifest } from '../../src/links/manifest-format.js';
import { loadSite } from '../../src/build/load-site.js';
import { renderSite } from '../../src/build/pipeline.js';
import { fixtureContent, workspace, type Workspace } from '../links/fixture.js';
import { pagedSite } from '../links/paging.js';
import { axe, startHarness, type Harness } from './harness.js';

let ws: Workspace;
let h: Harness;
let baseline: AnchorManifest;
let context: BrowserContext;
let tab: Page;

beforeAll(async () => {
  const published = await loadSite(fixtureContent);
  const files = renderSite(published.site!, { base: '/', assets: { scripts: [], styles: [] } });
  baseline = parseManifest(String(files.find((f) => f.path === 'anchors.json')!.contents), 'anchors.json');
  ws = await workspace({
    'tasks.yaml': [['- id: backups', '- id: backup-copies\n  formerIds: [backups]']],
    'sources/vault.md': [['{: #disaster-recovery-ded}', '{: #dr-ded aliases="disaster-recovery-ded"}']],
    'site.yaml': [
      ['id: vault-dedicated', 'id: vault-private'],
      [
        'redirects: []',
        'redirects:\n  - from: /offerings/vault-dedicated/\n    to: /offerings/vault-private/\n' +
          '  - from: /offerings/vault-standard/#old-dr\n    to: /offerings/vault-standard/#disaster-recovery-std',
      ],
    ],
  });
  h = await startHarness({ contentDir: ws.content });
  context = await h.browser.newContext();
  tab = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await h?.close();
  await ws?.remove();
});

/** Where a URL lands once redirects and fragment mapping are done: page path, fragment, :target. */
async function land(url: string): Promise<{ path: string; fragment: string; target?: string; status: number }> {
  const response = await tab.goto(new URL(url, h.siteUrl).href, { waitUntil: 'domcontentloaded' });
  await tab
    .waitForFunction(
      () => {
        const id = decodeURIComponent(location.hash.slice(1));
        const el = id ? document.getElementById(id) : document.body;
        return !document.querySelector('meta[http-equiv="refresh"], script[data-target]') && el && !el.classList.contains('alias-anchor');
      },
      undefined,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  return tab.evaluate((status) => {
    const target = document.querySelector(':target');
    return {
      path: location.pathname,
      fragment: decodeURIComponent(location.hash.slice(1)),
      ...(target?.id ? { target: target.id } : {}),
      status,
    };
  }, response?.status() ?? 0);
}

describe('old URLs after renames, with aliases and a redirect', () => {
  test('every page and fragment of the previous anchors.json reaches a real element', async () => {
    const failures: string[] = [];
    let navigated = 0;
    let fragments = 0;
    for (const [url, page] of Object.entries(baseline.pages)) {
      const landed = await land(url);
      const real = await tab.evaluate(() => !document.querySelector('meta[name="robots"][content="noindex"]'));
      if (landed.status !== 200 || !real) failures.push(`/${url}: status ${landed.status}, landed on ${landed.path}`);
      const ids = [...page.fragments.keys()];
      fragments += ids.length;
      // Ids the landed page carries as real elements need no navigation; the rest must map.
      const direct = await tab.evaluate(
        (list) => list.filter((id) => document.getElementById(id) && !document.getElementById(id)?.classList.contains('alias-anchor')),
        landed.path === `/${url}` ? ids : [],
      );
      for (const id of ids.filter((i) => !direct.includes(i))) {
        const result = await land(`${url}#${encodeURIComponent(id)}`);
        navigated += 1;
        if (!result.target || result.target !== result.fragment) failures.push(`/${url}#${id} -> ${result.path}#${result.fragment}`);
      }
    }
    expect(failures).toEqual([]);
    expect(fragments).toBeGreaterThan(50);
    // The renamed task, table and offering: every one of those went through a mapping.
    expect(navigated).toBeGreaterThan(15);
  }, 60_000);

  test('the renamed row, table and offering land on their new ids', async () => {
    expect(await land('offerings/vault-dedicated/#disaster-recovery--backups')).toMatchObject({
      path: '/offerings/vault-private/',
      target: 'disaster-recovery--backup-copies',
    });
    expect(await land('offerings/vault-dedicated/#disaster-recovery-ded')).toMatchObject({ path: '/offerings/vault-private/', target: 'dr-ded' });
    expect(await land('areas/disaster-recovery/#vault-dedicated--backups')).toMatchObject({
      path: '/areas/disaster-recovery/',
      target: 'vault-private--backup-copies',
    });
    expect(await land('compare/vault-standard-vs-vault-dedicated/#disaster-recovery--backups')).toMatchObject({
      path: '/compare/vault-standard-vs-vault-private/',
      target: 'disaster-recovery--backup-copies',
    });
    expect(await land('checklist/vault-dedicated/')).toMatchObject({ path: '/checklist/vault-private/', status: 200 });
    expect(await land('offerings/vault-standard/#old-dr')).toMatchObject({ target: 'disaster-recovery-std' });
  });

  test("IBM's own fragments resolve on the offering pages", async () => {
    expect(await land('offerings/vault-standard/#incident-and-ops')).toMatchObject({ target: 'incident-and-ops-std' });
    expect(await land('offerings/vault-standard/#incident-and-ops-std')).toMatchObject({ target: 'incident-and-ops-std' });
    expect(await land('offerings/keeper/#incident-and-ops')).toMatchObject({ target: 'incident-and-ops' });
  });

  test('without JavaScript, alias ids are real ids and headings link to their fragment', async () => {
    const { page, context: noJs } = await h.open('offerings/vault-private/#disaster-recovery--backups', { javaScript: false });
    try {
      expect(await page.evaluate(() => document.querySelector(':target')?.closest('tr')?.id)).toBe('disaster-recovery--backup-copies');
      expect(await page.getAttribute('#dr-ded caption a.copy-link', 'href')).toBe('#dr-ded');
      expect(await page.isVisible('.copy-link-button')).toBe(false);
    } finally {
      await noJs.close();
    }
  });
});

describe('copy-link menu', () => {
  test('copies the absolute URL and the Markdown link of a row, keyboard first', async () => {
    const { page, context: ctx, problems } = await h.open('offerings/vault-private/');
    try {
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.siteUrl).origin });
      const button = page.locator('#disaster-recovery--backup-copies .copy-link-button');
      await button.focus();
      await page.keyboard.press('Enter');
      const menu = page.locator('.copy-link-menu');
      await expect.poll(() => menu.isVisible()).toBe(true);
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Copy link');
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('Enter');
      const url = 'https://links.example.com/offerings/vault-private/#disaster-recovery--backup-copies';
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      await expect.poll(() => page.locator('.copy-toast').textContent()).toBe(`Link copied: ${url}`);
      expect(await menu.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Copy link to Backups');

      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Copy as Markdown');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`[Vault Dedicated › Disaster recovery › Backups](${url})`);

      // Escape closes the menu and gives focus back to its button.
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      expect(await menu.isVisible()).toBe(false);
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(problems()).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  test('a heading copies its area link with the mouse', async () => {
    const { page, context: ctx } = await h.open('offerings/vault-private/');
    try {
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.siteUrl).origin });
      await page.click('h2#disaster-recovery .copy-link-button');
      await page.click('.copy-link-menu [data-format="confluence"]');
      await expect
        .poll(() => page.evaluate(() => navigator.clipboard.readText()))
        .toBe('[Vault Dedicated › Disaster recovery|https://links.example.com/offerings/vault-private/#disaster-recovery]');
    } finally {
      await ctx.close();
    }
  });
});

describe('paged areas', () => {
  test('a link to an offering that moved to the next page of an area follows it there', async () => {
    const base = (await loadSite(fixtureContent)).site!;
    const paged = await startHarness({ site: pagedSite(base, undefined, 'aardvark') });
    try {
      // With "aardvark" in front, the last offering of page 1 moved to page 2.
      const { page, context: ctx, problems } = await paged.open('areas/disaster-recovery/#keeper-22--backups');
      await page.waitForURL(/\/areas\/disaster-recovery\/2\/#keeper-22--backups$/, { timeout: 5000 });
      await expect.poll(() => page.evaluate(() => document.querySelector(':target')?.id)).toBe('keeper-22--backups');
      // Requests the first page had in flight are aborted by the move: expected, not an error.
      expect(problems().filter((p) => !p.includes('net::ERR_ABORTED'))).toEqual([]);
      await ctx.close();
    } finally {
      await paged.close();
    }
  }, 60_000);
});
