/**
 * The pages a rebuild keeps from the previous output without rendering or even reading them:
 * those whose key is unchanged and whose file is still the one the last build wrote. What the
 * link check and the anchor manifest need of them comes from elsewhere: their ids and the
 * digests of their records from the cache (a checklist's record is made again from its ids),
 * their links from the offerings they show (repeated pages: offering, area, checklist) or from
 * the cache (any other page, as the last build scanned it), and their records, when something
 * asks, from the previous anchors.json.
 */
import { inManifest } from '../links/anchor-manifest.js';
import { contentLinks } from '../links/page-facts.js';
import { forgetPageData, pageFile, pageInputs, type Page } from '../render/page.js';
import { pageKey, previousManifest, reusableFile, type PreviousManifest } from './output-reuse.js';
import type { PageKeying } from './render-pages.js';
import type { FileStamp } from './file-writer.js';
import type { PackedIds } from '../links/packed-ids.js';

export interface KeptPage {
  /** The page's place in the site's page list. */
  order: number;
  file: string;
  /** The previous output's file as the cache recorded it. */
  stamp: FileStamp;
  key: string;
  /** The ids the link check takes from it. */
  ids: PackedIds;
  /** The digest of its anchor record (recordDigest); none for a page outside the manifest. */
  record?: string;
  /** A checklist: its record points at the rows of other pages, and is made again from its ids. */
  checklist: boolean;
  links: readonly string[];
  /** A page the link check scans (not a repeated page): its ids and links are those the last build scanned. */
  scanned: boolean;
}

/**
 * The pages of `pages` to keep, in page order, and the previous anchors.json their records
 * come from; none without a previous output of the same site-wide key.
 */
export function keptPages(pages: readonly Page[], keying: PageKeying | undefined, baseUrl: string | undefined): { kept: KeptPage[]; manifest?: PreviousManifest } {
  const previous = keying?.previous;
  const manifest = previous && previousManifest(previous);
  if (!keying || !previous || !manifest) return { kept: [] };
  const kept: KeptPage[] = [];
  pages.forEach((page, order) => {
    const file = pageFile(page.url);
    const manifestPage = inManifest(page);
    // A page whose links the content does not give was scanned for the link check when it was
    // written (an HTML page only): home and catalog pages, comparisons, redirect stubs...
    const modelLinks = contentLinks(page, baseUrl);
    const scanned = !modelLinks;
    if (scanned ? !file.endsWith('.html') : !manifestPage) return;
    const key = pageKey(keying.siteKey, page);
    const output = reusableFile(previous, file, key);
    const links = modelLinks ?? output?.links;
    if (output?.ids === undefined || !links || (manifestPage && !output.record)) return;
    // Its data, if made for its key (a page without inputs), is not needed again.
    if (!pageInputs(page)) forgetPageData(page);
    const record = manifestPage ? { record: output.record as string } : {};
    kept.push({ order, file, stamp: output, key, ids: output.ids, ...record, checklist: page.kind === 'checklist', links, scanned });
  });
  return { kept, manifest };
}
