import type { Site } from '../src/model/types.js';

/** A seeded PRNG (mulberry32) returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number;
/** A Site with `count` offerings of 5 areas x 5 rows, text from a fixed vocabulary. */
export function syntheticSite(count: number, seed?: number): Site;
