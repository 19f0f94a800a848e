/**
 * The link check, one page at a time: each page is scanned once as it is rendered (its ids, its
 * links), its own fragments are checked at once, and links to other pages are kept in compact
 * form (one entry per distinct link, with the position of its first use) until every page and
 * file is known. A site of 1,000 offerings has about 240,000 links but far fewer distinct ones.
 *
 * The repeated pages (offering, area, checklist) need no scan: `addKnownPage` takes their ids
 * from their anchor records and their links from the content they show (page-facts.ts). Such a
 * page has no positions, so when a problem involves one (a link on it, or a fragment of it),
 * `verify` reads it back and scans it like any other page: the report is the same either way.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { FragmentRecord, PageRecord } from './anchors-baseline.js';
import { location } from 'vfile-location';
import { scanAttributes } from './html-scan.js';
import { pageIndependent, pageUrlOf, resolveLink, type LinkTarget } from './link-resolve.js';

type Where = Pick<Diagnostic, 'file' | 'line' | 'column'>;

/** The ids of a page: a set, or the fragments of its anchor record (a map keyed by id). */
export type Ids = Pick<ReadonlySet<string>, 'has' | 'keys'>;

export interface Finding {
  /** Order of discovery: diagnostics come out in page order, then link order. */
  seq: number;
  raw: string;
  pagePath: string;
  target: LinkTarget;
  where: Where;
}

/** Room for this many links per page in the discovery order (`page order * LINKS_PER_PAGE + link`). */
const LINKS_PER_PAGE = 2 ** 24;

/** What a collector gathered, as plain data: another thread's pages are merged with `absorb`. */
export interface CollectedLinks {
  idSets: [string, string[]][];
  firstUse: [string, Finding | null][];
  findings: Finding[];
  manifestProblems: { order: number; diagnostic: Diagnostic }[];
  known: [number, string][];
}

/**
 * The entries of `map` after its first `count`, in insertion order. Handed out every few pages
 * from maps of tens of thousands of entries: the keys before are stepped over, not copied.
 */
export function entriesAfter<K, V>(map: ReadonlyMap<K, V>, count: number): [K, V][] {
  const entries: [K, V][] = [];
  let at = 0;
  for (const key of map.keys()) if (at++ >= count) entries.push([key, map.get(key) as V]);
  return entries;
}

/** How much of each of its collections a collector has handed out (collectedSince). */
export interface CollectedMark {
  idSets: number;
  firstUse: number;
  findings: number;
  manifestProblems: number;
  known: number;
}

export interface LinkCollectorOptions {
  /** Public base path, starting and ending with '/'. */
  base: string;
  /** The site's absolute URL (site.yaml baseUrl): absolute links under it are ours too. */
  baseUrl?: string;
}

export class LinkCollector {
  private readonly idSets = new Map<string, Ids>();
  /** Page-independent links: the first use of each (later uses have the same answer). */
  private readonly firstUse = new Map<string, Finding | null>();
  /** Relative links (their target depends on the page) and same-page fragments that are missing. */
  private readonly findings: Finding[] = [];
  private readonly manifestProblems: { order: number; diagnostic: Diagnostic }[] = [];
  /** Pages added by `addKnownPage` and not scanned since: page order -> output path. */
  private readonly known = new Map<number, string>();
  private pages = 0;

  constructor(private readonly options: LinkCollectorOptions) {}

  /** The site's absolute URL, which says which absolute links are the site's own. */
  get baseUrl(): string | undefined {
    return this.options.baseUrl;
  }

  /**
   * Scan one output page. `recordFor` gives the page's anchor-manifest record from its ids (in
   * page order): its fragments' sources are where a broken link is reported, and every fragment
   * it lists must be on the page. `order` is the page's place in the whole site (pages may be
   * collected by several threads): problems are reported in that order. Returns the page's ids
   * and links, as a later build may add the same page unscanned (addKnownPage).
   */
  addPage(
    pagePath: string, html: string, recordFor?: (ids: readonly string[]) => PageRecord | undefined, order = this.pages,
  ): { ids: string[]; links: string[] } {
    this.pages = order + 1;
    let seq = order * LINKS_PER_PAGE;
    const attributes = scanAttributes(html);
    const ids: string[] = [];
    for (const a of attributes) if (a.name === 'id') ids.push(a.value);
    const idSet = new Set(ids);
    this.idSets.set(pagePath, idSet);
    const record = recordFor?.(ids);
    const fragments = record?.fragments;
    // Line starts are found lazily, up to the offsets asked for: only broken links ask.
    const lines = location(html);
    let sourced: Where | undefined;
    const links: string[] = [];
    for (const a of attributes) {
      if (a.name === 'id') {
        const source = fragments?.get(a.value)?.source;
        if (source) sourced = { file: source.file, line: source.line, column: source.column ?? 1 };
        continue;
      }
      links.push(a.value);
      seq = this.addLink(a.value, pagePath, idSet, seq, () => sourced ?? pageWhere(record, pagePath, lines, a.offset));
    }
    if (record) this.checkRecord(pagePath, idSet, record.fragments, order);
    return { ids, links };
  }

