/**
 * The pages a rebuild keeps from the previous output without rendering or even reading them:
 * repeated pages (offering, area, checklist) keyed by their inputs, whose key is unchanged and
 * whose file is still the one the last build wrote. What the link check and the anchor
 * manifest need of them comes from elsewhere: their ids and the digests of their records from
 * the cache (a checklist's record is made again from its ids), their links from the offerings
 * they show, and their records, when something asks, from the previous anchors.json.
 */
import { inManifest } from '../links/anchor-manifest.js';
import { contentLinks } from '../links/page-facts.js';
import { pageFile, pageInputs, type Page } from '../render/page.js';
import { pageKey, previousManifest, reusableFile, type PreviousManifest } from './output-reuse.js';
import type { PageKeying } from './render-pages.js';
import type { FileStamp } from './file-writer.js';

export interface KeptPage {
  /** The page's place in the site's page list. */
  order: number;
  file: string;
  /** The previous output's file as the cache recorded it. */
  stamp: FileStamp;
  key: string;
  /** The ids the link check takes from it. */
  ids: readonly string[];
  /** The digest of its anchor record (recordDigest). */
  record: string;
  /** A checklist: its record points at the rows of other pages, and is made again from its ids. */
  checklist: boolean;
  links: readonly string[];
}

/**
 * The pages of `pages` to keep, in page order, and the previous anchors.json their records
 * come from; none without a previous output of the same site-wide key.
 */
export function keptPages(pages: readonly Page[], keying: PageKeying | undefined): { kept: KeptPage[]; manifest?: PreviousManifest } {
  const previous = keying?.previous;
  const manifest = previous && previousManifest(previous);
  if (!keying || !previous || !manifest) return { kept: [] };
  const kept: KeptPage[] = [];
  pages.forEach((page, order) => {
    if (!pageInputs(page) || !inManifest(page)) return;
    const file = pageFile(page.url);
    const key = pageKey(keying.siteKey, page);
    const output = reusableFile(previous, file, key);
    const links = contentLinks(page);
    if (!output?.ids || !output.record || !links) return;
    kept.push({ order, file, stamp: output, key, ids: output.ids, record: output.record, checklist: page.kind === 'checklist', links });
  });
  return { kept, manifest };
}
