/**
 * The home page: what the site is, then one card per offering with its duty counts (small sites)
 * or the paged offering summary with a filter box (large ones, src/render/offering-summary.ts).
 */
import type { Site } from '../../model/types.js';
import { lazyPage, type PageOf } from '../page.js';
import { areaLinks, areaOrder, areaTitle, dutyCounts, type AreaLink, type DutyCounts } from '../tables.js';
import { homeGrid, type HomeGrid } from '../home-grid.js';
import { catalogOfferings, catalogPageCount, catalogPageUrl, HOME_CARDS_LIMIT, offeringSummary, type OfferingSummary } from '../offering-summary.js';
import { offeringPageUrl } from '../../shared/site-paths.js';
import { collapse } from '../../shared/plain-text.js';

export interface OfferingCard {
  id: string;
  name: string;
  family?: string;
  url: string;
  summaryText?: string;
  lastUpdated?: string;
  counts: DutyCounts;
  /** Per-area counts, in the site's area order (for an area x offering grid). */
  areas: { id: string; title: string; counts: DutyCounts }[];
}

export interface HomePageData {
  offerings: OfferingCard[];
  areas: AreaLink[];
}

/** A small site's home page: the cards and the area x offering grid. */
export interface CardsPageData extends HomePageData {
  grid: HomeGrid;
}

/** Page `catalogPage` of the offering summary of a large site (page 1 is the home page). */
export interface CatalogPageData extends HomePageData {
  offerings: [];
  summary: OfferingSummary;
  catalogPage: number;
}

declare module '../page.js' {
  interface PageDataMap {
    /** `changes`: the link to the "What changed" page, on the home page of a build with a baseline. */
    home: (CardsPageData | CatalogPageData) & { changes?: { url: string; summary: string } };
  }
}

/** Cards stay short: the first sentence of the summary (the offering page shows it all). */
export function firstSentence(text: string): string {
  const trimmed = collapse(text);
  const match = /^.+?[.!?](?=\s+[A-Z]|$)/.exec(trimmed);
  return match ? match[0] : trimmed;
}

export function homePageData(site: Site): HomePageData {
  const offerings = site.offerings.map((offering): OfferingCard => {
    const areaIds = areaOrder(site, offering.sections.map((s) => s.areaId));
    return {
      id: offering.id,
      name: offering.name,
      ...(offering.family ? { family: offering.family } : {}),
      url: offeringPageUrl(offering.id),
      ...(offering.summary?.text.trim() ? { summaryText: firstSentence(offering.summary.text) } : {}),
      ...(offering.lastUpdated ? { lastUpdated: offering.lastUpdated } : {}),
      counts: dutyCounts(offering.sections),
      areas: areaIds.map((id) => ({
        id,
        title: areaTitle(site, id),
        counts: dutyCounts(offering.sections.filter((s) => s.areaId === id)),
      })),
    };
  });
  return {
    offerings,
    areas: areaLinks(site),
  };
}

export function homePages(site: Site): PageOf<'home'>[] {
  const description =
    site.description?.trim() ||
    `Who is responsible for what: ${site.parties.provider}'s duties and yours, offering by offering.`;
  if (site.offerings.length <= HOME_CARDS_LIMIT) {
    return [
      lazyPage<'home'>(
        { kind: 'home', url: '', template: 'pages/home.njk', title: site.title, description },
        () => ({ ...homePageData(site), grid: homeGrid(site) }),
      ),
    ];
  }
  const areas = areaLinks(site);
  const pages: PageOf<'home'>[] = [];
  for (let n = 1; n <= catalogPageCount(site); n++) {
    pages.push(
      lazyPage<'home'>(
        {
          kind: 'home',
          url: catalogPageUrl(n),
          template: 'pages/home.njk',
          title: n === 1 ? site.title : `All offerings, page ${n}: ${site.title}`,
          description,
        },
        () => ({ offerings: [], areas, summary: offeringSummary(site, n), catalogPage: n }),
        // Its rows and the pager's length: a rebuild keeps the page while they are unchanged.
        () => ({ offerings: catalogOfferings(site, n), values: [n, site.offerings.length] }),
      ),
    );
  }
  return pages;
}
