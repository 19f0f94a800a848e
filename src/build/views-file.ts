/**
 * The rows a rebuild's files worker leaves for the next one (files-worker.ts): each keyed
 * offering's sections as JSON, and texts made of it (its lines of the CSV, its search records'
 * JSON and their shape), one after another, under a first line that says where each offering's
 * are (and, for each kind of text, what else those texts were made of). The next worker parses
 * an offering's sections only when it needs them (a text it cannot take), and writes the
 * offerings it is sent without rows back as the bytes it read instead of making their JSON
 * again; their texts likewise.
 */
import { readFileSync } from 'node:fs';
import { isRecord } from '../shared/shapes.js';
import { ByteRun, bytesAt } from '../shared/byte-run.js';

/** The kinds of text made of one offering that the file keeps. */
export type TextKind = 'csv' | 'docs' | 'shape';
const KINDS: readonly TextKind[] = ['csv', 'docs', 'shape'];

/** Where each text of one kind is, by key; `context`: what they were made of besides the offering (the base path, titles...). */
interface Texts {
  context: string;
  offerings: Record<string, [number, number]>;
}

/** Its first line: where each offering's sections are in the rest of the file, by key, and its texts. */
interface Header {
  format: number;
  offerings: Record<string, [number, number]>;
  texts: Record<TextKind, Texts>;
}

const FORMAT = 3;

/** An offering's part of the file: its key, its sections' JSON, and the texts made of it (when made). */
export type ViewsEntry = readonly [key: string, sections: Uint8Array, texts: Partial<Record<TextKind, Uint8Array>>];

export class ViewsFile {
  /** Each offering's sections parsed so far (undefined: not JSON, or not in the file). */
  readonly #sections = new Map<string, unknown>();

  private constructor(
    private readonly body: Buffer,
    private readonly offerings: Readonly<Record<string, unknown>>,
    private readonly texts: Readonly<Record<string, unknown>> = {},
  ) {}

  /** The file at `file`; an empty one when it is missing or not in this format (a cache: anything may be there). */
  static read(file: string): ViewsFile {
    try {
      const bytes = readFileSync(file);
      const end = bytes.indexOf(10);
      const header = JSON.parse(bytes.toString('utf8', 0, end < 0 ? 0 : end)) as Partial<Header>;
      if (header.format !== FORMAT || !isRecord(header.offerings)) return ViewsFile.empty();
      return new ViewsFile(bytes.subarray(end + 1), header.offerings, isRecord(header.texts) ? header.texts : {});
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

  /** The text of a kind made of the offering of `key`, when it was made of `context` too. */
  text(kind: TextKind, key: string, context: string): Buffer | undefined {
    const texts = Object.hasOwn(this.texts, kind) ? this.texts[kind] : undefined;
    if (!isRecord(texts) || texts['context'] !== context || !isRecord(texts['offerings'])) return undefined;
    return this.#slice(texts['offerings'], key);
  }

  #slice(ranges: Readonly<Record<string, unknown>>, key: string): Buffer | undefined {
    return Object.hasOwn(ranges, key) ? bytesAt(this.body, ranges[key]) : undefined;
  }

  /** The sections of the offering of `key` as parsed JSON (parsed once); undefined when absent or not JSON. */
  sections(key: string): unknown {
    if (!this.#sections.has(key)) this.#sections.set(key, parsed(this.bytes(key)));
    return this.#sections.get(key);
  }
}

function parsed(bytes: Buffer | undefined): unknown {
  try {
    return bytes === undefined ? undefined : JSON.parse(bytes.toString('utf8'));
  } catch {
    // Not JSON: the offering is not in the file.
    return undefined;
  }
}

/** The pieces of a views file holding `offerings`, whose texts were made of `contexts` (by kind); header first. */
export function viewsFilePieces(offerings: Iterable<ViewsEntry>, contexts: Partial<Record<TextKind, string>>): Uint8Array[] {
  const texts = Object.fromEntries(KINDS.map((kind) => [kind, { context: contexts[kind] ?? '', offerings: {} }])) as Record<TextKind, Texts>;
  const header: Header = { format: FORMAT, offerings: {}, texts };
  const body = new ByteRun();
  for (const [key, sections, made] of offerings) {
    header.offerings[key] = body.add(sections);
    for (const kind of KINDS) {
      const text = made[kind];
      if (text) texts[kind].offerings[key] = body.add(text);
    }
  }
  return [Buffer.from(`${JSON.stringify(header)}\n`), ...body.pieces];
}
