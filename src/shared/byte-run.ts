/**
 * Files of the cache that hold many texts one after another, each found by its [start, end)
 * range (the output record's body, the files worker's views file).
 */
import { isByteRange } from './shapes.js';

/** Bytes laid one after another as they are added, each given back as its range. */
export class ByteRun {
  readonly pieces: Uint8Array[] = [];
  #at = 0;

  add(bytes: Uint8Array): [number, number] {
    this.pieces.push(bytes);
    return [this.#at, (this.#at += bytes.byteLength)];
  }
}

/** The bytes of `body` in `range` (read back: it may hold anything), undefined when it is not a range inside it. */
export function bytesAt(body: Buffer, range: unknown): Buffer | undefined {
  return isByteRange(range, body.byteLength) ? body.subarray(range[0], range[1]) : undefined;
}
