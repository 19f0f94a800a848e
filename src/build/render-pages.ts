/**
 * Render, scan and write a site's pages one at a time, collecting anchor-manifest records and
 * link-check state on the way. Writes are queued on `writer`; the caller flushes it.
 */
import type { PageRecord } from '../links/anchors-baseline.js';
import type { Site } from '../model/types.js';
import { inManifest, indexSite, pageRecord } from '../links/anchor-manifest.js';
import type { FileWriter } from './file-writer.js';
import { idsOf } from '../links/link-check.js';
import { LinkCollector } from '../links/link-collector.js';
import { addRenderedPage } from '../links/page-facts.js';
import { forgetPageData, pageFile, type Page } from '../render/page.js';
import { pageKey, reusablePage, type PreviousOutput } from './output-reuse.js';

/** Page keys for a rebuild that writes only what changed (output-reuse.ts). */
export interface PageKeying {
  /** The site-wide render key of this build. */
  siteKey: string;
  /** The output of the last build, when there is one with the same site-wide key. */
  previous?: PreviousOutput;
}

export interface PagesResult {
  collector: LinkCollector;
  records: Map<string, PageRecord>;
  /** Output path -> page key (with `keying`). */
  keys: Map<string, string>;
  /** Pages taken from the previous output instead of rendered. */
  reused: number;
  /** Milliseconds rendering and scanning. */
  render: number;
  links: number;
}

/**
 * `next()` hands out the index of the next page to render (several threads may draw from one
 * counter); by default every page, in order.
 */
export async function renderPages(
  site: Site,
  writer: FileWriter,
  base: string,
  pages: readonly Page[],
  render: (page: Page) => string,
  next: () => number = counter(),
  keying?: PageKeying,
): Promise<PagesResult> {
  const timings = { render: 0, links: 0 };
  const index = indexSite(site);
  const collector = new LinkCollector({ base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}) });
  const records = new Map<string, PageRecord>();
  const keys = new Map<string, string>();
  let reused = 0;
  for (let order = next(); order < pages.length; order = next()) {
    const page = pages[order]!;
    const started = performance.now();
    const file = pageFile(page.url);
    let html: string | undefined;
    if (keying) {
      const key = pageKey(keying.siteKey, page);
      keys.set(file, key);
      html = keying.previous && reusablePage(keying.previous, file, key);
    }
    const unchanged = html !== undefined;
    if (unchanged) reused++;
    html ??= render(page);
    const scanned = performance.now();
    timings.render += scanned - started;
    const record = (ids: readonly string[]): PageRecord => {
      const made = pageRecord(index, page, ids);
      records.set(page.url, made);
      return made;
    };
    // Only .html files are pages to the check (a redirect stub may be written without the suffix).
    if (file.endsWith('.html')) addRenderedPage(collector, index.offerings, page, file, html, inManifest(page) ? record : undefined, order);
    else if (inManifest(page)) record(idsOf(html).map((i) => i.id));
    timings.links += performance.now() - scanned;
    forgetPageData(page);
    await writer.write(file, html, unchanged);
  }
  return { collector, records, keys, reused, ...timings };
}

/** 0, 1, 2, ... */
export function counter(): () => number {
  let n = 0;
  return () => n++;
}
