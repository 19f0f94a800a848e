/**
 * Every non-HTML file of the site, from every stage (render, links, search). Adding one = ONE line here.
 * Each function gets the model and the list of HTML pages (for anchors and the sitemap).
 */
import type { Site } from '../model/types.js';
import type { OutputFile, OutputList } from '../render/page.js';
import { modelJson } from '../render/outputs/model-json.js';
import { responsibilitiesCsv } from '../render/outputs/csv.js';
import { oscalComponentDefinition } from '../render/outputs/oscal/component-definition.js';
import { anchorsJson, areaOfferingMaps, type ManifestContext } from '../links/anchor-manifest.js';
import { redirectScript } from '../render/redirects.js';
import { sitemapXml } from '../render/outputs/sitemap.js';
import { robotsTxt } from '../render/outputs/robots.js';
import { searchOutputs } from '../search/index.js';
import { compareDataOutputs } from '../render/outputs/compare-data.js';

/** Lists that need only the model and the page list: the build makes them while pages render. */
const modelLists: OutputList<ManifestContext>[] = [
  modelJson,
  responsibilitiesCsv,
  oscalComponentDefinition,
  areaOfferingMaps,
  redirectScript,
  sitemapXml,
  robotsTxt,
  searchOutputs,
  compareDataOutputs,
];
/** Lists that need what rendering collects (the anchor manifest). */
const manifestLists: OutputList<ManifestContext>[] = [anchorsJson];

/** The output files: `model` ones, `manifest` ones, or all (in that order). */
export function outputs(site: Site, context: ManifestContext, part: 'all' | 'model' | 'manifest' = 'all'): OutputFile[] {
  const lists = part === 'model' ? modelLists : part === 'manifest' ? manifestLists : [...modelLists, ...manifestLists];
  return lists.flatMap((list) => list(site, context));
}
