/**
 * Build side of search: the index written with the site, split into a manifest
 * (`search/index.json`) and the parts a query fetches (split.ts). Records come from the
 * model, the engine index from the shared query module, so the browser reads back exactly
 * what was built.
 */
import type { Site } from '../model/types.js';
import type { OutputFile } from '../render/page.js';
import type { SearchIndexFile } from './record.js';
import { buildIndexData } from './query.js';
import { searchRecords } from './records.js';
import { MANIFEST, splitIndex } from './split.js';

/** Where the manifest is written, relative to the site base (the client fetches the same path). */
export const SEARCH_INDEX_PATH = `search/${MANIFEST}`;

export function buildSearchIndex(site: Site): SearchIndexFile {
  const records = searchRecords(site);
  return { ...records, index: buildIndexData(records) };
}

/** The search index as output files, the manifest first: same model, same bytes. */
export function searchOutputs(site: Site): OutputFile[] {
  return splitIndex(buildSearchIndex(site)).map(({ path, contents }) => ({ path: `search/${path}`, contents }));
}
