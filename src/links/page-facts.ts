/**
 * The links the content puts on the site's repeated pages (offering, area and checklist pages),
 * read from the model instead of their HTML: the links inside the content HTML they show (table
 * cells, section intros, an offering's summary, checklist duties) and the offering's source
 * address. Every other link on those pages is made by the templates from routes: the tests
 * check whole rendered sites for those (test/links/output.test.ts), and `check` still reads
 * every page.
 */
import type { Offering, Rich } from '../model/types.js';
import { pageInputs, type Page } from '../render/page.js';
import type { PageRecord } from './anchors-baseline.js';
import { decode, scanIds } from './html-scan.js';
import type { LinkCollector } from './link-collector.js';
import { isExternal } from './link-resolve.js';
import { isRecord, isStringArray } from '../shared/shapes.js';
import { byKey, recordedFor } from '../shared/by-key.js';

/**
 * Every link attribute of a piece of content HTML, and any text that looks like one: more than
 * the page scan takes (it skips text outside tags) only ever makes the check read a page back.
 */
const LINK = /\s(?:href|src|action)="([^"]*)"/g;

/** The links of a piece of content HTML, added to each of `sets`. */
function linksOf(rich: Rich | undefined, ...sets: Set<string>[]): void {
  // Most cells hold no attribute at all.
  if (!rich?.html.includes('="')) return;
  LINK.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = LINK.exec(rich.html)) !== null) {
    const link = decode(match[1]!);
    for (const set of sets) set.add(link);
    // The next match may start inside this one's value.
    LINK.lastIndex = match.index + 1;
  }
}

/**
 * What an offering's content links to, of the links the check resolves (any that may point into
 * the site; another site's pages are never checked): everything, the customer's cells, each
 * area's part. Plain data: a rebuild takes an unchanged offering's from the cache.
 */
export interface OfferingLinks {
  all: string[];
  customer: string[];
  byArea: [area: string, links: string[]][];
}

/** Each offering's content is scanned once per thread, however many pages show it. */
const offeringLinks = new WeakMap<Offering, OfferingLinks>();

function linksOfOffering(offering: Offering, baseUrl: string | undefined): OfferingLinks {
  let links = offeringLinks.get(offering);
  if (links) return links;
  const all = new Set<string>();
  const customer = new Set<string>();
  const byArea = new Map<string, Set<string>>();
  if (offering.sourceUrl) all.add(offering.sourceUrl);
  linksOf(offering.summary, all);
  for (const section of offering.sections) {
    const area = byArea.get(section.areaId) ?? new Set<string>();
    byArea.set(section.areaId, area);
    linksOf(section.intro, area);
    for (const row of section.rows) {
      linksOf(row.provider, area);
      linksOf(row.customer, area, customer);
    }
  }
  for (const area of byArea.values()) for (const link of area) all.add(link);
  if (offering.sourceUrl) customer.add(offering.sourceUrl);
  const checked = (set: Set<string>) => [...set].filter((link) => !isExternal(link, baseUrl));
  links = { all: checked(all), customer: checked(customer), byArea: [...byArea].map(([id, set]) => [id, checked(set)]) };
  offeringLinks.set(offering, links);
  return links;
}

/**
 * The links of the offerings, by key, as the last build of the same site found them (the cache
 * record): an offering whose key is there is not scanned again. Only a build with the same
 * site-wide key may give them: that key holds the baseUrl, which decides what is another site.
 */
export function adoptOfferingLinks(
  offerings: readonly Offering[], keyOf: (offering: Offering) => string | undefined, recorded: Readonly<Record<string, unknown>>,
): void {
  for (const [offering, links] of recordedFor(offerings, keyOf, recorded)) {
    if (!offeringLinks.has(offering) && isOfferingLinks(links)) offeringLinks.set(offering, links);
  }
}

/** The links of the keyed offerings this thread has found or adopted, by key, for the next build. */
export function offeringLinksByKey(offerings: readonly Offering[], keyOf: (offering: Offering) => string | undefined): Record<string, OfferingLinks> {
  return byKey(offerings, keyOf, (offering) => offeringLinks.get(offering));
}

function isOfferingLinks(value: unknown): value is OfferingLinks {
  if (!isRecord(value)) return false;
  const { all, customer, byArea } = value;
  return isStringArray(all) && isStringArray(customer) && Array.isArray(byArea) &&
    byArea.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && isStringArray(entry[1]));
}

/**
 * The links the content puts on a page of a repeated kind, as a set (a page taken from its data
 * is read back for positions whenever a problem involves it, so only which links it makes
 * matters), found from the offerings the page is made of; undefined for other pages (the home
 * page, comparisons, redirect stubs...), which are read from their HTML. A link of content the
 * page does not show (an empty cell) only makes the check read the page back.
 */
export function contentLinks(page: Page, baseUrl: string | undefined): readonly string[] | undefined {
  const inputs = pageInputs(page);
  if (!inputs) return undefined;
  const [first] = inputs.offerings;
  switch (page.kind) {
    case 'offering':
      return first && linksOfOffering(first, baseUrl).all;
    case 'area':
      return inputs.offerings.flatMap((offering) => linksOfOffering(offering, baseUrl).byArea.find(([id]) => id === inputs.area)?.[1] ?? []);
    case 'checklist':
      return first && linksOfOffering(first, baseUrl).customer;
    default:
      return undefined;
  }
}

/**
 * Add a rendered page to the link check: a repeated page from its record and content (a
 * checklist's ids from its HTML, since its anchor record is made from them), any other page
 * scanned. Returns the ids scanned from a checklist, and a scanned page's ids and links (which a
 * rebuild takes instead of reading the page again while it is unchanged: kept-pages.ts).
 */
export function addRenderedPage(
  collector: LinkCollector,
  page: Page,
  file: string,
  html: string,
  recordFor: ((ids: readonly string[]) => PageRecord) | undefined,
  order: number,
): { ids?: string[]; links?: string[] } {
  const links = recordFor ? contentLinks(page, collector.baseUrl) : undefined;
  if (!recordFor || !links) return collector.addPage(file, html, recordFor, order);
  const ids = page.kind === 'checklist' ? scanIds(html) : undefined;
  const record = recordFor(ids ?? []);
  collector.addKnownPage(file, ids ? new Set(ids) : record.fragments, links, order);
  return ids ? { ids } : {};
}
