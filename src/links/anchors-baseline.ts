/**
 * The anchor manifest (`anchors.json`) and the baseline check: every page and fragment a
 * previous build published must still resolve, directly, through an alias id, or through a
 * `redirects` entry of site.yaml. Otherwise a wiki link somewhere broke silently.
 * The format (manifest-format.ts) is documented in docs/links.md.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Redirect, SourceRef } from '../model/types.js';
import { renamedIds, splitTarget, type Renames } from './renames.js';

/** The version builds write (manifest-format.ts reads 1 and 2). */
export const MANIFEST_VERSION = 2;

/** What defines a fragment; `alias` and `former-row` ids resolve to `target` on the same page. */
export type FragmentKind = 'area' | 'table' | 'row' | 'overview' | 'alias' | 'former-row' | 'offering';

export interface FragmentRecord {
  kind: FragmentKind;
  /** Where the content folder defines it (what the baseline check points at). */
  source?: SourceRef;
  /** For aliases: the id they stand for. */
  target?: string;
}

export type PageKind = 'home' | 'offering' | 'area' | 'redirect' | 'page';

export interface PageRecord {
  kind: PageKind;
  title: string;
  source?: SourceRef;
  /** For redirect pages: where they send the reader (a site path, maybe with a fragment). */
  target?: string;
  /**
   * Fragment id -> record, sorted by id. A Map, not an object: ids differ from page to page, and
   * an object keyed by them cost more to build than the rest of the manifest.
   */
  fragments: Map<string, FragmentRecord>;
}

export interface AnchorManifest {
  version: number;
  /** Page URL relative to the site base ('' is home) -> record, sorted by URL. */
  pages: Record<string, PageRecord>;
}

const NO_RENAMES: Renames = { offerings: {}, tasks: {} };

/** Where `page#fragment` of the current site leads, following redirects (at most a few hops). */
export function resolveTarget(
  current: AnchorManifest,
  redirects: readonly Redirect[],
  page: string,
  fragment: string | undefined,
  renames: Renames = NO_RENAMES,
): boolean {
  let p = page;
  let f = fragment;
  for (let hop = 0; hop < 5; hop += 1) {
    const record = current.pages[p];
    if (record && record.kind !== 'redirect') {
      if (f === undefined || record.fragments.has(f)) return true;
      const ids = [f, ...renamedIds(f, renames)];
      if (ids.slice(1).some((id) => record.fragments.has(id))) return true;
      // An area's offerings are paged: one that moved to another page of the same area is
      // found there by the browser (legacy-fragments.ts and areas/<id>/offerings.json).
      if (record.kind === 'area' && areaSiblings(current, p).some((sibling) => ids.some((id) => sibling.fragments.has(id)))) return true;
    }
    const next = findRedirect(redirects, p, f, record !== undefined);
    if (!next) return false;
    p = next.page;
    // A page-level redirect keeps the fragment (the redirect page's script carries it over).
    f = next.fragment ?? f;
  }
  return false;
}

const siblingCache = new WeakMap<AnchorManifest, Map<string, PageRecord[]>>();

/** The other pages of the area that `page` (`areas/<id>/...`) belongs to. */
function areaSiblings(manifest: AnchorManifest, page: string): PageRecord[] {
  let groups = siblingCache.get(manifest);
  if (!groups) {
    groups = new Map();
    for (const [url, record] of Object.entries(manifest.pages)) {
      if (record.kind !== 'area') continue;
      const key = url.split('/').slice(0, 2).join('/');
      groups.set(key, [...(groups.get(key) ?? []), record]);
    }
    siblingCache.set(manifest, groups);
  }
  return groups.get(page.split('/').slice(0, 2).join('/')) ?? [];
}

function findRedirect(
  redirects: readonly Redirect[],
  page: string,
  fragment: string | undefined,
  pageExists: boolean,
): { page: string; fragment?: string } | undefined {
  const parsed = redirects.map((r) => ({ from: splitTarget(r.from), to: splitTarget(r.to) }));
  // A fragment entry works where a page runs the script: the old page itself or its redirect stub.
  const stub = parsed.some((r) => r.from.page === page && r.from.fragment === undefined);
  if (fragment !== undefined && (pageExists || stub)) {
    const exact = parsed.find((r) => r.from.page === page && r.from.fragment === fragment);
    if (exact) return exact.to;
  }
  const whole = parsed.find((r) => r.from.page === page && r.from.fragment === undefined);
  return whole?.to;
}

const KIND_WORDS: Record<FragmentKind, string> = {
  area: 'area',
  table: 'table',
  row: 'row',
  overview: 'overview matrix',
  alias: 'alias',
  'former-row': 'former row id',
  offering: 'offering',
};

/** How to keep an anchor of this kind. */
function hint(kind: FragmentKind, id: string, page: string): string {
  const redirect = `or add a redirect from "${page}#${id}" in site.yaml`;
  switch (kind) {
    case 'row':
    case 'former-row':
      return `if its task was renamed, keep the old task id in tasks.yaml formerIds (or the old task name in aliases), ${redirect}`;
    case 'table':
    case 'alias':
    case 'overview':
      return `keep the old id on the table's heading ({: #new-id aliases="${id}"}) ${redirect}`;
    case 'offering':
      return `if the offering was renamed, add a redirect from its old page ("/offerings/${id}/") in site.yaml`;
    default:
      return redirect;
  }
}

/**
 * Compare a previous build's manifest with the current one: one `anchor-removed` error per
 * published page or fragment that no longer resolves, at the source that used to define it.
 */
export function compareAnchors(
  baseline: AnchorManifest,
  current: AnchorManifest,
  redirects: readonly Redirect[],
  baselineFile: string,
  renames: Renames = NO_RENAMES,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const where = (source: SourceRef | undefined): Pick<Diagnostic, 'file' | 'line' | 'column'> =>
    source ? { file: source.file, line: source.line, column: source.column ?? 1 } : { file: baselineFile, line: 1, column: 1 };
  for (const url of Object.keys(baseline.pages).sort()) {
    const page = baseline.pages[url]!;
    const shown = `/${url}`;
    if (!resolveTarget(current, redirects, url, undefined, renames)) {
      diagnostics.push({
        ...where(page.source),
        severity: 'error',
        rule: 'anchor-removed',
        message: `Published page "${shown}"${page.title ? ` (${page.title})` : ''} no longer exists; add a redirect from "${shown}" in site.yaml${
          url.startsWith('offerings/') ? '' : ' (a redirect of a renamed offering\'s page also covers its checklist and comparisons)'
        }`,
      });
      continue;
    }
    for (const id of [...page.fragments.keys()].sort()) {
      if (resolveTarget(current, redirects, url, id, renames)) continue;
      const record = page.fragments.get(id)!;
      diagnostics.push({
        ...where(record.source ?? page.source),
        severity: 'error',
        rule: 'anchor-removed',
        message: `Published anchor "${shown}#${id}" (${KIND_WORDS[record.kind] ?? record.kind}) no longer resolves; ${hint(record.kind, id, shown)}`,
      });
    }
  }
  return diagnostics;
}
