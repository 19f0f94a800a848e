/**
 * The home page of a large site: offerings as rows, areas as columns (duty counts per party),
 * CATALOG_PAGE_SIZE offerings per page, so no page grows with the catalog. Page 1 is the home
 * page, page n is `catalog/<n>/`. Small sites keep the cards and the area x offering grid.
 */
import type { Offering, Site } from '../model/types.js';
import { areaDutyCell, customerInText, type AreaDutyCell } from './home-grid.js';
import { offeringPageUrl } from '../shared/site-paths.js';
import { areaLinks, type AreaLink } from './tables.js';

/** Up to this many offerings the home page shows one card per offering and the area x offering grid. */
export const HOME_CARDS_LIMIT = 20;
export const CATALOG_PAGE_SIZE = 200;

export type SummaryCell = AreaDutyCell;

export interface OfferingSummary {
  caption: string;
  areas: AreaLink[];
  rows: { id: string; name: string; url: string; cells: SummaryCell[] }[];
  /** Position of the first row among all offerings (1-based) and how many there are. */
  from: number;
  to: number;
  total: number;
  pager?: PagerView;
}

export function catalogPageUrl(n: number): string {
  return n <= 1 ? '' : `catalog/${n}/`;
}

export function catalogPageCount(site: Site): number {
  return Math.max(1, Math.ceil(site.offerings.length / CATALOG_PAGE_SIZE));
}

export interface PagerView {
  current: number;
  total: number;
  previous?: string;
  next?: string;
  pages: { number: number; url: string; current: boolean }[];
}

export function pagerView(url: (n: number) => string, current: number, total: number): PagerView | undefined {
  if (total <= 1) return undefined;
  return {
    current,
    total,
    ...(current > 1 ? { previous: url(current - 1) } : {}),
    ...(current < total ? { next: url(current + 1) } : {}),
    pages: Array.from({ length: total }, (_, i) => ({ number: i + 1, url: url(i + 1), current: i + 1 === current })),
  };
}

/** The offerings on page `n` (1-based) of the summary. */
export function catalogOfferings(site: Site, n: number): Offering[] {
  const start = (n - 1) * CATALOG_PAGE_SIZE;
  return site.offerings.slice(start, start + CATALOG_PAGE_SIZE);
}

/** Page `n` (1-based) of the summary. */
export function offeringSummary(site: Site, n: number): OfferingSummary {
  const start = (n - 1) * CATALOG_PAGE_SIZE;
  const offerings = catalogOfferings(site, n);
  const summary: OfferingSummary = {
    caption: `Duties per offering and area: how many tasks list a duty for ${site.parties.provider} and for ${customerInText(site)}`,
    areas: areaLinks(site),
    rows: offerings.map((offering) => ({
      id: offering.id,
      name: offering.name,
      url: offeringPageUrl(offering.id),
      cells: site.areas.map((area) => areaDutyCell(offering, area.id)),
    })),
    from: start + 1,
    to: start + offerings.length,
    total: site.offerings.length,
  };
  const pager = pagerView(catalogPageUrl, n, catalogPageCount(site));
  if (pager) summary.pager = pager;
  return summary;
}
