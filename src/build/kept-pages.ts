/**
 * The pages a rebuild keeps from the previous output without rendering or even reading them:
 * repeated pages (offering, area, checklist) keyed by their inputs, whose key is unchanged and
 * whose file is still the one the last build wrote. What the link check and the anchor
 * manifest need of them comes from elsewhere: their records from the previous anchors.json
 * (read only when asked for; a checklist's are made again from its ids, kept in the cache),
 * their links from the offerings they show.
 */
import { inManifest } from '../links/anchor-manifest.js';
import type { PreviousAnchors } from '../links/manifest-format.js';
import { contentLinks } from '../links/page-facts.js';
import { pageFile, pageInputs, type Page } from '../render/page.js';
import { pageKey, previousAnchors, reusablePage } from './output-reuse.js';
import type { PageKeying } from './render-pages.js';

export interface KeptPage {
  /** The page's place in the site's page list. */
  order: number;
  file: string;
  /** The inode of the previous output's file. */
  ino: number;
  key: string;
  /** The ids its anchor record lists. */
  fragments: readonly string[];
  /** A checklist's ids (other pages' ids are their record's fragments). */
  ids?: string[];
  links: readonly string[];
}

/**
 * The pages of `pages` to keep, in page order, and the previous anchors.json their records
 * come from; none without a previous output of the same site-wide key.
 */
export function keptPages(pages: readonly Page[], keying: PageKeying | undefined): { kept: KeptPage[]; anchors?: PreviousAnchors } {
  const previous = keying?.previous;
  const anchors = previous && previousAnchors(previous);
  if (!keying || !previous || !anchors) return { kept: [] };
  const kept: KeptPage[] = [];
  pages.forEach((page, order) => {
    if (!pageInputs(page) || !inManifest(page)) return;
    const file = pageFile(page.url);
    const key = pageKey(keying.siteKey, page);
    const output = reusablePage(previous, file, key);
    const fragments = anchors.ids(page.url);
    const links = contentLinks(page);
    if (!output || !fragments || !links || (page.kind === 'checklist' && !output.ids)) return;
    kept.push({ order, file, ino: output.ino, key, fragments, links, ...(output.ids ? { ids: output.ids } : {}) });
  });
  return { kept, anchors };
}
