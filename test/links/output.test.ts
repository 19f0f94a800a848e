/**
 * The rendered site's links and heads, without a browser: a crawl finds no link to a missing
 * page or fragment, anchors.json matches the pages, every head carries canonical, description
 * and Open Graph tags built from the model, and redirect stubs work without inline script.
 */
import { readdir } from 'node:fs/promises';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import type { OutputFile } from '../../src/render/page.js';
import { checkOutput, resolveLink } from '../../src/links/link-check.js';
import { parseManifest, serialiseManifest } from '../../src/links/manifest-format.js';
import { publicDir } from '../../src/render/paths.js';
import { renderSite } from '../../src/build/pipeline.js';
import { isDuty } from '../../src/model/duty.js';
import { fixtureContent } from './fixture.js';

const noAssets = { scripts: [], styles: [] };
let site: Site;
let files: OutputFile[];
let publicFiles: string[];

function withRedirects(s: Site): Site {
  return {
    ...s,
    redirects: [
      { from: '/offerings/old-vault/', to: '/offerings/vault-dedicated/' },
      { from: '/offerings/old-vault/#old-table', to: '/offerings/vault-dedicated/#disaster-recovery-ded' },
      { from: '/offerings/vault-standard/#old-dr', to: '/offerings/vault-standard/#disaster-recovery-std' },
    ],
  };
}

beforeAll(async () => {
  const loaded = await loadSite(fixtureContent);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  site = withRedirects(loaded.site!);
  files = renderSite(site, { base: '/', assets: noAssets });
  publicFiles = (await readdir(publicDir, { recursive: true })).map(String);
});

const text = (path: string): string => String(files.find((f) => f.path === path)?.contents ?? '');

function head(html: string): { links: Record<string, string>; metas: Record<string, string>; title: string } {
  const tree = fromHtml(html) as Root;
  const links: Record<string, string> = {};
  const metas: Record<string, string> = {};
  let title = '';
  visit(tree, 'element', (node: Element) => {
    const p = node.properties;
    if (node.tagName === 'link' && Array.isArray(p['rel'])) links[(p['rel'] as string[]).join(' ')] = String(p['href']);
    if (node.tagName === 'meta') {
      const key = String(p['property'] ?? p['name'] ?? '');
      if (key) metas[key] = String(p['content']);
    }
    if (node.tagName === 'title') title = node.children.map((c) => ('value' in c ? c.value : '')).join('');
  });
  return { links, metas, title };
}

