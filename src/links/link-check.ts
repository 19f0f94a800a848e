/**
 * Build-time link check: every link and resource reference in the output that points into our
 * own site must reach an existing file, and a fragment must reach an id on that page. A broken
 * one is reported at the content that produced it (the nearest enclosing anchor's source, from
 * the anchor manifest) or else at the output file, and fails the build.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { AnchorManifest } from './anchors-baseline.js';
import { parseManifest } from './manifest-format.js';
import { splitTarget } from './renames.js';
import type { Redirect } from '../model/types.js';
import { scanAttributes } from './html-scan.js';
import { LinkCollector } from './link-collector.js';
import { pageUrlOf } from './link-resolve.js';
import { wholeContents, type OutputFile } from '../render/page.js';

export { pageUrlOf, resolveLink } from './link-resolve.js';

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

/** Ids on a page, each with its offset (for the "nearest anchor before a link" lookup). */
export function idsOf(html: string): { id: string; offset: number }[] {
  return scanAttributes(html)
    .filter((a) => a.name === 'id')
    .map((a) => ({ id: a.value, offset: a.offset }));
}

function collect(htmlFiles: readonly HtmlFile[], options: Omit<LinkCheckOptions, 'files'>): LinkCollector {
  const collector = new LinkCollector({ base: options.base, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  const manifest = options.manifest;
  for (const file of htmlFiles) collector.addPage(file.path, file.html, manifest ? () => manifest.pages[pageUrlOf(file.path)] : undefined);
  return collector;
}

/** Check every internal link of the given HTML files. */
export function checkLinks(htmlFiles: readonly HtmlFile[], options: LinkCheckOptions): Diagnostic[] {
  return collect(htmlFiles, options).linkDiagnostics(new Set(options.files));
}

/** Manifest fragments that a page does not actually carry (a template and its data disagree). */
export function checkManifest(htmlFiles: readonly HtmlFile[], manifest: AnchorManifest): Diagnostic[] {
  return collect(htmlFiles, { base: '/', manifest }).recordDiagnostics();
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
  /** Only HTML pages (strings) and anchors.json (a string, or a text in pieces) are read. */
  contents: OutputFile['contents'];
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
  const text = anchors && wholeContents(anchors.contents);
  const manifest = typeof text === 'string' ? parseManifest(text, 'anchors.json') : undefined;
  const all = new Set([...files.map((f) => f.path), ...(options.existing ?? [])]);
  const collector = collect(html, { base: options.base, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(manifest ? { manifest } : {}) });
  return outputDiagnostics(collector, all, files.map((f) => f.path), manifest, options.redirects);
}

/** Everything the check reports, in order: links, manifest fragments, duplicate files, redirects. */
export function outputDiagnostics(
  collector: LinkCollector,
  all: ReadonlySet<string>,
  paths: readonly string[],
  manifest: AnchorManifest | undefined,
  redirects: readonly Redirect[] | undefined,
): Diagnostic[] {
  return [
    ...collector.linkDiagnostics(all),
    ...collector.recordDiagnostics(),
    ...duplicateOutputs(paths),
    ...(manifest && redirects ? checkRedirects(redirects, manifest) : []),
  ];
}

/**
 * `outputDiagnostics` for pages written to `dir`: pages the collector took from their data are
 * read back from there when a problem involves them.
 */
export async function writtenOutputDiagnostics(
  collector: LinkCollector,
  dir: string,
  all: ReadonlySet<string>,
  paths: readonly string[],
  manifest: AnchorManifest | undefined,
  redirects: readonly Redirect[] | undefined,
): Promise<Diagnostic[]> {
  await collector.verify(
    all,
    (file) => readFile(path.join(dir, file), 'utf8'),
    (file) => manifest?.pages[pageUrlOf(file)],
  );
  return outputDiagnostics(collector, all, paths, manifest, redirects);
}

const SITE_FILE = { file: 'site.yaml', line: 1, column: 1 } as const;

/** Two pages written to one file: the usual cause is a redirect from a page that still exists. */
function duplicateOutputs(paths: readonly string[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const file of paths) {
    if (seen.has(file)) {
      out.push({ ...SITE_FILE, severity: 'error', rule: 'broken-link', message: `Two pages are written to ${file}: is there a redirect from a page that still exists?` });
    }
    seen.add(file);
  }
  return out;
}

/** Every site.yaml redirect must lead to a page (and fragment) that exists. */
function checkRedirects(redirects: readonly Redirect[], manifest: AnchorManifest): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const redirect of redirects) {
    const to = splitTarget(redirect.to);
    const page = manifest.pages[to.page];
    const ok = page !== undefined && page.kind !== 'redirect' && (to.fragment === undefined || page.fragments.has(to.fragment));
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
