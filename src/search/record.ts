/**
 * The shapes of the search index: the whole index as the build computes it, and the files it
 * is split into (`search/index.json`, the manifest, and its parts), shared by the build side
 * (src/search/index.ts, split.ts) and the browser (src/client/search.ts through sharded.ts).
 * Type-only and free of Node or DOM names so both tsconfigs check it.
 */

import type { RowDuties } from '../model/duty.js';
import type { EngineData } from './engine.js';

/** Which party has a duty in a row: provider only, customer only, both, or neither listed. */
export type PartyCode = RowDuties;

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

/** Terms and their postings (engine.ts) for one range of the sorted vocabulary. */
export interface TermShard {
  terms: string[];
  postings: string[];
}

/** Records `[first, first + chunkSize)`, with the [index, id, name] of the offerings they name. */
export interface DocChunk {
  offerings: [number, string, string][];
  docs: SearchDoc[];
}

/**
 * What filters read of every record, as runs of unsigned varints (engine.ts's alphabet):
 * `offering` holds (run length, offering index + 1) pairs, `area` (run length, area index)
 * pairs, and `party` one character per record (`-` for none).
 */
export interface FacetsFile {
  offerings: [string, string][];
  offering: string;
  area: string;
  party: string;
}

/**
 * `search/index.json`: what every query needs first. The parts sit in the folder `dir`, each
 * named after a hash of its contents (parts.ts): term shard i is `t.<shards[i][2]>.json`,
 * record chunk n `d<n>.<hash of its group>.json`, the sorted vocabulary (for typo matches)
 * `terms.<termsHash>.json` and the facets (for filters and the list of offerings)
 * `facets.<facetsHash>.json`. A small index has one shard and one chunk, held `inline`: one
 * request, as before the split; its `dir` and hashes are empty.
 */
export interface SearchManifest {
  version: number;
  parties: { provider: string; customer: string };
  areas: [string, string][];
  docCount: number;
  dir: string;
  /**
   * Per shard: its key, term count and hash. A key is the shortest prefix of the shard's first
   * term above the previous shard's last term (the first key is ''), so a word's shard is the
   * last one whose key is not above it.
   */
  shards: [string, number, string][];
  chunkSize: number;
  chunks: number;
  /** Chunks per group, and the hash of each group (parts.ts), end to end. */
  chunkGroup: number;
  chunkHashes: string;
  termsHash: string;
  facetsHash: string;
  inline?: { shard: TermShard; chunk: DocChunk };
}
