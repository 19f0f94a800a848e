/**
 * The file names of a split index's parts, written by split.ts and read by sharded.ts. A name
 * holds a hash of the part's contents (HASH_LENGTH hex digits, listed in the manifest), so an
 * edit renames only the parts it changes, and a browser that cached a part of an older build
 * never reads it for a newer manifest. Record chunks share one hash per group of chunks, which
 * keeps the manifest small: an edit renames the chunks of its group.
 * No Node or DOM names: the browser bundles it.
 */
import type { SearchManifest } from './record.js';

/** Where the parts sit, relative to the manifest's folder. */
export const PARTS_DIR = 'parts';
export const HASH_LENGTH = 10;
/** Chunks per hash: at least this many, and more (a power of two times it) to keep to MAX_GROUPS hashes. */
export const CHUNK_GROUP = 16;
const MAX_GROUPS = 256;

export const shardPart = (hash: string): string => `t.${hash}.json`;
export const termsPart = (hash: string): string => `terms.${hash}.json`;
export const facetsPart = (hash: string): string => `facets.${hash}.json`;

/** How many chunks share a hash, for an index of `chunks` chunks. */
export function chunkGroup(chunks: number): number {
  let size = CHUNK_GROUP;
  while (chunks > size * MAX_GROUPS) size *= 2;
  return size;
}

/** Chunk `n`, named with its group's hash. */
export function chunkPart(n: number, manifest: Pick<SearchManifest, 'chunkGroup' | 'chunkHashes'>): string {
  const at = Math.floor(n / manifest.chunkGroup) * HASH_LENGTH;
  return `d${n}.${manifest.chunkHashes.slice(at, at + HASH_LENGTH)}.json`;
}
