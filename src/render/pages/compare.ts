/**
 * The comparison pages: `/compare/` and one static page per published comparison
 * `/compare/<a>-vs-<b>/` (for wiki links that must work without JavaScript). Up to
 * ALL_PAIRS_LIMIT offerings, `/compare/` holds the whole comparison with a checkbox per
 * offering; above it, the reader picks 2 to 4 offerings and the browser aligns their data files
 * (src/render/outputs/compare-data.ts) with the same code.
 */
import { buildComparison, compareLinkContext, offeringPairs, type CompareCell, type CompareRowInput } from '../../model/compare.js';
import type { Party } from '../../model/duty.js';
import type { Offering, Site } from '../../model/types.js';
import { lazyPage, type PageOf } from '../page.js';
import { cell, type CellView } from '../tables.js';
import { linkTitle } from '../../shared/link-formats.js';
import { markDifferences, sameHtml } from '../pair-diff.js';
import { sameTaskName } from '../../model/tasks.js';
import { offeringPageUrl } from '../../shared/site-paths.js';

/** A party's cell on a pair page: the second may stand for "the same as the first". */
export interface PairCellView extends CellView {
  /** The other offering's name, when this cell says exactly what that one says. */
  sameAs?: string;
}

export interface CompareEntryView {
  /** The task as this offering's source words it, shown when it differs from the canonical title. */
  task?: string;
  /** The row on the offering page. */
  url: string;
  provider: PairCellView;
  customer: PairCellView;
}

export interface CompareCellView {
  offeringId: string;
  offeringName: string;
  listed: boolean;
  /** "Disaster recovery": the area this offering files the task under, when not the line's. */
  placedIn?: string;
  keys: Record<Party, number>;
  entries: CompareEntryView[];
}

export interface CompareRowView {
  id: string;
  title: string;
  differs: Record<Party, boolean>;
  cells: CompareCellView[];
}

export interface CompareAreaView {
  id: string;
  title: string;
  /** What a copied link to the area says: "Key Protect Standard vs Secrets Manager › Area"; a row's adds its task. */
  linkTitle: string;
  caption: string;
  rows: CompareRowView[];
  /** Tasks some offering files here whose line is in another area. */
  pointers: { id: string; title: string; areaTitle: string; target: string }[];
}

export interface ComparePageData {
  heading: string;
  intro: string;
  /** Present on `/compare/` only: the offering checkboxes. */
  chooseOfferings: boolean;
  /**
   * `/compare/` of a site above ALL_PAIRS_LIMIT: no table in the HTML; the reader picks
   * offerings and the browser builds the comparison from their data files.
   */
  pick: boolean;
  /** The fewest and most offerings the picker takes. */
  pickMin: number;
  pickMax: number;
  offeringCount: number;
  offerings: { id: string; name: string; url: string }[];
  pairs: { url: string; label: string; current: boolean }[];
  areas: CompareAreaView[];
}

declare module '../page.js' {
  interface PageDataMap {
    compare: ComparePageData;
  }
}

/**
 * Offerings beyond which the comparison changes shape, so output grows linearly: pairs grow
 * quadratically, so a larger site publishes pair pages only within an offering family, and
 * `/compare/` lists those pairs instead of one table with a column per offering.
 */
export const ALL_PAIRS_LIMIT = 20;

/** The most offerings one comparison shows (picker and `compare:` in site.yaml). */
export const MAX_COMPARED = 4;

/**
 * The static comparison pages: every pair up to ALL_PAIRS_LIMIT offerings; above it the pairs
 * within each family; always the comparisons site.yaml lists under `compare:`. Site order.
 */
export function publishedPairs(site: Site): Offering[][] {
  const all = site.offerings.length <= ALL_PAIRS_LIMIT;
  const groups: Offering[][] = all ? offeringPairs(site) : [];
  if (!all) {
    const families = new Map<string, Offering[]>();
    for (const offering of site.offerings) {
      if (offering.family === undefined) continue;
      const members = families.get(offering.family) ?? [];
      members.push(offering);
      families.set(offering.family, members);
    }
    for (const members of families.values()) groups.push(...offeringPairs({ ...site, offerings: members }));
  }
  const order = new Map(site.offerings.map((o, i) => [o.id, i]));
  const at = (o: Offering) => order.get(o.id) ?? 0;
  const byId = new Map(site.offerings.map((o) => [o.id, o]));
  const seen = new Set(groups.map((g) => g.map((o) => o.id).join(' ')));
  for (const ids of site.compare ?? []) {
    const group = [...new Set(ids)].map((id) => byId.get(id)).filter((o): o is Offering => o !== undefined);
    group.sort((a, b) => at(a) - at(b));
    const key = group.map((o) => o.id).join(' ');
    if (group.length < 2 || seen.has(key)) continue;
    seen.add(key);
    groups.push(group);
  }
  const compareGroups = (g: Offering[], h: Offering[]): number => {
    for (let i = 0; i < Math.min(g.length, h.length); i++) {
      const d = at(g[i] as Offering) - at(h[i] as Offering);
      if (d !== 0) return d;
    }
    return g.length - h.length;
  };
  return groups.sort(compareGroups);
}

/** `compare/a-vs-b/` (or `a-vs-b-vs-c` for a comparison of three). */
export function pairUrl(...ids: string[]): string {
  return `compare/${ids.join('-vs-')}/`;
}

/**
 * Page data for `/compare/` (no ids) or a pair page. `pairs` are the published pairs: all of
 * them on `/compare/`, those sharing an offering with the pair on a pair page.
 */
