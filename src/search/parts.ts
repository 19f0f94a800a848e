/**
 * The file names of a split index's parts, written by split.ts and read by sharded.ts. A name
 * holds a hash of the part's contents (HASH_LENGTH hex digits, listed in the manifest), so an
 * edit renames only the parts it changes, and a browser that cached a part of an older build
 * never reads it for a newer manifest. Record chunks share one hash per group of CHUNK_GROUP
 * chunks, which keeps the manifest small: an edit renames the chunks of its group.
 * No Node or DOM names: the browser bundles it.
 */
import type { SearchManifest } from './record.js';

/** Where the parts sit, relative to the manifest's folder. */
export const PARTS_DIR = 'parts';
export const HASH_LENGTH = 10;
export const CHUNK_GROUP = 16;

export const shardPart = (hash: string): string => `t.${hash}.json`;
export const termsPart = (hash: string): string => `terms.${hash}.json`;
export const facetsPart = (hash: string): string => `facets.${hash}.json`;

/** Chunk `n`, named with its group's hash (from the manifest's `chunkHashes`). */
export function chunkPart(n: number, chunkHashes: SearchManifest['chunkHashes']): string {
  const at = Math.floor(n / CHUNK_GROUP) * HASH_LENGTH;
  return `d${n}.${chunkHashes.slice(at, at + HASH_LENGTH)}.json`;
}
