/**
 * dist/anchors.json: every page URL (relative to the base) and every fragment id on it, sorted.
 * `check --anchors-baseline` compares a new build against a published one with this file.
 */
import type { OutputFile } from '../page.js';
import type { OutputContext, RenderedPage } from '../outputs.js';
import type { Site } from '../../model/types.js';

const idAttribute = /\sid="([^"]+)"/g;

/** The ids of a rendered page (attribute values are escaped HTML; ids never hold entities). */
export function pageIds(html: string): string[] {
  const ids = new Set<string>();
  for (const match of html.matchAll(idAttribute)) if (match[1]) ids.add(match[1]);
  return [...ids].sort();
}

export function anchorMap(pages: readonly RenderedPage[]): Record<string, string[]> {
  const entries = pages
    .filter(({ page }) => page.url !== '404.html')
    .map(({ page, html }) => [page.url, pageIds(html)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

export function anchorsJson(_site: Site, context: OutputContext): OutputFile[] {
  return [{ path: 'anchors.json', contents: JSON.stringify({ pages: anchorMap(context.pages) }, null, 2) + '\n' }];
}
