/**
 * Template globals contributed by features (besides url, absoluteUrl, nav and labels, which the
 * environment defines). Adding a feature's globals = ONE line in `globalLists`.
 */
import type { Site } from '../model/types.js';
import { linkGlobals } from './meta.js';

export type GlobalList = (site: Site, base: string) => Record<string, unknown>;

const globalLists: GlobalList[] = [linkGlobals];

export function featureGlobals(site: Site, base: string): Record<string, unknown> {
  return Object.assign({}, ...globalLists.map((list) => list(site, base))) as Record<string, unknown>;
}
