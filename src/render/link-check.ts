/**
 * Build-time link check: every link and resource reference in the output that points into our
 * own site must reach an existing file, and a fragment must reach an id on that page. A broken
 * one is reported at the content that produced it (the nearest enclosing anchor's source, from
 * the anchor manifest) or else at the output file, and fails the build.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { splitTarget, type AnchorManifest, type FragmentRecord } from '../model/anchors-baseline.js';
import type { Redirect, SourceRef } from '../model/types.js';

export interface HtmlFile {
  /** Output path, forward slashes (`offerings/x/index.html`). */
  path: string;
  html: string;
}

export interface LinkCheckOptions {
  /** Public base path, starting and ending with '/'. */
  base: string;
  /** The site's absolute URL (site.yaml baseUrl): absolute links under it are ours too. */
  baseUrl?: string;
  /** Every output path (HTML and other files), forward slashes. */
  files: Iterable<string>;
  /** For positions: fragment sources per page URL. */
  manifest?: AnchorManifest;
}

// Our HTML is generated with double-quoted attributes, so a flat scan is enough (and fast).
// Text never holds a raw `<`, so an attribute counts only inside a tag: escaped HTML shown
// as text (`&lt;img src="..."&gt;`) is not a link.
const TAG = /<[a-zA-Z][^>]*>/g;
const ATTRIBUTE = /\s(href|src|action)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;

/** Matches of `pattern` inside the tags of `html`, with offsets into `html`. */
function* inTags(html: string, pattern: RegExp): Generator<{ groups: string[]; index: number; length: number }> {
  for (const tag of html.matchAll(TAG)) {
    for (const m of tag[0].matchAll(pattern)) {
      yield { groups: [...m], index: (tag.index ?? 0) + (m.index ?? 0), length: m[0].length };
    }
  }
}