  /**
   * Add a page without scanning it: `ids` are ids it is known to carry (its anchor record's
   * fragments, or all of them), `links` the links of its content.
   */
  addKnownPage(pagePath: string, ids: Ids, links: readonly string[], order = this.pages): void {
    this.pages = order + 1;
    this.known.set(order, pagePath);
    this.idSets.set(pagePath, ids);
    let seq = order * LINKS_PER_PAGE;
    const where = (): Where => ({ file: pagePath, line: 1, column: 1 });
    for (const raw of links) seq = this.addLink(raw, pagePath, ids, seq, where);
  }

  /** One link of a page: kept when its answer is not known yet (or, for a fragment of the page itself, when it is missing). */
  private addLink(raw: string, pagePath: string, idSet: Ids, seq: number, where: () => Where): number {
    if (raw === '' || raw.startsWith('data:')) return seq;
    const independent = pageIndependent(raw);
    if (independent) {
      // An earlier page's use stands (pages read back by `verify` come after later pages).
      const first = this.firstUse.get(raw);
      if (first === null || (first !== undefined && first.seq < seq)) return seq;
    }
    const target = resolveLink(raw, pagePath, this.options);
    if (!target) {
      if (independent) this.firstUse.set(raw, null);
      return seq;
    }
    if (raw.startsWith('#')) {
      // Same page: decided now, kept only when broken.
      if (samePageProblem(target, idSet) !== undefined) this.findings.push({ seq, raw, pagePath, target, where: where() });
      return seq + 1;
    }
    const finding = { seq, raw, pagePath, target, where: where() };
    if (independent) this.firstUse.set(raw, finding);
    else this.findings.push(finding);
    return seq + 1;
  }

  /**
   * Read back and scan every page added by `addKnownPage` that a problem involves (a link on it,
   * or a fragment of it that its record does not list), until none is left: then
   * `linkDiagnostics` and `recordDiagnostics` report what a scan of every page would.
   */
  async verify(
    files: ReadonlySet<string>,
    read: (pagePath: string) => Promise<string>,
    recordOf: (pagePath: string) => PageRecord | undefined,
  ): Promise<void> {
    for (let suspects = this.suspects(files); suspects.length > 0; suspects = this.suspects(files)) {
      this.forget(new Set(suspects));
      for (const order of suspects) {
        const pagePath = this.known.get(order)!;
        this.known.delete(order);
        const record = recordOf(pagePath);
        this.addPage(pagePath, await read(pagePath), record ? () => record : undefined, order);
      }
    }
  }

  /** Known pages that a problem involves, in page order. */
  private suspects(files: ReadonlySet<string>): number[] {
    if (this.known.size === 0) return [];
    const knownOrder = new Map<string, number>();
    for (const [order, pagePath] of this.known) knownOrder.set(pagePath, order);
    const suspects = new Set<number>();
    for (const finding of this.allFindings()) {
      if (!findProblem(finding.target, files, this.idSets)) continue;
      const owner = Math.floor(finding.seq / LINKS_PER_PAGE);
      if (this.known.has(owner)) suspects.add(owner);
      const target = targetFile(finding.target, files);
      const order = target === undefined ? undefined : knownOrder.get(target);
      if (order !== undefined) suspects.add(order);
    }
    return [...suspects].sort((a, b) => a - b);
  }

  /** Drop what was gathered from these pages (they are about to be scanned). */
  private forget(orders: ReadonlySet<number>): void {
    const of = (finding: Finding): boolean => orders.has(Math.floor(finding.seq / LINKS_PER_PAGE));
    const kept = this.findings.filter((finding) => !of(finding));
    this.findings.length = 0;
    this.findings.push(...kept);
    for (const [raw, finding] of this.firstUse) if (finding && of(finding)) this.firstUse.delete(raw);
  }

  private allFindings(): Finding[] {
    const all = [...this.findings];
    for (const finding of this.firstUse.values()) if (finding) all.push(finding);
    return all;
  }

