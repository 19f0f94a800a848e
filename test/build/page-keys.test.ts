/**
 * A page's reuse key hashes its page data as JSON (src/build/output-reuse.ts), so page data
 * must be plain: a Map, Set or function would stringify to nothing and a changed page would
 * keep its old key. Checked on every page kind: the shipped site with a "What changed" page and
 * a synthetic catalog.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import { pageKey, renderKey } from '../../src/build/output-reuse.js';
import { pageInputs } from '../../src/render/page.js';
import { sitePipeline } from '../../src/build/pipeline.js';
import { diffModels } from '../../src/changes/diff.js';
import type { Site } from '../../src/model/types.js';
import { generateContent } from '../../tools/synthetic/generate.js';

const repo = path.resolve(import.meta.dirname, '..', '..');

function notPlain(value: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(value, function (key, v: unknown) {
    if (v instanceof Map || v instanceof Set || typeof v === 'function' || typeof v === 'bigint') found.push(key);
    return v;
  });
  return found;
}

async function pagesOf(site: Site, withChanges: boolean) {
  const baseline = structuredClone(site);
  baseline.offerings[0]?.sections[0]?.rows.pop();
  const changes = withChanges ? { changes: diffModels(baseline, site) } : {};
  return sitePipeline(site, { base: '/', assets: { scripts: ['/a.js'], styles: ['/a.css'] }, ...changes }).pages;
}

test('every page kind has plain JSON page data, and its key follows it', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'respmatrix-page-keys-'));
  try {
    await generateContent(root, { offerings: 8, seed: 5 });
    const sites = [(await loadSite(path.join(repo, 'content'), { cacheDir: false })).site, (await loadSite(root, { cacheDir: false })).site];
    const kinds = new Set<string>();
    for (const site of sites) {
      expect(site).toBeDefined();
      for (const page of await pagesOf(site as Site, true)) {
        kinds.add(page.kind);
        expect(notPlain(page), page.url).toEqual([]);
      }
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['area', 'changes', 'checklist', 'compare', 'home', 'offering']));

    const [page] = await pagesOf(sites[0] as Site, false);
    const changed = structuredClone(page);
    (changed as { title: string }).title += ' ';
    expect(pageKey('k', page!)).toBe(pageKey('k', structuredClone(page!)));
    expect(pageKey('k', changed!)).not.toBe(pageKey('k', page!));
    expect(pageKey('other', page!)).not.toBe(pageKey('k', page!));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

/**
 * Offering, area, checklist and catalog pages are keyed by their inputs, not their data: whatever
 * changes in the model, a page whose HTML changes must get a new key (else a rebuild would
 * keep the old page). Each change below is made to a copy of a catalog whose areas span
 * several pages, and every page is rendered before and after.
 */
test('a page keyed by its inputs gets a new key whenever its HTML changes', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'respmatrix-page-inputs-'));
  try {
    await generateContent(root, { offerings: 40, seed: 9 });
    const site = (await loadSite(root, { cacheDir: false })).site as Site;
    const options = { base: '/', assets: { scripts: ['/a.js'], styles: ['/a.css'] } };
    const keyed = (model: Site) => {
      const pipeline = sitePipeline(model, options);
      const siteKey = renderKey(model, options, pipeline.pages);
      return new Map(pipeline.pages.map((page) => [page.url, { key: pageKey(siteKey, page), html: pipeline.render(page), inputs: pageInputs(page) !== undefined }]));
    };
    const before = keyed(site);
    expect([...before.values()].filter((page) => page.inputs).length).toBeGreaterThan(site.offerings.length * 2);
    const changes: [string, (model: Site) => void][] = [
      ['a duty of one row', (m) => void (m.offerings[3]!.sections[0]!.rows[0]!.customer.html += '<p>More.</p>')],
      ['an offering loses an area, moving the others on its area pages', (m) => void m.offerings[1]!.sections.splice(0, 1)],
      ['an offering is renamed', (m) => void (m.offerings[7]!.name += ' Plus')],
      ['an area is retitled', (m) => void (m.areas[0]!.title += ' and more')],
      ['a task is retitled', (m) => void (m.tasks[0]!.title += ' (all)')],
      ['an offering goes', (m) => void m.offerings.splice(20, 1)],
      // Only on a later page of an area, yet every page of it describes the area's duties.
      ['a duty goes from an offering on a second area page', (m) => {
        const second = sitePipeline(m, options).pages.find((page) => page.kind === 'area' && /^areas\/[^/]+\/2\/$/.test(page.url));
        const inputs = second && pageInputs(second);
        const offering = m.offerings.find((o) => o.id === inputs?.offerings[0]?.id);
        const row = offering?.sections.find((section) => section.areaId === inputs?.area)?.rows.find((r) => r.customer.text !== '');
        expect(row).toBeDefined();
        row!.customer = { text: '', html: '' };
      }],
    ];
    for (const [what, change] of changes) {
      const model = structuredClone(site);
      change(model);
      let changedPages = 0;
      for (const [url, page] of keyed(model)) {
        const old = before.get(url);
        if (!old || old.html === page.html) continue;
        changedPages++;
        expect(page.key, `${what}: ${url}`).not.toBe(old.key);
      }
      expect(changedPages, what).toBeGreaterThan(0);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}, 120_000);
