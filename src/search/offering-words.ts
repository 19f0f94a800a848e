/**
 * The words of each offering's search records as the last build numbered them, kept by offering
 * key between builds: a rebuild numbers again only the text of the offerings that changed, which
 * at 1,000 offerings was most of the search index's cost. The numbers stay valid because the
 * next build's word list starts as the last one's (WordNumbers.seeded); the index sorts its
 * terms, so how words are numbered never shows in its bytes.
 *
 * One file: a little-endian u32 header length, the header (JSON: format, context, words, each
 * offering's key and place), padding to 4 bytes, then each offering's records' fields as
 * int32s in the machine's byte order (a cache stays on its machine): per record and field, the
 * field's length and its word numbers. Anything unreadable, of another context, or with a
 * number outside the word list, is no words known.
 */
import { WordNumbers } from './word-numbers.js';

const FORMAT = 1;

interface Header {
  format: number;
  context: string;
  words: string[];
  /** [offering key, first int32, int32 count]. */
  offerings: [string, number, number][];
}

/** An offering's records' fields as stored: per record and field, its length, then its word numbers (as DocWords' data, engine.ts). */
export type OfferingFields = Int32Array;

export class OfferingWords {
  readonly numbers: WordNumbers;
  readonly #known = new Map<string, Int32Array>();
  readonly #made = new Map<string, OfferingFields>();
  readonly #taken = new Map<string, Int32Array>();
  /** Words numbered by the last build: a known number is below it. */
  readonly #wordCount: number;

  /**
   * `context`: what every record's words depend on besides its offering (the code, the site's
   * area and task titles); `last`: the file the last build wrote, if any.
   */
  constructor(
    readonly context: string,
    last?: Uint8Array,
  ) {
    const header = last && readHeader(last, context);
    this.numbers = WordNumbers.seeded(header?.words ?? []);
    this.#wordCount = this.numbers.words.length;
    if (!header || !last) return;
    const start = dataStart(last);
    const data = new Int32Array(last.buffer.slice(last.byteOffset + start, last.byteOffset + last.byteLength));
    for (const [key, first, count] of header.offerings) {
      if (first >= 0 && count >= 0 && first + count <= data.length) this.#known.set(key, data.subarray(first, first + count));
    }
  }

  /**
   * The records' fields of the offering of `key` (`records` of `fields` each) when the last build
   * knew them, as they were stored: read in place, no array made per field.
   */
  take(key: string, records: number, fields: number): OfferingFields | undefined {
    const flat = this.#known.get(key);
    if (!flat) return undefined;
    let at = 0;
    for (let field = 0; field < records * fields; field++) {
      const length = flat[at++];
      if (length === undefined || length < 0 || at + length > flat.length) return undefined;
      for (const end = at + length; at < end; at++) if ((flat[at] as number) < 0 || (flat[at] as number) >= this.#wordCount) return undefined;
    }
    if (at !== flat.length) return undefined;
    this.#taken.set(key, flat);
    return flat;
  }

  /** The fields this build made for the offering of `key`, kept for the next build. */
  put(key: string, made: OfferingFields): void {
    this.#made.set(key, made);
  }

  /** The file for the next build: every offering taken or put, in key order. */
  file(): Uint8Array {
    const keys = [...new Set([...this.#taken.keys(), ...this.#made.keys()])].sort();
    const offerings: [string, number, number][] = [];
    const parts: Int32Array[] = [];
    let total = 0;
    for (const key of keys) {
      const flat = this.#taken.get(key) ?? this.#made.get(key) ?? new Int32Array(0);
      offerings.push([key, total, flat.length]);
      parts.push(flat);
      total += flat.length;
    }
    const header: Header = { format: FORMAT, context: this.context, words: this.numbers.words, offerings };
    const json = new TextEncoder().encode(JSON.stringify(header));
    const start = align4(4 + json.length);
    const out = new Uint8Array(start + total * 4);
    new DataView(out.buffer).setUint32(0, json.length, true);
    out.set(json, 4);
    const data = new Int32Array(out.buffer, start, total);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    return out;
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function dataStart(file: Uint8Array): number {
  return align4(4 + new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(0, true));
}

function readHeader(file: Uint8Array, context: string): Header | undefined {
  try {
    if (file.byteLength < 4 || dataStart(file) > file.byteLength || (file.byteLength - dataStart(file)) % 4 !== 0) return undefined;
    const length = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(4, 4 + length))) as Partial<Header>;
    const { words, offerings } = header;
    if (header.format !== FORMAT || header.context !== context || !Array.isArray(words) || !Array.isArray(offerings)) return undefined;
    if (!words.every((word) => typeof word === 'string') || new Set(words).size !== words.length) return undefined;
    const placed = offerings.filter(
      (entry): entry is [string, number, number] =>
        Array.isArray(entry) && typeof entry[0] === 'string' && Number.isInteger(entry[1]) && Number.isInteger(entry[2]),
    );
    return { format: FORMAT, context, words, offerings: placed };
  } catch {
    return undefined;
  }
}