function decode(value: string): string {
  if (!value.includes('&')) return value;
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Ids on a page, each with its offset (for the "nearest anchor before a link" lookup). */
export function idsOf(html: string): { id: string; offset: number }[] {
  return [...inTags(html, ID)].map((m) => ({ id: decode(m.groups[1] ?? ''), offset: m.index }));
}

/** The page URL (relative to the base) an output file serves: `a/index.html` -> `a/`. */
export function pageUrlOf(file: string): string {
  return file === 'index.html' ? '' : file.replace(/\/index\.html$/, '/');
}

/**
 * Same-page fragments and plain root-relative paths (nearly every link the templates write)
 * without URL parsing; anything unusual (dot segments, no leading slash) goes the slow way.
 */
function fastResolve(link: string, pagePath: string, base: string): { path: string; fragment?: string; outside?: boolean } | undefined {
  if (link.startsWith('#')) {
    const fragment = safeDecode(link.slice(1));
    return { path: pageUrlOf(pagePath), ...(fragment ? { fragment } : {}) };
  }
  if (!link.startsWith('/') || link.startsWith('//') || link.includes('/.') || link.includes('\\')) return undefined;
  const hash = link.indexOf('#');
  const beforeHash = hash === -1 ? link : link.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const pathname = safeDecode(query === -1 ? beforeHash : beforeHash.slice(0, query));
  const fragment = hash === -1 ? '' : safeDecode(link.slice(hash + 1));
  const extra = fragment ? { fragment } : {};
  if (!pathname.startsWith(base)) return { path: pathname, outside: true, ...extra };
  return { path: pathname.slice(base.length), ...extra };
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sameOrigin(link: string, baseUrl: string): boolean {
  try {
    return new URL(link, 'http://site.invalid').origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

/** Resolve a link found on `pagePath` to a site path (relative to base) and fragment, or null if external. */
export function resolveLink(
  link: string,
  pagePath: string,
  options: Pick<LinkCheckOptions, 'base' | 'baseUrl'>,
): { path: string; fragment?: string; outside?: boolean } | null {
  // Fast exits for the common cases: other sites, and mail.
  if (/^(https?:)?\/\//i.test(link) && !(options.baseUrl && sameOrigin(link, options.baseUrl))) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) && !/^https?:/i.test(link)) return null;
  const fast = fastResolve(link, pagePath, options.base);
  if (fast) return fast;
  const pageUrl = new URL(options.base + pagePath, 'http://site.invalid');
  let url: URL;
  try {
    url = new URL(link, pageUrl);
  } catch {
    return null;
  }
  if (url.origin !== 'http://site.invalid') {
    if (!options.baseUrl) return null;
    const ours = new URL(options.baseUrl);
    if (url.origin !== ours.origin) return null;
    url = new URL(url.pathname + url.search + url.hash, 'http://site.invalid');
  }
  const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined;
  const pathname = decodeURIComponent(url.pathname);
  if (!pathname.startsWith(options.base)) return { path: pathname, outside: true, ...(fragment ? { fragment } : {}) };
  return { path: pathname.slice(options.base.length), ...(fragment ? { fragment } : {}) };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    last = i;
  }
  return { line, column: offset - last };
}

/** Check every internal link of the given HTML files. */
export function checkLinks(htmlFiles: readonly HtmlFile[], options: LinkCheckOptions): Diagnostic[] {
  const files = new Set(options.files);
  const idsByFile = new Map(htmlFiles.map((f) => [f.path, idsOf(f.html)]));
  const idSets = new Map([...idsByFile].map(([path, ids]) => [path, new Set(ids.map((i) => i.id))]));
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const file of htmlFiles) {
    const record = options.manifest?.pages[pageUrlOf(file.path)];
    const fragmentsHere = record?.fragments;
    const ids = idsByFile.get(file.path) ?? [];
    for (const match of inTags(file.html, ATTRIBUTE)) {
      const raw = decode(match.groups[2] ?? '');
      if (raw === '' || raw.startsWith('data:')) continue;
      const target = resolveLink(raw, file.path, options);
      if (!target) continue;
      const problem = findProblem(target, files, idSets);
      if (!problem) continue;
      const offset = match.index + match.length - (match.groups[2]?.length ?? 0) - 1;
      const where = position(file, offset, ids, fragmentsHere, record?.source);
      // One content link shows on several pages (offering, area, compare, checklist): report it
      // once, from the first page (offering pages come first and know the row's source).
      const key = raw.startsWith('#') ? `${where.file}:${where.line}:${raw}` : `${raw} ${problem}`;
      if (reported.has(key)) continue;
      reported.add(key);
      diagnostics.push({
        ...where,
        // A fragment of the page itself that is missing leaves the reader where they are
        // (real IBM pages link to sections we do not show): a warning, not a failed build.
        severity: raw.startsWith('#') ? 'warning' : 'error',
        rule: 'broken-link',
        message: `Link "${raw}" on /${pageUrlOf(file.path)} ${problem}`,
      });
    }
  }
  return diagnostics;
}

function findProblem(
  target: { path: string; fragment?: string; outside?: boolean },
  files: ReadonlySet<string>,
  idSets: ReadonlyMap<string, ReadonlySet<string>>,
): string | undefined {
  if (target.outside) return `points outside the site's base path (${target.path})`;
  const candidates = target.path === '' || target.path.endsWith('/') ? [`${target.path}index.html`] : [target.path, `${target.path}/index.html`];
  const file = candidates.find((c) => files.has(c));
  if (!file) return `points to a page that does not exist (/${target.path})`;
  if (target.fragment === undefined || target.fragment === '' || target.fragment === 'top') return undefined;
  const ids = idSets.get(file);
  if (ids && !ids.has(target.fragment)) return `points to a fragment that does not exist (#${target.fragment} on /${target.path})`;
  return undefined;
}

/** The content position to blame: the nearest anchor before the link that has a source, else the page's source. */
function position(
  file: HtmlFile,
  offset: number,
  ids: readonly { id: string; offset: number }[],
  fragments: Record<string, FragmentRecord> | undefined,
  pageSource: SourceRef | undefined,
): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  if (fragments) {
    for (let i = ids.length - 1; i >= 0; i -= 1) {
      const candidate = ids[i]!;
      if (candidate.offset > offset) continue;
      const source = fragments[candidate.id]?.source;
      if (source) return { file: source.file, line: source.line, column: source.column ?? 1 };
    }
  }
  // Before the first anchor: the page's own text (an offering's summary) comes from its source.
  if (pageSource) return { file: pageSource.file, line: pageSource.line, column: pageSource.column ?? 1 };
  return { file: file.path, ...lineColumn(file.html, offset) };
}

/** Manifest fragments that a page does not actually carry (a template and its data disagree). */
export function checkManifest(htmlFiles: readonly HtmlFile[], manifest: AnchorManifest): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const file of htmlFiles) {
    const record = manifest.pages[pageUrlOf(file.path)];
    if (!record) continue;
    const ids = new Set(idsOf(file.html).map((i) => i.id));
    for (const [id, fragment] of Object.entries(record.fragments)) {
      if (ids.has(id)) continue;
      diagnostics.push({
        file: fragment.source?.file ?? file.path,
        line: fragment.source?.line ?? 1,
        column: fragment.source?.column ?? 1,
        severity: 'error',
        rule: 'broken-link',
        message: `Anchor "#${id}" is listed in anchors.json but /${pageUrlOf(file.path)} does not carry it`,
      });
    }
  }
  return diagnostics;
}

