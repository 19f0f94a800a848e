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
} from './anchors-baseline.js';
import type { Offering, Section, Site, SourceRef } from '../model/types.js';
import { TextPieces, type OutputContext, type OutputFile, type Page } from '../render/page.js';
import type { OfferingPageData } from '../render/pages/offering.js';
import { areaPageOfferings, type AreaPageData } from '../render/pages/area.js';
import type { TableView } from '../render/tables.js';
import { idsOf } from './link-check.js';
import { manifestPieces } from './manifest-format.js';
import { isRecord, isStringArray } from '../shared/shapes.js';
import { siteUrl } from '../render/url.js';
import { areaMapPath, areaPageUrl } from '../shared/site-paths.js';
import { byCodeUnit as compare } from '../shared/order.js';
import type { PackedIds } from './packed-ids.js';

type Fragments = Map<string, FragmentRecord>;

function add(fragments: Fragments, id: string | undefined, record: FragmentRecord): void {
  // First definition wins, as on the page (the IdSet gives each id once).
  if (id && !fragments.has(id)) fragments.set(id, record);
}

function src(source: SourceRef | undefined): { source?: SourceRef } {
  if (!source) return {};
  // A position without a column is reported at column 1: record it so.
  return { source: { file: source.file, line: source.line, column: source.column || 1 } };
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

function areaFragments(index: SiteIndex, data: AreaPageData): Fragments {
  const fragments: Fragments = new Map();
  for (const view of data.offerings) {
    const offering = index.offerings.get(view.id);
    const sections = offering?.sections.filter((s) => s.areaId === data.area.id) ?? [];
    add(fragments, view.id, { kind: 'offering', ...src(sections[0]?.source ?? offering?.source) });
    view.tables.forEach((table, i) => tableFragments(fragments, table, sections[i], view.id));
  }
  return fragments;
}

/**
 * Other pages (compare, checklist) repeat area and row ids: keep those the HTML carries, so a
 * link into a comparison is protected too. Page-chrome ids (form controls, titles) are not.
 */
export interface SiteIndex {
  offerings: Map<string, Offering>;
  areas: Set<string>;
  /** Row anchor -> the first row's source (rows of several offerings share anchors). */
  rows: Map<string, SourceRef>;
}

/**
 * What of the index the records of pages that repeat ids (checklists) are made of: the area ids,
 * and each row anchor's first source, as text. Kept in the cache, so that a rebuild makes again
 * only the records of kept checklists that carry an anchor whose source moved.
 */
export interface IndexSources {
  areas: string[];
  rows: Record<string, string>;
}

export function indexSources(index: SiteIndex): IndexSources {
  const rows: Record<string, string> = {};
  for (const [anchor, source] of index.rows) rows[anchor] = JSON.stringify(src(source));
  return { areas: [...index.areas].sort(), rows };
}

/**
 * Whether a page that repeats the ids packed in `ids` (JSON text) may have another record under
 * `now` than under `before` (the last build's, as the cache holds it: anything may be there).
 */
export function repeatedIdsMoved(before: unknown, now: IndexSources): (ids: PackedIds) => boolean {
  if (!isIndexSources(before) || before.areas.join('\0') !== now.areas.join('\0')) return () => true;
  const moved = new Set<string>();
  for (const [anchor, source] of Object.entries(now.rows)) if (!Object.hasOwn(before.rows, anchor) || before.rows[anchor] !== source) moved.add(anchor);
  for (const anchor of Object.keys(before.rows)) if (!Object.hasOwn(now.rows, anchor)) moved.add(anchor);
  if (moved.size === 0) return () => false;
  // An id is in the packed list exactly as its JSON string; a longer id that holds the text only makes more work.
  const needles = [...moved].map((anchor) => JSON.stringify(anchor));
  return (ids) => needles.some((needle) => ids.includes(needle));
}

function isIndexSources(value: unknown): value is IndexSources {
  return isRecord(value) && isStringArray(value['areas']) && isRecord(value['rows']) && isStringArray(Object.values(value['rows']));
}

/** Per site: its index, made on the first ask (a rebuild's rendering, its kept checklists and the manifest all ask). */
const indexes = new WeakMap<Site, SiteIndex>();

export function indexSite(site: Site): SiteIndex {
  let index = indexes.get(site);
  if (!index) indexes.set(site, (index = makeIndex(site)));
  return index;
}

function makeIndex(site: Site): SiteIndex {
  const areas = new Set(site.areas.map((a) => a.id));
  const rows = new Map<string, SourceRef>();
  for (const offering of site.offerings) {
    for (const section of offering.sections) {
      areas.add(section.areaId);
      for (const row of section.rows) if (!rows.has(row.anchor)) rows.set(row.anchor, row.source);
    }
  }
  return { offerings: new Map(site.offerings.map((o) => [o.id, o])), areas, rows };
}

function sharedFragments({ areas, rows }: SiteIndex, ids: readonly string[]): Fragments {
  const fragments: Fragments = new Map();
  for (const id of ids) {
    if (areas.has(id)) add(fragments, id, { kind: 'area' });
    else if (rows.has(id)) add(fragments, id, { kind: 'row', ...src(rows.get(id)) });
  }
  return fragments;
}

/** A page's manifest entry; `ids` are the ids its HTML carries, in order (for compare and checklist pages). */
export function pageRecord(index: SiteIndex, page: Page, ids: readonly string[] | undefined): PageRecord {
  let kind: PageKind = 'page';
  let source: SourceRef | undefined;
  let fragments: Fragments = new Map();
  let target: string | undefined;
  if (page.kind === 'offering') {
    const offering = index.offerings.get(page.data.offering.id);
    kind = 'offering';
    if (offering) {
      source = offering.source;
      fragments = offeringFragments(offering, page.data);
    }
  } else if (page.kind === 'area') {
    kind = 'area';
    fragments = areaFragments(index, page.data);
  } else if (page.url === '') {
    kind = 'home';
  } else if (page.kind === 'redirect') {
    kind = 'redirect';
    target = page.data.target;
  } else if (ids !== undefined) {
    fragments = sharedFragments(index, ids);
  }
  // The default sort is code-unit order, as `compare`, without a call per comparison.
  const sorted = new Map<string, FragmentRecord>();
  for (const id of [...fragments.keys()].sort()) sorted.set(id, fragments.get(id)!);
  return { kind, title: page.title, ...src(source), ...(target !== undefined ? { target } : {}), fragments: sorted };
}

/**
 * The manifest for a site and its pages (404.html is not a page anyone links to). With the
 * rendered HTML, compare and checklist pages contribute the area and row ids they carry.
 */
export function anchorManifest(site: Site, pages: readonly Page[], html?: ReadonlyMap<string, string>): AnchorManifest {
  const index = indexSite(site);
  const records = new Map<string, PageRecord>();
  for (const page of pages) {
    if (!inManifest(page)) continue;
    const text = html?.get(page.url);
    records.set(page.url, pageRecord(index, page, text === undefined ? undefined : idsOf(text).map((i) => i.id)));
  }
  return manifestOf(records);
}

/** Whether a page has an entry in the manifest (404.html is not a page anyone links to). */
export function inManifest(page: Page): boolean {
  return page.url !== '404.html';
}

/** The manifest of page records keyed by URL (the last record of a URL wins, as in a map of pages). */
export function manifestOf(records: ReadonlyMap<string, PageRecord>, kept?: KeptRecords): AnchorManifest {
  const urls = [...records.keys(), ...(kept?.urls ?? [])].sort(compare);
  const pages: Record<string, PageRecord> = {};
  for (const url of urls) {
    const record = records.get(url);
    if (record) pages[url] = record;
    // Read from the previous manifest only if something asks (it reads each record once).
    else Object.defineProperty(pages, url, { enumerable: true, get: () => kept!.from.pages[url] });
  }
  return { version: MANIFEST_VERSION, pages };
}

/** Pages a rebuild kept from the previous output: their records are that output's. */
export interface KeptRecords {
  urls: readonly string[];
  from: AnchorManifest;
}

/** Output lists of the links feature get the manifest when the build collected it while rendering. */
export interface ManifestContext extends OutputContext {
  manifest?: AnchorManifest;
  /** anchors.json's bytes, when they are known to be the previous output's (a rebuild). */
  manifestFile?: Uint8Array;
}

/** The output list entry (src/build/outputs.ts). */
export function anchorsJson(site: Site, context: ManifestContext): OutputFile[] {
  const manifest =
    context.manifest ??
    anchorManifest(site, context.pages.map(({ page }) => page), new Map(context.pages.flatMap(({ page, html }) => (html === undefined ? [] : [[page.url, html]]))));
  return [{ path: 'anchors.json', contents: context.manifestFile ?? new TextPieces(() => manifestPieces(manifest)) }];
}

/**
 * `areas/<id>/offerings.json` for areas spread over several pages: offering id -> its page,
 * so an old link to an offering's section of an area finds the page it moved to. Made from the
 * model (which offerings each area page holds), not from the pages' data.
 */
export function areaOfferingMaps(site: Site, context: OutputContext): OutputFile[] {
  const areaPages = new Set(context.pages.filter(({ page }) => page.kind === 'area').map(({ page }) => page.url));
  return site.areas
    .map((area) => area.id)
    .sort(compare)
    .flatMap((areaId) => {
      const pages = areaPageOfferings(site, areaId);
      if (pages.length <= 1 || !areaPages.has(areaPageUrl(areaId))) return [];
      const text = () => {
        const map = new Map<string, string>();
        pages.forEach((offerings, i) => {
          const url = siteUrl(context.base, areaPageUrl(areaId, i + 1));
          for (const offering of offerings) map.set(offering.id, url);
        });
        // Code-unit order (a sort without comparator: thousands of ids).
        const sorted = Object.fromEntries([...map.keys()].sort().map((id) => [id, map.get(id)!]));
        return JSON.stringify(sorted) + '\n';
      };
      // Made when written: a rebuild keeps the file while the area's offerings are unchanged.
      return [{ path: areaMapPath(areaId), contents: new TextPieces(() => [text()]), inputs: pages.flat() }];
    });
}