export function comparePageData(
  site: Site,
  offeringIds?: readonly string[],
  pairs: readonly Offering[][] = publishedPairs(site),
): ComparePageData {
  const full = offeringIds !== undefined || site.offerings.length <= ALL_PAIRS_LIMIT;
  const comparison = full ? buildComparison(site, offeringIds) : { offerings: [], areas: [] };
  const names = new Map(comparison.offerings.map((o) => [o.id, o.name]));
  const areaTitles = new Map(comparison.areas.map(({ area }) => [area.id, area.title]));
  const nameList = listNames(comparison.offerings.map((o) => o.name));
  const currentPair = offeringIds ? comparison.offerings.map((o) => o.id).join('-vs-') : '';
  const linkContext = offeringIds ? compareLinkContext(comparison.offerings.map((o) => o.name)) : 'Compare offerings';
  return {
    heading: offeringIds ? `${nameList} compared` : 'Compare offerings',
    intro: offeringIds
      ? `Task by task, what ${site.parties.provider} does and what you do with ${nameList}.`
      : `Task by task, what ${site.parties.provider} does and what you do in each offering.`,
    chooseOfferings: !offeringIds && full,
    pick: !full,
    pickMin: 2,
    pickMax: MAX_COMPARED,
    offeringCount: site.offerings.length,
    offerings: comparison.offerings.map((o) => ({ id: o.id, name: o.name, url: offeringPageUrl(o.id) })),
    pairs: pairs.map((group) => ({
      url: pairUrl(...group.map((o) => o.id)),
      label: listNames(group.map((o) => o.name)),
      current: group.map((o) => o.id).join('-vs-') === currentPair,
    })),
    areas: comparison.areas.map(({ area, rows, pointers }) => ({
      id: area.id,
      title: area.title,
      linkTitle: linkTitle([linkContext, area.title]),
      caption: `${area.title}: duties by offering`,
      rows: rows.map((row) => {
        const cells = row.cells.map((c) =>
          cellView(
            c,
            names.get(c.offeringId) ?? c.offeringId,
            row.title,
            c.placedIn && (areaTitles.get(c.placedIn) ?? c.placedIn),
          ),
        );
        if (offeringIds?.length === 2) contrastPair(cells);
        return { id: row.anchor, title: row.title, differs: row.differs, cells };
      }),
      pointers: pointers.map((p) => ({
        id: p.anchor,
        title: p.title,
        areaTitle: areaTitles.get(p.areaId) ?? p.areaId,
        target: p.target,
      })),
    })),
  };
}

function cellView(c: CompareCell, offeringName: string, title: string, placedIn?: string): CompareCellView {
  return {
    offeringId: c.offeringId,
    offeringName,
    listed: c.rows.length > 0,
    ...(placedIn ? { placedIn } : {}),
    keys: c.keys,
    entries: c.rows.map((row) => entryView(c.offeringId, row, title)),
  };
}

/**
 * A pair page's line: per party, a cell saying what the first says becomes "Same as <first>";
 * cells that differ get the words only one of them has marked. Lines where an offering lists
 * the task more than once keep their cells as they are.
 */
function contrastPair(cells: CompareCellView[]): void {
  const [first, second] = cells;
  const a = first?.entries.length === 1 ? first.entries[0] : undefined;
  const b = second?.entries.length === 1 ? second.entries[0] : undefined;
  if (!first || !a || !b) return;
  for (const party of ['provider', 'customer'] as const) {
    const [x, y] = [a[party], b[party]];
    if (x.empty || y.empty) continue;
    if (sameHtml(x.html, y.html)) {
      y.sameAs = first.offeringName;
    } else {
      [x.html, y.html] = markDifferences(x.html, y.html);
    }
  }
}

function entryView(offeringId: string, row: CompareRowInput, title: string): CompareEntryView {
  const same = sameTaskName(row.task, title);
  return {
    ...(same ? {} : { task: row.task }),
    url: offeringPageUrl(offeringId, row.anchor),
    provider: cell(row.provider, 'provider'),
    customer: cell(row.customer, 'customer'),
  };
}

/** "A, B and C" */
function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function describe(site: Site, names: string): string {
  return `Side by side: ${site.parties.provider}'s duties and yours in ${names}, task by task.`;
}

export function comparePages(site: Site): PageOf<'compare'>[] {
  if (site.offerings.length === 0) return [];
  const published = publishedPairs(site);
  const all = lazyPage<'compare'>(
    {
      kind: 'compare',
      url: 'compare/',
      template: 'pages/compare.njk',
      title: `Compare offerings: ${site.title}`,
      description: describe(site, listNames(site.offerings.map((o) => o.name))),
    },
    () => comparePageData(site, undefined, published),
  );
  // A pair page links the pairs that share one of its offerings: bounded, not every pair.
  const byOffering = new Map<string, Offering[][]>();
  for (const group of published) {
    for (const o of group) byOffering.set(o.id, [...(byOffering.get(o.id) ?? []), group]);
  }
  const index = new Map(published.map((group, i) => [group, i]));
  const related = (group: Offering[]) =>
    [...new Set(group.flatMap((o) => byOffering.get(o.id) ?? []))].sort((p, q) => (index.get(p) ?? 0) - (index.get(q) ?? 0));
  const pairs = published.map((group): PageOf<'compare'> => {
    const names = listNames(group.map((o) => o.name));
    return lazyPage<'compare'>(
      {
        kind: 'compare',
        url: pairUrl(...group.map((o) => o.id)),
        template: 'pages/compare.njk',
        title: `${group.map((o) => o.name).join(' vs ')}: shared responsibilities compared`,
        description: describe(site, names),
      },
      () => comparePageData(site, group.map((o) => o.id), related(group)),
    );
  });
  return [all, ...pairs];
}
