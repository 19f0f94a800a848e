/**
 * Every non-HTML file of the site, from every stage (render, links, search). Adding one = ONE line here.
 * Each function gets the model and the list of HTML pages (for anchors and the sitemap).
 */
import type { Site } from '../model/types.js';
import type { OutputFile, OutputList } from '../render/page.js';
import { modelJson } from '../render/outputs/model-json.js';
import { responsibilitiesCsv, type OfferingLines } from '../render/outputs/csv.js';
import { oscalComponentDefinition } from '../render/outputs/oscal/component-definition.js';
import { anchorsJson, areaOfferingMaps, type ManifestContext } from '../links/anchor-manifest.js';
import { redirectScript } from '../render/redirects.js';
import { sitemapXml } from '../render/outputs/sitemap.js';
import { robotsTxt } from '../render/outputs/robots.js';
import { searchOutputs, type SearchReuse } from '../search/index.js';
import type { RowsView } from '../model/rows-view.js';
import { compareDataOutputs } from '../render/outputs/compare-data.js';

/**
 * The files made from the model's rows alone (rows-view.ts), most of the work and with no need
 * of the page list: the search index and the CSV. A rebuild makes them in another thread
 * (largeOutputs) while its main thread writes model.json, first (stream-site.ts), keys and
 * renders pages, and makes the `other` files.
 */
const largeLists: OutputList<LargeContext, RowsView>[] = [searchOutputs, responsibilitiesCsv];
/**
 * What the large files read besides the rows: the base path, and what a rebuild may take from
 * the last build: the search index's words and records' JSON, the CSV's lines.
 */
type LargeContext = Pick<ManifestContext, 'base'> & LargeReuse;
export interface LargeReuse extends SearchReuse {
  lines?: OfferingLines;
}
/** The other lists of the model alone: the build makes them while pages render (a rebuild's main thread, after model.json). */
const otherLists: OutputList<ManifestContext>[] = [
  oscalComponentDefinition,
  areaOfferingMaps,
  redirectScript,
  sitemapXml,
  robotsTxt,
  compareDataOutputs,
];
/** Every list of the model alone, in output order. */
const modelAlone = [...largeLists, modelJson, ...otherLists];
/** Lists that need what rendering collects (the anchor manifest). */
const manifestLists: OutputList<ManifestContext>[] = [anchorsJson];

/**
 * Which output files: those of the model alone (`model`; `large`: the search index and the CSV;
 * `other`: all but those and model.json), those that need the manifest, or all.
 */
export type OutputPart = 'all' | 'model' | 'large' | 'other' | 'manifest';

const parts: Record<OutputPart, OutputList<ManifestContext>[]> = {
  all: [...modelAlone, ...manifestLists],
  model: modelAlone,
  large: largeLists,
  other: otherLists,
  manifest: manifestLists,
};

/**
 * The output files of one part, list by list, each made only when the one before has been taken:
 * a caller that writes each list before asking for the next holds one list in memory, not all.
 */
export function* outputLists(site: Site, context: ManifestContext, part: OutputPart = 'all'): Generator<OutputFile[]> {
  for (const list of parts[part]) yield list(site, context);
}

/** The files of largeLists: they need the model's rows and the base path, not the page list. */
export function largeOutputs(site: RowsView, base: string, reuse: LargeReuse = {}): OutputFile[] {
  return largeLists.flatMap((list) => list(site, { base, ...reuse }));
}

/** The output files of one part, in list order. */
export function outputs(site: Site, context: ManifestContext, part: OutputPart = 'all'): OutputFile[] {
  return [...outputLists(site, context, part)].flat();
}
