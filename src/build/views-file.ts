/**
 * The rows a rebuild's files worker leaves for the next one (files-worker.ts): each keyed
 * offering's sections as JSON, and its lines of the CSV, one after another, under a first line
 * that says where each offering's are (and what else the lines were made of). The next worker
 * parses the sections while it waits for the model, and writes the offerings it is sent without
 * rows back as the bytes it read instead of making their JSON again; their CSV lines likewise.
 */
import { readFileSync } from 'node:fs';
import { isByteRange, isRecord } from '../shared/shapes.js';

/** Its first line: where each offering's sections are in the rest of the file, by key, and its CSV lines. */
interface Header {
  format: number;
  offerings: Record<string, [number, number]>;
  /** `context`: what the lines were made of besides the offering (the base path, titles...). */
  csv: { context: string; offerings: Record<string, [number, number]> };
}

const FORMAT = 2;

/** An offering's part of the file: its key, its sections' JSON, and its CSV lines when they were made. */
export type ViewsEntry = readonly [key: string, sections: Uint8Array, csv: Uint8Array | undefined];

export class ViewsFile {
  /** Each offering's sections, parsed when the file is read (a worker reads it while it waits for the model). */
  readonly #sections = new Map<string, unknown>();

  private constructor(
    private readonly body: Buffer,
    private readonly offerings: Readonly<Record<string, unknown>>,
    private readonly csvLines: { context?: unknown; offerings?: unknown } = {},
  ) {
    for (const key of Object.keys(offerings)) {
      const bytes = this.bytes(key);
      if (bytes === undefined) continue;
      try {
        this.#sections.set(key, JSON.parse(bytes.toString('utf8')));
      } catch {
        // Not JSON: the offering is not in the file.
      }
    }
  }

  /** The file at `file`; an empty one when it is missing or not in this format (a cache: anything may be there). */
  static read(file: string): ViewsFile {
    try {
      const bytes = readFileSync(file);
      const end = bytes.indexOf(10);
      const header = JSON.parse(bytes.toString('utf8', 0, end < 0 ? 0 : end)) as Partial<Header>;
      if (header.format !== FORMAT || !isRecord(header.offerings)) return ViewsFile.empty();
      return new ViewsFile(bytes.subarray(end + 1), header.offerings, isRecord(header.csv) ? header.csv : {});
    } catch {
      return ViewsFile.empty();
    }
  }

  static empty(): ViewsFile {
    return new ViewsFile(Buffer.alloc(0), {});
  }

  /** The keys of the offerings it holds. */
  keys(): string[] {
    return Object.keys(this.offerings);
  }

  /** The JSON bytes of the offering of `key`, undefined when the file has none (or a range outside it). */
  bytes(key: string): Buffer | undefined {
    return this.#slice(this.offerings, key);
  }

  /** The CSV lines of the offering of `key` when they were made of `context` too. */
  csv(key: string, context: string): Buffer | undefined {
    const { context: theirs, offerings } = this.csvLines;
    return theirs === context && isRecord(offerings) ? this.#slice(offerings, key) : undefined;
  }

  #slice(ranges: Readonly<Record<string, unknown>>, key: string): Buffer | undefined {
    const range = Object.hasOwn(ranges, key) ? ranges[key] : undefined;
    return isByteRange(range, this.body.byteLength) ? this.body.subarray(range[0], range[1]) : undefined;
  }

  /** The sections of the offering of `key` as parsed JSON; undefined when absent or not JSON. */
  sections(key: string): unknown {
    return this.#sections.get(key);
  }
}

/** The pieces of a views file holding `offerings`, whose CSV lines were made of `csvContext`; header first. */
export function viewsFilePieces(offerings: Iterable<ViewsEntry>, csvContext: string): Uint8Array[] {
  const header: Header = { format: FORMAT, offerings: {}, csv: { context: csvContext, offerings: {} } };
  const body: Uint8Array[] = [];
  let at = 0;
  const add = (ranges: Record<string, [number, number]>, key: string, bytes: Uint8Array) => {
    ranges[key] = [at, at + bytes.byteLength];
    body.push(bytes);
    at += bytes.byteLength;
  };
  for (const [key, sections, csv] of offerings) {
    add(header.offerings, key, sections);
    if (csv) add(header.csv.offerings, key, csv);
  }
  return [Buffer.from(`${JSON.stringify(header)}\n`), ...body];
}
