/**
 * Render, scan and write a site's pages one at a time, collecting anchor-manifest records and
 * link-check state on the way. Writes are queued on `writer`; the caller flushes it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PageRecord } from '../links/anchors-baseline.js';
import type { Site } from '../model/types.js';
import { inManifest, indexSite, pageRecord } from '../links/anchor-manifest.js';
import type { FileWriter } from './file-writer.js';
import { idsOf } from '../links/link-check.js';
import { packIds, type PackedIds } from '../links/packed-ids.js';
import { LinkCollector } from '../links/link-collector.js';
import { addRenderedPage } from '../links/page-facts.js';
import { forgetPageData, pageFile, type Page } from '../render/page.js';
import { pageKey, reusableFile, type PreviousOutput } from './output-reuse.js';
import { recordDigest } from '../links/manifest-format.js';
import { adoptKeys } from './offering-keys.js';

/** Page keys for a rebuild that writes only what changed (output-reuse.ts). */
export interface PageKeying {
  /** The site-wide render key of this build. */
  siteKey: string;
  /** The output of the last build, when there is one with the same site-wide key. */
  previous?: PreviousOutput;
  /** The offerings' keys, in site order (offeringKeysOf): a worker's copy of the site has none of its own. */
  offeringKeys: readonly (string | null)[];
}

export interface PagesResult {
  collector: LinkCollector;
  records: Map<string, PageRecord>;
  /** Output path -> page key (with `keying`). */
  keys: Map<string, string>;
  /**
   * With `keying`, for pages of the anchor manifest: output path -> the ids the link check takes
   * from the page (a checklist's or a scanned page's as scanned, another page's those of its
   * record), and output path -> the digest of its record (output-reuse.ts).
   */
  ids: Map<string, PackedIds>;
  digests: Map<string, string>;
  /** With `keying`, for scanned pages (not the repeated pages, whose links the content gives): output path -> the links on it. */
  pageLinks: Map<string, readonly string[]>;
  /** Pages taken from the previous output instead of rendered. */
  reused: number;
  /** Milliseconds rendering and scanning. */
  render: number;
  links: number;
}

/** What a thread has gathered from its pages so far: the records made, and the link-check state. */
export interface PagesSoFar {
  collector: LinkCollector;
  records: Map<string, PageRecord>;
}

/**
 * `next()` hands out the next page to render, as an index into `todo` (the page numbers to
 * render; all by default): several threads may draw from one counter. `afterPage` is called
 * after each page with what has been gathered so far.
 */
export function renderPages(
  site: Site,
  writer: FileWriter,
  base: string,
  pages: readonly Page[],
  render: (page: Page) => string,
  next: () => number = counter(),
  keying?: PageKeying,
  todo?: readonly number[],
  afterPage?: (soFar: PagesSoFar) => void,
): PagesResult {
  const timings = { render: 0, links: 0 };
  if (keying) adoptKeys(site.offerings, keying.offeringKeys);
  const index = indexSite(site);
  const collector = new LinkCollector({ base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}) });
  const records = new Map<string, PageRecord>();
  const keys = new Map<string, string>();
  const ids = new Map<string, PackedIds>();
  const digests = new Map<string, string>();
  const pageLinks = new Map<string, readonly string[]>();
  let reused = 0;
  const count = todo?.length ?? pages.length;
  for (let drawn = next(); drawn < count; drawn = next()) {
    const order = todo ? todo[drawn]! : drawn;
    const page = pages[order]!;
    const started = performance.now();
    const file = pageFile(page.url);
    let html: string | undefined;
    if (keying) {
      const key = pageKey(keying.siteKey, page);
      keys.set(file, key);
      if (keying.previous && reusableFile(keying.previous, file, key)) html = readFileSync(path.join(keying.previous.dir, file), 'utf8');
    }
    const unchanged = html !== undefined;
    if (unchanged) reused++;
    html ??= render(page);
    const rendered = performance.now();
    timings.render += rendered - started;
    const record = (pageIds: readonly string[]): PageRecord => {
      const made = pageRecord(index, page, pageIds);
      records.set(page.url, made);
      return made;
    };
    // Only .html files are pages to the check (a redirect stub may be written without the suffix).
    let made: PageRecord | undefined;
    if (file.endsWith('.html')) {
      const seen = addRenderedPage(collector, page, file, html, inManifest(page) ? (pageIds) => (made = record(pageIds)) : undefined, order);
      if (seen.ids && keying) ids.set(file, packIds(seen.ids));
      if (seen.links && keying) pageLinks.set(file, seen.links);
    } else if (inManifest(page)) made = record(idsOf(html).map((i) => i.id));
    if (made && keying) {
      if (!ids.has(file)) ids.set(file, packIds(made.fragments.keys()));
      digests.set(file, recordDigest(made));
    }
    timings.links += performance.now() - rendered;
    forgetPageData(page);
    writer.write(file, html, unchanged);
    afterPage?.({ collector, records });
  }
  return { collector, records, keys, ids, digests, pageLinks, reused, ...timings };
}

/** 0, 1, 2, ... */
export function counter(): () => number {
  let n = 0;
  return () => n++;
}