  /**
   * What was gathered since `mark` (from the start without one), as plain data for `absorb`,
   * and the mark to give next time. A collector that only scans pages (`addPage`, as a render
   * worker's does) never changes what it has gathered, so the parts absorbed one after another
   * make what one look at the end would give.
   */
  collectedSince(mark: CollectedMark = { idSets: 0, firstUse: 0, findings: 0, manifestProblems: 0, known: 0 }): { links: CollectedLinks; mark: CollectedMark } {
    const links: CollectedLinks = {
      idSets: entriesAfter(this.idSets, mark.idSets).map(([page, ids]) => [page, [...ids.keys()]]),
      firstUse: entriesAfter(this.firstUse, mark.firstUse),
      findings: this.findings.slice(mark.findings),
      manifestProblems: this.manifestProblems.slice(mark.manifestProblems),
      known: entriesAfter(this.known, mark.known),
    };
    const next = { idSets: this.idSets.size, firstUse: this.firstUse.size, findings: this.findings.length, manifestProblems: this.manifestProblems.length, known: this.known.size };
    return { links, mark: next };
  }

  /**
   * Merge what a collector of other pages of the same site gathered: as if its pages had been
   * added here (the first use of a link is the one of the earliest page, problems come out in
   * page order).
   */
  absorb(other: CollectedLinks): void {
    for (const [page, ids] of other.idSets) this.idSets.set(page, new Set(ids));
    for (const [raw, finding] of other.firstUse) {
      const mine = this.firstUse.get(raw);
      if (mine === undefined || (mine && finding && finding.seq < mine.seq)) this.firstUse.set(raw, finding);
    }
    this.findings.push(...other.findings);
    this.manifestProblems.push(...other.manifestProblems);
    for (const [order, pagePath] of other.known) this.known.set(order, pagePath);
  }

  /** Broken links, given every file of the output (forward-slash paths). */
  linkDiagnostics(files: ReadonlySet<string>): Diagnostic[] {
    if (this.suspects(files).length > 0) throw new Error('link check: pages added from their data must be verified first');
    const all = this.allFindings();
    all.sort((a, b) => a.seq - b.seq);
    const diagnostics: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const { raw, pagePath, target, where } of all) {
      const problem = findProblem(target, files, this.idSets);
      if (!problem) continue;
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
        message: `Link "${raw}" on /${pageUrlOf(pagePath)} ${problem}`,
      });
    }
    return diagnostics;
  }

  /** Manifest fragments that a page does not actually carry (a template and its data disagree). */
  recordDiagnostics(): Diagnostic[] {
    // Pages come from several threads, and from `verify` last: report in page order.
    return [...this.manifestProblems].sort((a, b) => a.order - b.order).map((p) => p.diagnostic);
  }

  private checkRecord(pagePath: string, ids: ReadonlySet<string>, fragments: ReadonlyMap<string, FragmentRecord>, order: number): void {
    for (const [id, fragment] of fragments) {
      if (ids.has(id)) continue;
      this.manifestProblems.push({
        order,
        diagnostic: {
          file: fragment.source?.file ?? pagePath,
          line: fragment.source?.line ?? 1,
          column: fragment.source?.column ?? 1,
          severity: 'error',
          rule: 'broken-link',
          message: `Anchor "#${id}" is listed in anchors.json but /${pageUrlOf(pagePath)} does not carry it`,
        },
      });
    }
  }
}

/** Before the first sourced anchor: the page's own text (an offering's summary) comes from its source. */
function pageWhere(record: PageRecord | undefined, pagePath: string, lines: ReturnType<typeof location>, offset: number): Where {
  const source = record?.source;
  if (source) return { file: source.file, line: source.line, column: source.column ?? 1 };
  const { line, column } = lines.toPoint(offset) ?? { line: 1, column: offset + 1 };
  return { file: pagePath, line, column };
}

function samePageProblem(target: LinkTarget, ids: Ids): string | undefined {
  if (target.fragment === undefined || target.fragment === '' || target.fragment === 'top') return undefined;
  return ids.has(target.fragment) ? undefined : 'missing';
}

/** The output file a link target names, if it exists. */
function targetFile(target: LinkTarget, files: ReadonlySet<string>): string | undefined {
  if (target.outside) return undefined;
  const candidates = target.path === '' || target.path.endsWith('/') ? [`${target.path}index.html`] : [target.path, `${target.path}/index.html`];
  return candidates.find((c) => files.has(c));
}

function findProblem(target: LinkTarget, files: ReadonlySet<string>, idSets: ReadonlyMap<string, Ids>): string | undefined {
  if (target.outside) return `points outside the site's base path (${target.path})`;
  const file = targetFile(target, files);
  if (!file) return `points to a page that does not exist (/${target.path})`;
  if (target.fragment === undefined || target.fragment === '' || target.fragment === 'top') return undefined;
  const ids = idSets.get(file);
  if (ids && !ids.has(target.fragment)) return `points to a fragment that does not exist (#${target.fragment} on /${target.path})`;
  return undefined;
}