describe('crawl', () => {
  test('no link in the output points to a missing page or fragment', () => {
    expect(checkOutput(files, { base: '/', baseUrl: site.baseUrl, existing: publicFiles })).toEqual([]);
  });

  test('the same holds under a base path', () => {
    const sub = renderSite(site, { base: '/docs/rm/', assets: noAssets });
    expect(checkOutput(sub, { base: '/docs/rm/', baseUrl: site.baseUrl, existing: publicFiles })).toEqual([]);
  });

  test('a missing fragment of the page itself in a cell is a warning at the row that holds it', () => {
    const broken = structuredClone(site);
    const row = broken.offerings[0]!.sections[0]!.rows[0]!;
    row.customer = { text: 'See there', html: '<p>See <a href="#no-such-anchor">there</a></p>' };
    const out = renderSite(broken, { base: '/', assets: noAssets });
    const problems = checkOutput(out, { base: '/', baseUrl: site.baseUrl, existing: publicFiles });
    const onOffering = problems.filter((d) => d.message.includes('on /offerings/vault-standard/'));
    expect(onOffering).toHaveLength(1);
    expect(onOffering[0]).toMatchObject({ file: row.source.file, line: row.source.line, rule: 'broken-link', severity: 'warning' });
    expect(onOffering[0]?.message).toContain('#no-such-anchor');
  });

  test('a link to a missing page of our own site is reported; IBM links are not ours', () => {
    const broken = structuredClone(site);
    const row = broken.offerings[1]!.sections[0]!.rows[0]!;
    row.provider = {
      text: 'x',
      html: '<p><a href="https://links.example.com/offerings/gone/">gone</a> <a href="https://cloud.ibm.com/docs/x">ibm</a></p>',
    };
    const out = renderSite(broken, { base: '/', assets: noAssets });
    const problems = checkOutput(out, { base: '/', baseUrl: site.baseUrl, existing: publicFiles });
    // Reported once (the row shows on the offering, area and checklist pages), at the row.
    expect(problems).toEqual([
      expect.objectContaining({ file: row.source.file, line: row.source.line, severity: 'error', message: expect.stringContaining('/offerings/gone/') }),
    ]);
  });

  test('a redirect to a missing page, or from a page that exists, is an error', () => {
    const bad = { ...site, redirects: [{ from: '/offerings/old/', to: '/offerings/nowhere/' }, { from: '/offerings/keeper/', to: '/offerings/vault-standard/' }] };
    const out = renderSite(bad, { base: '/', assets: noAssets });
    const problems = checkOutput(out, { base: '/', baseUrl: site.baseUrl, existing: publicFiles, redirects: bad.redirects });
    const messages = problems.map((d) => `${d.file} ${d.rule} ${d.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^site\.yaml broken-link Redirect from "\/offerings\/old\/" leads to "\/offerings\/nowhere\/"/),
        expect.stringMatching(/^site\.yaml broken-link Two pages are written to offerings\/keeper\/index\.html/),
      ]),
    );
  });

  test('links resolve relative to their page and the base path', () => {
    expect(resolveLink('../keeper/#x', 'offerings/vault-standard/index.html', { base: '/' })).toEqual({ path: 'offerings/keeper/', fragment: 'x' });
    expect(resolveLink('/other/', 'index.html', { base: '/sub/' })).toMatchObject({ outside: true });
    expect(resolveLink('https://cloud.ibm.com/docs', 'index.html', { base: '/' })).toBeNull();
    expect(resolveLink('mailto:a@b.c', 'index.html', { base: '/' })).toBeNull();
  });

  test('external links that open a new tab carry rel="noopener"', () => {
    const html = files.filter((f) => f.path.endsWith('.html')).map((f) => String(f.contents)).join('\n');
    const blank = [...html.matchAll(/<a\b[^>]*target="_blank"[^>]*>/g)].map((m) => m[0]);
    expect(blank.length).toBeGreaterThan(0);
    for (const tag of blank) expect(tag).toMatch(/rel="[^"]*noopener/);
  });
});

describe('anchors.json', () => {
  test('is stable: two renders give the same bytes, pages and fragment groups sorted, and it reads back to the same text', () => {
    const again = renderSite(withRedirects(site), { base: '/', assets: noAssets });
    const first = text('anchors.json');
    expect(String(again.find((f) => f.path === 'anchors.json')?.contents)).toBe(first);
    const raw = JSON.parse(first) as { version: number; files: string[]; pages: Record<string, { fragments?: Record<string, unknown> }> };
    expect(raw.version).toBe(2);
    expect(raw.files).toEqual([...raw.files].sort());
    const urls = Object.keys(raw.pages);
    expect(urls).toEqual([...urls].sort());
    for (const page of Object.values(raw.pages)) {
      const groups = Object.keys(page.fragments ?? {});
      expect(groups).toEqual([...groups].sort());
    }
    const manifest = parseManifest(first, 'anchors.json');
    for (const page of Object.values(manifest.pages)) {
      const ids = [...page.fragments.keys()];
      expect(ids).toEqual([...ids].sort());
    }
    expect(serialiseManifest(manifest)).toBe(first);
  });

  test('lists every offering and area page, redirect stubs with their target, and legacy source anchors', () => {
    const manifest = parseManifest(text('anchors.json'), 'anchors.json');
    for (const offering of site.offerings) expect(manifest.pages[`offerings/${offering.id}/`]?.kind).toBe('offering');
    for (const area of site.areas) expect(manifest.pages[`areas/${area.id}/`]?.kind).toBe('area');
    expect(manifest.pages['offerings/old-vault/']).toMatchObject({ kind: 'redirect', target: 'offerings/vault-dedicated/' });
    const standard = manifest.pages['offerings/vault-standard/']!.fragments;
    expect(standard.get('incident-and-ops')).toMatchObject({ kind: 'alias', target: 'incident-and-ops-std' });
    expect(standard.get('disaster-recovery-std')).toMatchObject({ kind: 'table', source: { file: 'sources/vault.md' } });
    expect(standard.get('incident-operations--monitoring')).toMatchObject({ kind: 'row', source: { file: 'sources/vault.md', column: 1 } });
  });
});

describe('page heads', () => {
  test('every page has a canonical URL, a description and Open Graph and Twitter tags from the model', () => {
    const pages = files.filter((f) => f.path.endsWith('.html') && !String(f.contents).includes('http-equiv="refresh"'));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const { links, metas, title } = head(String(file.contents));
      const url = file.path.replace(/index\.html$/, '');
      expect(metas['description'], file.path).toBeTruthy();
      expect(metas['og:description'], file.path).toBe(metas['description']);
      // the card reads og:title and og:description: nothing written a third time
      expect(metas['twitter:description'], file.path).toBeUndefined();
      expect(metas['twitter:title'], file.path).toBeUndefined();
      expect(metas['og:title'], file.path).toBe(title);
      expect(metas['og:site_name'], file.path).toBe(site.title);
      expect(metas['twitter:card'], file.path).toBe('summary');
      if (file.path === '404.html') {
        expect(metas['robots']).toBe('noindex');
        continue;
      }
      expect(links['canonical'], file.path).toBe(`https://links.example.com/${url}`);
      expect(metas['og:url'], file.path).toBe(`https://links.example.com/${url}`);
    }
  });

  test('an offering page says how many duties fall on each party', () => {
    const { metas } = head(text('offerings/vault-dedicated/index.html'));
    const dedicated = site.offerings.find((o) => o.id === 'vault-dedicated')!;
    const rows = dedicated.sections.flatMap((s) => s.rows);
    const ibm = rows.filter((r) => r.provider.text.trim() !== '').length;
    const you = rows.filter((r) => r.customer.text.trim() !== '').length;
    expect(metas['description']).toBe(
      `Vault Dedicated: IBM carries ${ibm} duties, you carry ${you} duties across 2 areas: Incident and operations management, Disaster recovery.`,
    );
    expect(metas['og:type']).toBe('article');
    // Keeper lists no duty of yours for backups: the count says so.
    expect(head(text('offerings/keeper/index.html')).metas['description']).toMatch(/^Keeper: IBM carries 2 duties, you carry 1 duty /);
  });

  test("an area page counts each offering in the area once and the duties of all its sections", () => {
    // Vault Dedicated gets a second section in an area it already has: still one offering more.
    const dedicated = site.offerings.find((o) => o.id === 'vault-dedicated')!;
    const first = dedicated.sections[0]!;
    const doubled: Site = {
      ...site,
      offerings: site.offerings.map((o) => (o === dedicated ? { ...o, sections: [...o.sections, { ...first, anchor: `${first.anchor}-2`, aliases: [] }] } : o)),
    };
    const rendered = renderSite(doubled, { base: '/', assets: noAssets });
    const page = String(rendered.find((f) => f.path === `areas/${first.areaId}/index.html`)?.contents);
    const withArea = doubled.offerings.filter((o) => o.sections.some((s) => s.areaId === first.areaId));
    const rows = withArea.flatMap((o) => o.sections.filter((s) => s.areaId === first.areaId).flatMap((s) => s.rows));
    const ibm = rows.filter((r) => isDuty(r.provider, 'provider')).length;
    const you = rows.filter((r) => isDuty(r.customer, 'customer')).length;
    const area = doubled.areas.find((a) => a.id === first.areaId)!;
    expect(withArea.length).toBeGreaterThan(1);
    expect(head(page).metas['description']).toMatch(
      new RegExp(`^${area.title} across ${withArea.length} offerings: IBM carries ${ibm} duties, you carry ${you} duties\\.`),
    );
  });

  test('a page with fragment redirects carries their map', () => {
    const { metas } = head(text('offerings/vault-standard/index.html'));
    expect(JSON.parse(metas['respmatrix:fragment-map']!)).toEqual({ 'old-dr': '#disaster-recovery-std' });
  });
});

