/**
 * `/stack/`: the reader's own checklist across the offerings they use (`/stack/?o=a,b`). The
 * page is assembled in the browser (src/client/stack.ts) from the offering index and the chosen
 * offerings' data files (src/render/outputs/compare-data.ts); the HTML carries what works without JavaScript: what the page needs and
 * links to each offering's checklist.
 */
import type { Site } from '../../model/types.js';
import type { PageOf } from '../page.js';
import { checklistPageUrl } from '../../shared/site-paths.js';

/** Up to this many offerings the page links every checklist; beyond, it points to the offering index. */
export const STACK_CHECKLIST_LINKS_LIMIT = 200;

/** Offerings one stack takes: more than any team runs at once, few enough for one page. */
export const STACK_MAX = 40;

export interface StackPageData {
  heading: string;
  /** Column heading of the customer's duty in exports ("Your duty"). */
  dutyLabel: string;
  /** Per-offering checklists for readers without JavaScript (empty above the limit). */
  checklists: { name: string; url: string }[];
  offeringCount: number;
  /** Most offerings the picker takes. */
  pickMax: number;
}

declare module '../page.js' {
  interface PageDataMap {
    stack: StackPageData;
  }
}

export function stackPages(site: Site): PageOf<'stack'>[] {
  const listAll = site.offerings.length <= STACK_CHECKLIST_LINKS_LIMIT;
  const you = site.parties.customer.trim().toLowerCase() === 'you';
  const data: StackPageData = {
    heading: you ? 'Your stack' : `${site.parties.customer}'s stack`,
    dutyLabel: you ? 'Your duty' : `${site.parties.customer} duty`,
    checklists: listAll ? site.offerings.map((o) => ({ name: o.name, url: checklistPageUrl(o.id) })) : [],
    offeringCount: site.offerings.length,
    pickMax: Math.min(site.offerings.length, STACK_MAX),
  };
  return [
    {
      kind: 'stack',
      url: 'stack/',
      template: 'pages/stack.njk',
      title: you ? 'Your stack: your duties across the offerings you use' : `${data.heading}: duties across the offerings used`,
      description:
        'Pick the offerings you use and get one checklist of everything you must do yourself, with owners and notes, ready to export to your wiki or tracker.',
      data,
    },
  ];
}
