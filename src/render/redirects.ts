/**
 * Static redirect pages for moved pages (site.yaml `redirects`): each old URL gets a page that
 * sends the reader on, keeping or translating the fragment, so published links keep working
 * on any static host. The fragment logic lives in a small external script (strict CSP).
 */
import type { Redirect, Site } from '../model/types.js';
import { renamesOf, splitTarget } from '../links/renames.js';
import type { OutputFile, PageOf } from './page.js';
import { siteUrl } from './url.js';
import { checklistPageUrl } from '../shared/site-paths.js';
import { pairUrl, publishedPairs } from './pages/compare.js';

export const REDIRECT_TEMPLATE = 'pages/redirect.njk';
export const REDIRECT_SCRIPT = 'redirect.js';

export interface RedirectPageData {
  /** Site path (relative to the base) the page sends readers to. */
  target: string;
  /** Old fragment -> site path with fragment, for fragments that moved elsewhere. */
  fragments: Record<string, string>;
}

declare module './page.js' {
  interface PageDataMap {
    redirect: RedirectPageData;
  }
}

function byFrom(a: { from: string }, b: { from: string }): number {
  return a.from < b.from ? -1 : a.from > b.from ? 1 : 0;
}

/**
 * site.yaml redirects plus the ones a renamed offering implies: `offerings/a/` -> `offerings/b/`
 * also moves `checklist/a/` and every published comparison that names `a`.
 */
export function effectiveRedirects(site: Site): Redirect[] {
  const explicit = new Set(site.redirects.map((r) => splitTarget(r.from).page + (splitTarget(r.from).fragment ? '#' : '')));
  const ids = new Set(site.offerings.map((o) => o.id));
  const derived: Redirect[] = [];
  const push = (from: string, to: string): void => {
    if (explicit.has(from)) return;
    explicit.add(from);
    derived.push({ from, to });
  };
  const renames = renamesOf(site, site.redirects);
  for (const [oldId, newId] of Object.entries(renames.offerings)) {
    if (ids.has(oldId)) continue;
    push(checklistPageUrl(oldId), checklistPageUrl(newId));
    for (const group of publishedPairs(site)) {
      const [a, b] = group;
      if (group.length !== 2 || !a || !b || (a.id !== newId && b.id !== newId)) continue;
      const swap = (id: string): string => (id === newId ? oldId : id);
      push(pairUrl(swap(a.id), swap(b.id)), pairUrl(a.id, b.id));
      push(pairUrl(swap(b.id), swap(a.id)), pairUrl(a.id, b.id));
    }
  }
  return [...site.redirects, ...derived];
}

/** One redirect page per old page that has a whole-page entry (`from` without a fragment). */
export function redirectPages(site: Site): PageOf<'redirect'>[] {
  const entries = [...effectiveRedirects(site)].sort(byFrom).map((r) => ({ from: splitTarget(r.from), to: r.to.trim().replace(/^\/+/, '') }));
  const pages: PageOf<'redirect'>[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.from.fragment !== undefined || seen.has(entry.from.page)) continue;
    seen.add(entry.from.page);
    const fragments: Record<string, string> = {};
    for (const other of entries) {
      if (other.from.page === entry.from.page && other.from.fragment !== undefined) fragments[other.from.fragment] = other.to;
    }
    const data: RedirectPageData = { target: entry.to, fragments };
    pages.push({
      kind: 'redirect',
      url: entry.from.page,
      template: REDIRECT_TEMPLATE,
      title: `Moved to /${splitTarget(entry.to).page}`,
      description: `This page moved to /${entry.to}.`,
      data,
    });
  }
  return pages;
}

/** What the redirect template shows: base-prefixed URLs and the fragment map as JSON. */
export function redirectView(page: PageOf<'redirect'>, base: string): { href: string; fragments: string } {
  const { data } = page;
  const fragments: Record<string, string> = {};
  for (const [id, to] of Object.entries(data.fragments)) fragments[id] = siteUrl(base, to);
  return { href: siteUrl(base, data.target), fragments: JSON.stringify(fragments) };
}

/**
 * The redirect script: runs before the page renders, translates a known old fragment, else
 * carries the fragment over, and replaces the history entry (Back does not bounce).
 */
const script = `(function () {
  var s = document.currentScript;
  if (!s) return;
  var target = s.getAttribute('data-target') || '';
  var map = {};
  try { map = JSON.parse(s.getAttribute('data-fragments') || '{}'); } catch (e) { map = {}; }
  var id = location.hash.slice(1);
  try { id = decodeURIComponent(id); } catch (e) { /* keep it encoded */ }
  var dest = target;
  if (id && Object.prototype.hasOwnProperty.call(map, id)) dest = map[id];
  else if (id && target.indexOf('#') === -1) dest = target + location.hash;
  location.replace(dest);
})();
`;

export function redirectScript(site: Site): OutputFile[] {
  return site.redirects.length > 0 ? [{ path: REDIRECT_SCRIPT, contents: script }] : [];
}
