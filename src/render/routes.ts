/**
 * Every HTML page of the site. Adding a page type = a template + a pages module + ONE line here.
 */
import type { Site } from '../model/types.js';
import type { Page } from './page.js';
import { homePages } from './pages/home.js';
import { offeringPages } from './pages/offering.js';
import { areaPages } from './pages/area.js';
import { notFoundPages } from './pages/not-found.js';
import { comparePages } from './pages/compare.js';
import { checklistPages } from './pages/checklist.js';
import { stackPages } from './pages/stack.js';
import { redirectPages } from './redirects.js';
import { searchPages } from './pages/search.js';

const pageLists: ((site: Site) => Page[])[] = [
  homePages,
  offeringPages,
  areaPages,
  comparePages,
  checklistPages,
  stackPages,
  searchPages,
  notFoundPages,
  redirectPages,
];

/** All pages, in a stable order (the order of the lists, then each list's own order). */
export function routes(site: Site): Page[] {
  return pageLists.flatMap((list) => list(site));
}
