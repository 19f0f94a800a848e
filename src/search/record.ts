/**
 * The shape of the search index file (`search/index.json`), shared by the build side
 * (src/search/index.ts) and the browser (src/client/search.ts through src/search/query.ts).
 * Type-only and free of Node or DOM names so both tsconfigs check it.
 */

import type { EngineData } from './engine.js';

/** Which party has a duty in a row: provider only, customer only, both, or neither listed. */
export type PartyCode = 'p' | 'c' | 'b' | '';

/** The party filter offered to readers. `provider` and `customer` include rows where both have a duty. */
export type PartyFilter = '' | 'provider' | 'customer' | 'both';

/** `r` = table row, `i` = an offering's area intro, `a` = an area's own description. */
export type DocKind = 'r' | 'i' | 'a';

/**
 * One searchable record, stored compactly as a tuple (the index holds tens of thousands):
 * [kind, offering index (-1 for none), area index, task or heading, provider text,
 *  customer text, fragment (row anchor, area id), party, source label].
 * A row's task is its canonical task title (src/model/row-name.ts); the source label is the
 * row's name in its source when that differs, else ''. Both are searched.
 * For intros the intro text sits in the provider slot.
 */
export type SearchDoc = [DocKind, number, number, string, string, string, string, PartyCode, string];

export interface SearchIndexFile {
  /** Bumped when the file's layout or the engine options change. */
  version: number;
  parties: { provider: string; customer: string };
  /** [id, name] in site order. */
  offerings: [string, string][];
  /** [id, title] in site order. */
  areas: [string, string][];
  docs: SearchDoc[];
  /** The inverted index; document ids are positions in `docs`. */
  index: EngineData;
}
