/**
 * A page's ids as a rebuild's cache record keeps them: the JSON text of the list, one string
 * instead of tens, parsed only for a page something asks about (a link into it, its record made
 * again). A record of thousands of pages is read and written by every rebuild: it keeps them
 * as bytes after its JSON (output-reuse.ts), and a page kept again passes those bytes on.
 */
import type { Ids } from './link-collector.js';
import { isStringArray } from '../shared/shapes.js';

export type PackedIds = string | Buffer;

export function packIds(ids: Iterable<string>): PackedIds {
  return JSON.stringify([...ids]);
}

/** The ids of a packed list; none when it is not one (the cache may hold anything). */
export function unpackIds(packed: PackedIds): string[] {
  try {
    const ids: unknown = JSON.parse(typeof packed === 'string' ? packed : packed.toString('utf8'));
    return isStringArray(ids) ? ids : [];
  } catch {
    return [];
  }
}

/** A page's ids for the link check, unpacked on the first question. */
export class LazyIds implements Ids {
  #ids: Set<string> | undefined;

  constructor(private readonly packed: PackedIds) {}

  has(id: string): boolean {
    return this.ids().has(id);
  }

  keys(): SetIterator<string> {
    return this.ids().keys();
  }

  private ids(): Set<string> {
    return (this.#ids ??= new Set(unpackIds(this.packed)));
  }
}
