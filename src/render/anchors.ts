/**
 * The anchor manifest (dist/anchors.json): every page URL and every content fragment on it
 * (areas, tables, their aliases, rows), with what defines each one and where in the content
 * folder. Built from the page data the templates render, so it lists exactly the ids the
 * pages carry (the link check verifies that against the HTML). Format: docs/links.md.
 */
import {
  MANIFEST_VERSION,
  type AnchorManifest,
  type FragmentRecord,
  type PageKind,
  type PageRecord,
} from '../model/anchors-baseline.js';
import type { Offering, Section, Site, SourceRef } from '../model/types.js';
import type { OutputFile, Page } from './page.js';
import type { OutputContext } from './outputs.js';
import type { OfferingPageData } from './pages/offering.js';
import type { AreaPageData } from './pages/area.js';
import type { TableView } from './tables.js';
import { redirectPageTarget } from './redirects.js';

type Fragments = Map<string, FragmentRecord>;

function add(fragments: Fragments, id: string | undefined, record: FragmentRecord): void {
  // First definition wins, as on the page (the IdSet gives each id once).
  if (id && !fragments.has(id)) fragments.set(id, record);
}

function src(source: SourceRef | undefined): { source?: SourceRef } {
  if (!source) return {};
  return { source: { file: source.file, line: source.line, ...(source.column ? { column: source.column } : {}) } };
}

/** A table view and the section it shows: ids of the table, its aliases and its rows. */
function tableFragments(fragments: Fragments, table: TableView, section: Section | undefined, fallback: string): void {
  add(fragments, table.id, { kind: 'table', ...src(section?.source) });
  const target = table.id ?? fallback;
  for (const alias of table.aliases) add(fragments, alias, { kind: 'alias', target, ...src(section?.source) });
  table.rows.forEach((view, index) => {
    const row = section?.rows[index];
    add(fragments, view.id, { kind: 'row', ...src(row?.source) });
    for (const alias of view.aliases ?? []) {
      add(fragments, alias, { kind: 'former-row', target: view.id || fallback, ...src(row?.source) });
    }
  });
}

function offeringFragments(offering: Offering, data: OfferingPageData): Fragments {
  const fragments: Fragments = new Map();
  for (const area of data.areas) {
    const sections = offering.sections.filter((s) => s.areaId === area.areaId);
    add(fragments, area.id, { kind: 'area', ...src(sections[0]?.source) });
    area.tables.forEach((table, i) => tableFragments(fragments, table, sections[i], area.id ?? area.areaId));
  }
  if (offering.overview?.anchor) add(fragments, offering.overview.anchor, { kind: 'overview', ...src(offering.overview.source) });
  return fragments;
}

function areaFragments(site: Site, data: AreaPageData): Fragments {
  const fragments: Fragments = new Map();
  for (const view of data.offerings) {
    const offering = site.offerings.find((o) => o.id === view.id);
    const sections = offering?.sections.filter((s) => s.areaId === data.area.id) ?? [];
    add(fragments, view.id, { kind: 'offering', ...src(sections[0]?.source ?? offering?.source) });
    view.tables.forEach((table, i) => tableFragments(fragments, table, sections[i], view.id));
  }
  return fragments;
}

function pageRecord(site: Site, page: Page): PageRecord {
  let kind: PageKind = 'page';
  let source: SourceRef | undefined;
  let fragments: Fragments = new Map();
  let target: string | undefined;
  if (page.template === 'pages/offering.njk') {
    const data = page.data as unknown as OfferingPageData;
    const offering = site.offerings.find((o) => o.id === data.offering.id);
    kind = 'offering';
    if (offering) {
      source = offering.source;
      fragments = offeringFragments(offering, data);
    }
  } else if (page.template === 'pages/area.njk') {
    kind = 'area';
    fragments = areaFragments(site, page.data as unknown as AreaPageData);
  } else if (page.url === '') {
    kind = 'home';
  } else {
    target = redirectPageTarget(page);
    if (target !== undefined) kind = 'redirect';
  }
  const sorted = [...fragments.keys()].sort(compare);
  return {
    kind,
    title: page.title,
    ...src(source),
    ...(target !== undefined ? { target } : {}),
    fragments: Object.fromEntries(sorted.map((id) => [id, fragments.get(id)!])),
  };
}

/** Plain code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The manifest for a site and its pages (404.html is not a page anyone links to). */
export function anchorManifest(site: Site, pages: readonly Page[]): AnchorManifest {
  const listed = pages.filter((page) => page.url !== '404.html');
  const urls = listed.map((page) => page.url).sort(compare);
  const byUrl = new Map(listed.map((page) => [page.url, page]));
  return { version: MANIFEST_VERSION, pages: Object.fromEntries(urls.map((url) => [url, pageRecord(site, byUrl.get(url)!)])) };
}

export function serialiseManifest(manifest: AnchorManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** The output list entry (src/render/outputs.ts). */
export function anchorsJson(site: Site, context: OutputContext): OutputFile[] {
  const manifest = anchorManifest(site, context.pages.map(({ page }) => page));
  return [{ path: 'anchors.json', contents: serialiseManifest(manifest) }];
}