describe('redirect stubs', () => {
  test('refresh, canonical, a visible link and an external script that carries fragments', () => {
    const html = text('offerings/old-vault/index.html');
    const { links, metas } = head(html);
    expect(links['canonical']).toBe('https://links.example.com/offerings/vault-dedicated/');
    expect(metas['robots']).toBe('noindex');
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="0; url=/offerings/vault-dedicated/"></noscript>');
    expect(html).toContain('<a href="/offerings/vault-dedicated/">');
    expect(html).toMatch(/<script src="\/redirect\.js" data-target="\/offerings\/vault-dedicated\/" data-fragments="\{&quot;old-table&quot;:&quot;\/offerings\/vault-dedicated\/#disaster-recovery-ded&quot;\}"><\/script>/);
    // No inline script anywhere: every script element has a src.
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      for (const m of String(file.contents).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(m[1], file.path).toMatch(/\ssrc=/);
        expect(m[2]?.trim(), file.path).toBe('');
      }
    }
    expect(text('redirect.js')).toContain('location.replace');
  });

  test('offering redirects move the checklist and comparisons too, and stubs stay out of the sitemap', () => {
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['checklist/old-vault/index.html', 'compare/vault-standard-vs-old-vault/index.html']),
    );
    expect(text('sitemap.xml')).not.toContain('old-vault');
  });
});
