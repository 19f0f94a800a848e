/**
 * Share-ready page heads: canonical URL, description, Open Graph and Twitter card tags, so a
 * link pasted into a wiki or chat unfurls with a useful title and text. Descriptions of
 * offering and area pages are built from the model (who carries how many duties).
 */
import type { Offering, Redirect, Section, Site } from '../model/types.js';
import { renamesOf, splitTarget, type Renames } from '../links/renames.js';
import type { Page } from './page.js';
import { absoluteUrl, siteUrl } from './url.js';
import { areaMapPath } from '../shared/site-paths.js';
import { effectiveRedirects, redirectView } from './redirects.js';
import { dutyCounts } from './tables.js';

function duties(n: number): string {
  return n === 1 ? '1 duty' : `${n} duties`;
}

/** "IBM carries 16 duties, you carry 16" (any party labels). */
function sharePhrase(site: Site, sections: readonly Section[]): string {
  const c = dutyCounts(sections);
  const customer = site.parties.customer.trim();
  const you = customer.toLowerCase() === 'you';
  return `${site.parties.provider} carries ${duties(c.provider)}, ${you ? 'you carry' : `${customer} carries`} ${duties(c.customer)}`;
}

/** Meta description of an offering page. */
export function offeringDescription(site: Site, offering: Offering): string {
  const areaIds = [...new Set(offering.sections.map((s) => s.areaId))];
  const areaTitles = areaIds.map((id) => site.areas.find((a) => a.id === id)?.title ?? id);
  const where = areaTitles.length > 0 ? ` across ${areaTitles.length === 1 ? '1 area' : `${areaTitles.length} areas`}: ${areaTitles.join(', ')}` : '';
  return `${offering.name}: ${sharePhrase(site, offering.sections)}${where}.`;
}

/** Per site: each area's description, made on the first ask in one pass over the offerings. */
const areaDescriptions = new WeakMap<Site, Map<string, string>>();

/** Meta description of an area page (a paged area has one page per 25 offerings, all with it). */
export function areaDescription(site: Site, areaId: string): string {
  let bySite = areaDescriptions.get(site);
  if (!bySite) areaDescriptions.set(site, (bySite = describeAreas(site)));
  return bySite.get(areaId) ?? describeArea(site, areaId, { offerings: 0, sections: [] });
}

interface AreaShare {
  offerings: number;
  sections: Section[];
  /** The offering counted last (one counts once, however many of its sections are in the area). */
  last?: Offering;
}

function describeAreas(site: Site): Map<string, string> {
  const shares = new Map<string, AreaShare>();
  for (const offering of site.offerings) {
    for (const section of offering.sections) {
      let share = shares.get(section.areaId);
      if (!share) shares.set(section.areaId, (share = { offerings: 0, sections: [] }));
      if (share.last !== offering) share.offerings += 1;
      share.last = offering;
      share.sections.push(section);
    }
  }
  return new Map([...shares].map(([areaId, share]) => [areaId, describeArea(site, areaId, share)]));
}

function describeArea(site: Site, areaId: string, share: AreaShare): string {
  const area = site.areas.find((a) => a.id === areaId);
  const title = area?.title ?? areaId;
  const n = share.offerings === 1 ? '1 offering' : `${share.offerings} offerings`;
  const about = area?.description?.trim();
  return `${title} across ${n}: ${sharePhrase(site, share.sections)}.${about ? ` ${about}` : ''}`;
}

export interface HeadMeta {
  /** Absolute with a baseUrl, else base-path relative (still a valid canonical link). */
  canonical: string;
  /** Absolute URL for og:url, only with a baseUrl. */
  absolute?: string;
  title: string;
  description: string;
  siteName: string;
  ogType: 'website' | 'article';
  twitterCard: 'summary';
  /** JSON map of old fragments on this page to new targets (site redirects), if any. */
  fragmentMap?: string;
  /** JSON of renamed offerings and tasks, for pages that repeat their ids (legacy-fragments.ts). */
  renames?: string;
  /** For a paged area: URL of its offering -> page map (areas/<id>/offerings.json). */
  areaMap?: string;
  /** Whether search engines should skip the page (404, redirect stubs). */
  noindex: boolean;
}

/** Fragment-level redirects whose old page is this page: old fragment -> new site path. */
export function fragmentRedirects(redirects: readonly Redirect[], pageUrl: string, base: string): Record<string, string> {
  const map: Record<string, string> = {};
  const sorted = [...redirects].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const redirect of sorted) {
    const from = splitTarget(redirect.from);
    if (from.page !== pageUrl || from.fragment === undefined) continue;
    const to = splitTarget(redirect.to);
    map[from.fragment] = to.page === pageUrl ? `#${to.fragment ?? ''}` : siteUrl(base, to.page) + (to.fragment ? `#${to.fragment}` : '');
  }
  return map;
}

/** Per-site values every page's head needs, computed once (a site can have thousands of pages). */
const siteLinkData = new WeakMap<Site, { redirects: Redirect[]; renames: Renames }>();

function linkData(site: Site): { redirects: Redirect[]; renames: Renames } {
  let data = siteLinkData.get(site);
  if (!data) {
    const redirects = effectiveRedirects(site);
    data = { redirects, renames: renamesOf(site, redirects) };
    siteLinkData.set(site, data);
  }
  return data;
}

export function headMeta(site: Site, page: Page, base: string): HeadMeta {
  const path = siteUrl(base, page.url);
  const absolute = absoluteUrl(site.baseUrl, path);
  const { redirects, renames } = linkData(site);
  const map = fragmentRedirects(redirects, page.url, base);
  return {
    canonical: absolute ?? path,
    ...(absolute ? { absolute } : {}),
    title: page.title,
    description: page.description,
    siteName: site.title,
    ogType: page.kind === 'offering' || page.kind === 'area' ? 'article' : 'website',
    twitterCard: 'summary',
    ...(Object.keys(map).length > 0 ? { fragmentMap: JSON.stringify(map) } : {}),
    ...(hasRenames(renames) ? { renames: JSON.stringify(renames) } : {}),
    ...areaMapOf(page, base),
    noindex: page.url === '404.html',
  };
}

/** Template globals of the links feature (registered by src/render/environment.ts). */
export function linkGlobals(site: Site, base: string): Record<string, (page: Page) => unknown> {
  return {
    headMeta: (page: Page) => headMeta(site, page, base),
    redirectView: (page: Page) => (page.kind === 'redirect' ? redirectView(page, base) : undefined),
  };
}

function hasRenames(renames: Renames): boolean {
  return Object.keys(renames.offerings).length > 0 || Object.keys(renames.tasks).length > 0;
}

function areaMapOf(page: Page, base: string): { areaMap?: string } {
  if (page.kind !== 'area' || !page.data.pager || !page.data.area.id) return {};
  return { areaMap: siteUrl(base, areaMapPath(page.data.area.id)) };
}
