/**
 * Build side of search: the index file written with the site (`search/index.json`).
 * Records come from the model, the engine index from the shared query module, so the
 * browser reads back exactly what was built.
 */
import type { Site } from '../model/types.js';
import type { OutputFile } from '../render/page.js';
import type { SearchIndexFile } from './record.js';
import { buildIndexData } from './query.js';
import { searchRecords } from './records.js';

/** Where the index is written, relative to the site base (the client fetches the same path). */
export const SEARCH_INDEX_PATH = 'search/index.json';

export function buildSearchIndex(site: Site): SearchIndexFile {
  const records = searchRecords(site);
  return { ...records, index: buildIndexData(records) };
}

/** The search index as an output file: same model, same bytes. */
export function searchOutputs(site: Site): OutputFile[] {
  return [{ path: SEARCH_INDEX_PATH, contents: JSON.stringify(buildSearchIndex(site)) }];
}
