/**
 * Every non-HTML file of the site. Adding one = ONE line here.
 * Each function gets the model and the list of HTML pages (for anchors and the sitemap).
 */
import type { AnchorManifest } from '../model/anchors-baseline.js';
import type { Site } from '../model/types.js';
import type { OutputFile, Page } from './page.js';
import { modelJson } from './outputs/model-json.js';
import { responsibilitiesCsv } from './outputs/csv.js';
import { oscalComponentDefinition } from './outputs/oscal/component-definition.js';
import { anchorsJson, areaOfferingMaps } from './anchors.js';
import { redirectScript } from './redirects.js';
import { sitemapXml } from './outputs/sitemap.js';
import { robotsTxt } from './outputs/robots.js';
import { checklistCsv } from './pages/checklist.js';
import { searchOutputs } from '../search/index.js';
import { compareDataOutputs } from './outputs/compare-data.js';

export interface OutputContext {
  /** Every HTML page of the site (with its HTML when it is still in memory). */
  pages: readonly RenderedPage[];
  /** Public base path, starting and ending with '/'. */
  base: string;
  /** The anchor manifest, when the pages' records were collected as they were rendered. */
  manifest?: AnchorManifest;
}

export interface RenderedPage {
  page: Page;
  html?: string;
}

export type OutputList = (site: Site, context: OutputContext) => OutputFile[];

const outputLists: OutputList[] = [
  modelJson,
  responsibilitiesCsv,
  oscalComponentDefinition,
  anchorsJson,
  areaOfferingMaps,
  redirectScript,
  sitemapXml,
  robotsTxt,
  checklistCsv,
  searchOutputs,
  compareDataOutputs,
];

export function outputs(site: Site, context: OutputContext): OutputFile[] {
  return outputLists.flatMap((list) => list(site, context));
}
