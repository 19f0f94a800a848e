/**
 * Paged area pages: adding an offering moves others to the next page of an area. Their old
 * links still resolve (the browser looks them up in areas/<id>/offerings.json), and the
 * baseline check knows it.
 */
import { beforeAll, expect, test } from 'vitest';
import { compareAnchors } from '../../src/links/anchors-baseline.js';
import { parseManifest } from '../../src/links/manifest-format.js';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { renderSite } from '../../src/build/pipeline.js';
import { fixtureContent } from './fixture.js';
import { pagedSite } from './paging.js';

let base: Site;
beforeAll(async () => {
  base = (await loadSite(fixtureContent)).site!;
});

function render(site: Site) {
  const files = renderSite(site, { base: '/', assets: { scripts: [], styles: [] } });
  const text = (path: string): string => String(files.find((f) => f.path === path)?.contents ?? '');
  return { files, text, manifest: parseManifest(text('anchors.json'), 'anchors.json') };
}

test('a paged area has an offering map, linked from each of its pages', () => {
  const { text } = render(pagedSite(base));
  const map = JSON.parse(text('areas/disaster-recovery/offerings.json')) as Record<string, string>;
  expect(map['vault-standard']).toBe('/areas/disaster-recovery/');
  expect(map['keeper-30']).toBe('/areas/disaster-recovery/2/');
  expect(Object.keys(map)).toEqual([...Object.keys(map)].sort());
  for (const page of ['areas/disaster-recovery/index.html', 'areas/disaster-recovery/2/index.html']) {
    expect(text(page)).toContain('<meta name="respmatrix:area-map" content="/areas/disaster-recovery/offerings.json">');
  }
  // Unpaged sites need neither.
  const small = render(base);
  expect(small.files.some((f) => /^areas\/.*offerings\.json$/.test(f.path))).toBe(false);
  expect(small.text('areas/disaster-recovery/index.html')).not.toContain('respmatrix:area-map');
});

test('an offering added in front moves others to the next page without breaking their anchors', () => {
  const before = render(pagedSite(base)).manifest;
  const after = render(pagedSite(base, undefined, 'aardvark')).manifest;
  // The change really moved something: an id of page 1 is now only on page 2.
  const moved = [...before.pages['areas/disaster-recovery/']!.fragments.keys()].filter(
    (id) => !after.pages['areas/disaster-recovery/']!.fragments.has(id),
  );
  expect(moved.length).toBeGreaterThan(0);
  for (const id of moved) expect(after.pages['areas/disaster-recovery/2/']!.fragments.get(id)).toBeDefined();
  expect(compareAnchors(before, after, [], 'anchors.json')).toEqual([]);
  // Removing an offering still breaks its anchors on every page of the area.
  const without = render({ ...pagedSite(base), offerings: pagedSite(base).offerings.filter((o) => o.id !== 'keeper-03') }).manifest;
  const lost = compareAnchors(before, without, [], 'anchors.json').map((d) => /"([^"]+)"/.exec(d.message)?.[1]);
  expect(lost).toEqual(expect.arrayContaining(['/areas/disaster-recovery/#keeper-03', '/offerings/keeper-03/']));
});