/** Raised by buildSite when the output has broken internal links; the CLI prints the diagnostics. */
export class LinkCheckError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} broken internal link(s) in the output`);
    this.name = 'LinkCheckError';
  }
}

export interface OutputLike {
  path: string;
  contents: string | Uint8Array;
}

/**
 * Check a rendered site: its HTML pages against every file it has (`existing` adds files that
 * are not in `files`, such as client assets and public/ copies) and its own anchors.json.
 */
export function checkOutput(
  files: readonly OutputLike[],
  options: { base: string; baseUrl?: string; existing?: Iterable<string>; redirects?: readonly Redirect[] },
): Diagnostic[] {
  const html: HtmlFile[] = files
    .filter((f) => f.path.endsWith('.html') && typeof f.contents === 'string')
    .map((f) => ({ path: f.path, html: f.contents as string }));
  const anchors = files.find((f) => f.path === 'anchors.json');
  const manifest = anchors && typeof anchors.contents === 'string' ? (JSON.parse(anchors.contents) as AnchorManifest) : undefined;
  const all = new Set([...files.map((f) => f.path), ...(options.existing ?? [])]);
  return [
    ...checkLinks(html, {
      base: options.base,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      files: all,
      ...(manifest ? { manifest } : {}),
    }),
    ...(manifest ? checkManifest(html, manifest) : []),
    ...duplicateOutputs(files),
    ...(manifest && options.redirects ? checkRedirects(options.redirects, manifest) : []),
  ];
}

const SITE_FILE = { file: 'site.yaml', line: 1, column: 1 } as const;

/** Two pages written to one file: the usual cause is a redirect from a page that still exists. */
function duplicateOutputs(files: readonly OutputLike[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const file of files) {
    if (seen.has(file.path)) {
      out.push({ ...SITE_FILE, severity: 'error', rule: 'broken-link', message: `Two pages are written to ${file.path}: is there a redirect from a page that still exists?` });
    }
    seen.add(file.path);
  }
  return out;
}

/** Every site.yaml redirect must lead to a page (and fragment) that exists. */
function checkRedirects(redirects: readonly Redirect[], manifest: AnchorManifest): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const redirect of redirects) {
    const to = splitTarget(redirect.to);
    const page = manifest.pages[to.page];
    const ok = page !== undefined && page.kind !== 'redirect' && (to.fragment === undefined || page.fragments[to.fragment] !== undefined);
    if (!ok) {
      out.push({ ...SITE_FILE, severity: 'error', rule: 'broken-link', message: `Redirect from "${redirect.from}" leads to "${redirect.to}", which does not exist` });
    }
  }
  return out;
}

/** Every file under `dir`, as forward-slash paths relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** The build's gate: throws LinkCheckError when the written output has a broken internal link. */
export async function assertLinks(
  dir: string,
  files: readonly OutputLike[],
  options: { base: string; baseUrl?: string; redirects?: readonly Redirect[] },
): Promise<void> {
  const problems = checkOutput(files, { ...options, existing: await filesUnder(dir) });
  if (problems.some((d) => d.severity === 'error')) throw new LinkCheckError(problems);
}
