/**
 * The comparison pages: `/compare/` (every offering, with controls) and one static page per
 * pair `/compare/<a>-vs-<b>/` (for wiki links that must work without JavaScript).
 */
import { buildComparison, offeringPairs, type CompareCell, type Party } from '../../model/compare.js';
import type { Offering, Row, Site } from '../../model/types.js';
import type { Page } from '../page.js';
import { cell, type CellView } from '../tables.js';

export interface CompareEntryView {
  /** The task as this offering's source words it, shown when it differs from the canonical title. */
  task?: string;
  /** The row on the offering page. */
  url: string;
  provider: CellView;
  customer: CellView;
}

export interface CompareCellView {
  offeringId: string;
  offeringName: string;
  listed: boolean;
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
  caption: string;
  rows: CompareRowView[];
}

export interface ComparePageData {
  heading: string;
  intro: string;
  /** Present on `/compare/` only: the offering checkboxes. */
  chooseOfferings: boolean;
  offerings: { id: string; name: string; url: string }[];
  pairs: { url: string; label: string; current: boolean }[];
  areas: CompareAreaView[];
}

/**
 * Offerings beyond which not every pair gets a page: pairs grow quadratically, so a large
 * site publishes pair pages only within an offering family (the /compare/ page still
 * compares any selection).
 */
export const ALL_PAIRS_LIMIT = 20;

export function publishedPairs(site: Site): [Offering, Offering][] {
  const pairs = offeringPairs(site);
  if (site.offerings.length <= ALL_PAIRS_LIMIT) return pairs;
  return pairs.filter(([a, b]) => a.family !== undefined && a.family === b.family);
}

export function pairUrl(a: string, b: string): string {
  return `compare/${a}-vs-${b}/`;
}

export function comparePageData(site: Site, offeringIds?: readonly string[]): ComparePageData {
  const comparison = buildComparison(site, offeringIds);
  const names = new Map(comparison.offerings.map((o) => [o.id, o.name]));
  const nameList = listNames(comparison.offerings.map((o) => o.name));
  const currentPair = offeringIds ? comparison.offerings.map((o) => o.id).join('-vs-') : '';
  return {
    heading: offeringIds ? `${nameList} compared` : 'Compare offerings',
    intro: offeringIds
      ? `Task by task, what ${site.parties.provider} does and what you do with ${nameList}.`
      : `Task by task, what ${site.parties.provider} does and what you do in each offering.`,
    chooseOfferings: !offeringIds,
    offerings: comparison.offerings.map((o) => ({ id: o.id, name: o.name, url: `offerings/${o.id}/` })),
    pairs: publishedPairs(site).map(([a, b]) => ({
      url: pairUrl(a.id, b.id),
      label: `${a.name} and ${b.name}`,
      current: `${a.id}-vs-${b.id}` === currentPair,
    })),
    areas: comparison.areas.map(({ area, rows }) => ({
      id: area.id,
      title: area.title,
      caption: `${area.title}: duties by offering`,
      rows: rows.map((row) => ({
        id: row.anchor,
        title: row.title,
        differs: row.differs,
        cells: row.cells.map((c) => cellView(c, names.get(c.offeringId) ?? c.offeringId, row.title)),
      })),
    })),
  };
}

function cellView(c: CompareCell, offeringName: string, title: string): CompareCellView {
  return {
    offeringId: c.offeringId,
    offeringName,
    listed: c.rows.length > 0,
    keys: c.keys,
    entries: c.rows.map((row) => entryView(c.offeringId, row, title)),
  };
}

function entryView(offeringId: string, row: Row, title: string): CompareEntryView {
  const same = row.task.trim().toLowerCase() === title.trim().toLowerCase();
  return {
    ...(same ? {} : { task: row.task }),
    url: `offerings/${offeringId}/#${row.anchor}`,
    provider: cell(row.provider),
    customer: cell(row.customer),
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

export function comparePages(site: Site): Page[] {
  if (site.offerings.length === 0) return [];
  const all: Page = {
    url: 'compare/',
    template: 'pages/compare.njk',
    title: `Compare offerings: ${site.title}`,
    description: describe(site, listNames(site.offerings.map((o) => o.name))),
    data: comparePageData(site) as unknown as Record<string, unknown>,
  };
  const pairs = publishedPairs(site).map(([a, b]): Page => ({
    url: pairUrl(a.id, b.id),
    template: 'pages/compare.njk',
    title: `${a.name} vs ${b.name}: shared responsibilities compared`,
    description: describe(site, `${a.name} and ${b.name}`),
    data: comparePageData(site, [a.id, b.id]) as unknown as Record<string, unknown>,
  }));
  return [all, ...pairs];
}
