/**
 * `/search/?q=...`: full-page results, filled in the browser from the search index (src/client/search.ts).
 * The page lists areas (a fixed, small set) for the filter and the no-JavaScript fallback;
 * offerings come from the index so the page does not grow with the number of offerings.
 */
import type { Site } from '../../model/types.js';
import type { PageOf } from '../page.js';
import { areaLinks, type AreaLink } from '../tables.js';

export interface SearchPageData {
  areas: AreaLink[];
  parties: { value: string; label: string }[];
}

declare module '../page.js' {
  interface PageDataMap {
    search: SearchPageData;
  }
}

export function searchPageData(site: Site): SearchPageData {
  const { provider, customer } = site.parties;
  return {
    areas: areaLinks(site),
    parties: [
      { value: 'provider', label: `${provider} has a duty` },
      { value: 'customer', label: `${customer} have a duty` },
      { value: 'both', label: `Both ${provider} and ${customer}` },
    ],
  };
}

export function searchPages(site: Site): PageOf<'search'>[] {
  return [
    {
      kind: 'search',
      url: 'search/',
      template: 'pages/search.njk',
      title: `Search: ${site.title}`,
      description: `Search every responsibility row of ${site.title} by task, area, offering or wording, and share the results link.`,
      data: searchPageData(site),
    },
  ];
}
