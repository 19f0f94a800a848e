/**
 * How far a heap grows between full garbage collections, for the whole process. Where memory is
 * plentiful, V8 lets a heap grow to several times what survived its last collection: a cold
 * build of 5,000 offerings peaked at 1.15-1.29 GiB (four runs), most of it garbage. Collecting
 * once a heap has grown by half brought it to 0.92-1.06 GiB (four runs) in the same time. On
 * 1,000 offerings, whose peak is 400-500 MB, the same setting cost about 2% of the build time,
 * so it applies from LARGE_CATALOG sources. V8 reads it at each collection, in worker threads too.
 */
import { setFlagsFromString } from 'node:v8';

/** Sources from which a catalog counts as large. */
export const LARGE_CATALOG = 2000;

let bounded = false;

/** From now on, in a catalog of `sources` sources, a full collection once a heap has grown by half. */
export function boundHeapGrowth(sources: number): void {
  if (bounded || sources < LARGE_CATALOG) return;
  setFlagsFromString('--heap-growing-percent=50');
  bounded = true;
}
