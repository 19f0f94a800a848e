/**
 * The rows a rebuild's files worker leaves for the next one (files-worker.ts): each keyed
 * offering's sections as JSON, one after another, under a first line that says where each
 * offering's are. The next worker parses them while it waits for the model, and writes the
 * offerings it is sent without rows back as the bytes it read instead of making their JSON again.
 */
import { readFileSync } from 'node:fs';
import { isByteRange, isRecord } from '../shared/shapes.js';

/** Its first line: where each offering's sections are in the rest of the file, by key. */
interface Header {
  format: number;
  offerings: Record<string, [number, number]>;
}

const FORMAT = 1;

export class ViewsFile {
  /** Each offering's sections, parsed when the file is read (a worker reads it while it waits for the model). */
  readonly #sections = new Map<string, unknown>();

  private constructor(
    private readonly body: Buffer,
    private readonly offerings: Readonly<Record<string, unknown>>,
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
      return new ViewsFile(bytes.subarray(end + 1), header.offerings);
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
    const range = Object.hasOwn(this.offerings, key) ? this.offerings[key] : undefined;
    return isByteRange(range, this.body.byteLength) ? this.body.subarray(range[0], range[1]) : undefined;
  }

  /** The sections of the offering of `key` as parsed JSON; undefined when absent or not JSON. */
  sections(key: string): unknown {
    return this.#sections.get(key);
  }
}

/** The pieces of a views file holding `offerings` ([key, their sections' JSON bytes]), header first. */
export function viewsFilePieces(offerings: Iterable<readonly [string, Uint8Array]>): Uint8Array[] {
  const header: Header = { format: FORMAT, offerings: {} };
  const body: Uint8Array[] = [];
  let at = 0;
  for (const [key, bytes] of offerings) {
    header.offerings[key] = [at, at + bytes.byteLength];
    body.push(bytes);
    at += bytes.byteLength;
  }
  return [Buffer.from(`${JSON.stringify(header)}\n`), ...body];
}
