/**
 * The parse cache's pack: the outcomes of every source of one content folder's last build in
 * one file, read with one call instead of one file per source, plus an index that says which
 * file stamp (device, inode, size, modification and change time) had which cache key. A source
 * whose stamp is unchanged is neither read nor hashed; any write changes its change time.
 *
 * Layout: a JSON header line, then the entries' JSON texts back to back, ASCII only (other
 * characters escaped), so the file decodes without UTF-8 and an entry is copied unchanged into
 * the next pack. A cell's HTML that is its text as well (most are plain) is stored once. A pack that is missing, truncated or damaged is a miss, entry by entry: those
 * sources are read, hashed and looked up as without it. Writes go to a temporary name and are
 * renamed into place, so a reader never sees half a pack.
 *
 * A pack is read an entry at a time, through one small buffer, as its entries are asked for:
 * read whole, a catalog's pack is tens of megabytes of memory touched for the first time (each
 * 4 KiB page a page fault), and the build waited for it. The file stays open until `close`, so
 * its entries are the ones it had when it was opened, whatever is written in its place since.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ParseOutcome } from '../../parse/source.js';
import type { ParsedSource, Rich } from '../../parse/types.js';
import { CACHE_FORMAT } from './keys.js';
import { writePieces } from './store.js';

/** Bump when the layout of the pack changes. */
const PACK_FORMAT = 2;
/**
 * A stamp is recorded only for a file last changed this long before the build began: file
 * times have coarse ticks (a few milliseconds; seconds on some file systems), so a file written
 * again within the tick of its stamp could keep the same stamp.
 */
const SETTLED_MS = 2000;

interface Header {
  format: number;
  /** Hash of what keys depend on besides a source (code, link base, keywords): the index holds while it is unchanged. */
  context: string;
  /** [path, stamp, key] of each source. */
  files: [string, string, string][];
  /** [key, length in bytes] of each entry, in file order. */
  entries: [string, number][];
}

/** The pack of `contentDir` in the parse cache folder `dir`. */
export function packFile(dir: string, contentDir: string): string {
  return path.join(dir, 'packs', `${createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 24)}.pack`);
}

/** The hash of a build's inputs every key depends on; `keywords` whole, so any edit of them counts. */
export function packContext(code: string, linkBase: string | undefined, keywords: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([PACK_FORMAT, CACHE_FORMAT, code, linkBase ?? null]));
  for (const [name, value] of keywords) hash.update(`\0${name}\0${value}`);
  return hash.digest('hex');
}

/**
 * A file's stamp, taken before it is read (a write in between shows at the next build), or
 * undefined when it must be read every time: a symbolic link, a missing file, or one changed
 * too recently (see SETTLED_MS) before `since`.
 */
export function stampOf(file: string, since: number): string | undefined {
  try {
    const s = lstatSync(file);
    if (!s.isFile() || Math.max(s.mtimeMs, s.ctimeMs) > since - SETTLED_MS) return undefined;
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** Bytes read from a pack at a time: sources come in file order, so most entries are in the last read. */
const WINDOW_BYTES = 1 << 20;

export class ParsePack {
  /** The open file; undefined once closed (or for an empty pack). */
  #fd: number | undefined;
  readonly #entries = new Map<string, [number, number]>();
  readonly #files = new Map<string, [string, string]>();
  readonly #context: string;
  /** The bytes last read, [start, end) of the file, in a buffer reused from entry to entry. */
  #window = Buffer.alloc(0);
  #windowStart = 0;
  #windowEnd = 0;

  private constructor(fd: number | undefined, size: number, header: Header | undefined, start: number) {
    this.#fd = fd;
    this.#context = header?.context ?? '';
    if (!header) return;
    for (const [file, stamp, key] of header.files) this.#files.set(file, [stamp, key]);
    let at = start;
    for (const [key, length] of header.entries) {
      // A truncated pack keeps the entries that are whole.
      if (at + length > size) break;
      this.#entries.set(key, [at, at + length]);
      at += length;
    }
  }

  static empty(): ParsePack {
    return new ParsePack(undefined, 0, undefined, 0);
  }

  /** The pack in `file` (its header read now), open until `close`; empty when there is none or its header cannot be read. */
  static read(file: string): ParsePack {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return ParsePack.empty();
    }
    try {
      const size = fstatSync(fd).size;
      const head = headerLine(fd, size);
      const header = head && (JSON.parse(head.toString('latin1')) as Header);
      if (header && header.format === PACK_FORMAT && valid(header)) return new ParsePack(fd, size, header, head.length + 1);
    } catch {
      // Not a pack: as none.
    }
    closeSync(fd);
    return ParsePack.empty();
  }

  /** How many entries it holds. */
  get size(): number {
    return this.#entries.size;
  }

  /** Let the file go: its entries are no longer asked for. */
  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  /** The key recorded for `relative` when its stamp and the context are unchanged and the entry is present. */
  keyOf(relative: string, stamp: string | undefined, context: string): string | undefined {
    if (stamp === undefined || context !== this.#context) return undefined;
    const known = this.#files.get(relative);
    return known && known[0] === stamp && this.#entries.has(known[1]) ? known[1] : undefined;
  }

  /** The outcome stored under `key`; undefined when absent or damaged. */
  get(key: string): ParseOutcome | undefined {
    const bytes = this.#read(key);
    if (bytes === undefined) return undefined;
    try {
      const value = JSON.parse(bytes.toString('latin1')) as ParseOutcome;
      if (typeof value !== 'object' || value === null || typeof value.parsed !== 'object' || !Array.isArray(value.diagnostics)) return undefined;
      eachRich(value.parsed, (rich) => {
        rich.html ??= rich.text;
      });
      return value;
    } catch {
      return undefined;
    }
  }

  /** The entry's JSON text as stored, in a buffer of its own. */
  raw(key: string): Buffer | undefined {
    const bytes = this.#read(key);
    return bytes && Buffer.from(bytes);
  }

  /** The entry's bytes, valid until the next read; undefined when absent or cut short. */
  #read(key: string): Buffer | undefined {
    const span = this.#entries.get(key);
    if (!span || this.#fd === undefined) return undefined;
    const [start, end] = span;
    if (start < this.#windowStart || end > this.#windowEnd) {
      if (this.#window.length < end - start) this.#window = Buffer.allocUnsafeSlow(Math.max(WINDOW_BYTES, end - start));
      try {
        const got = readSync(this.#fd, this.#window, 0, this.#window.length, start);
        [this.#windowStart, this.#windowEnd] = [start, start + got];
      } catch {
        [this.#windowStart, this.#windowEnd] = [0, 0];
      }
      if (end > this.#windowEnd) return undefined;
    }
    return this.#window.subarray(start - this.#windowStart, end - this.#windowStart);
  }

  /**
   * How many of `files` ([path, stamp, key]) this pack does not give as they are now: with
   * another stamp or key, or an entry not `readable` (Infinity under another context).
   */
  misses(context: string, files: [string, string, string][], readable: ReadonlySet<string>): number {
    if (context !== this.#context) return Infinity;
    let missed = 0;
    for (const [file, stamp, key] of files) {
      const known = this.#files.get(file);
      if (known?.[0] !== stamp || known[1] !== key || !readable.has(key)) missed++;
    }
    return missed;
  }
}

/** The pack's first line (its header), read a window at a time; undefined when it has none. */
function headerLine(fd: number, size: number): Buffer | undefined {
  const pieces: Buffer[] = [];
  for (let at = 0; at < size; ) {
    const piece = Buffer.allocUnsafe(Math.min(WINDOW_BYTES, size - at));
    const got = readSync(fd, piece, 0, piece.length, at);
    if (got === 0) return undefined;
    const end = piece.subarray(0, got).indexOf(10);
    if (end >= 0) return Buffer.concat([...pieces, piece.subarray(0, end)]);
    pieces.push(piece.subarray(0, got));
    at += got;
  }
  return undefined;
}

function valid(header: Header): boolean {
  return typeof header.context === 'string' && Array.isArray(header.files) && Array.isArray(header.entries) &&
    header.files.every((f) => Array.isArray(f) && f.length === 3 && f.every((x) => typeof x === 'string')) &&
    header.entries.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Number.isSafeInteger(e[1]) && e[1] >= 0);
}

/** An outcome as a pack entry: JSON with every non-ASCII character escaped, HTML equal to its text left out. */
export function encodeEntry(outcome: ParseOutcome): Buffer {
  return Buffer.from(ascii(JSON.stringify({ ...outcome, parsed: withoutPlainHtml(outcome.parsed) })), 'latin1');
}

/** The Rich values of a parsed source (summary, heading intros, row cells), where HTML is often the text. */
function eachRich(parsed: ParsedSource, visit: (rich: Rich) => void): void {
  if (parsed.summary) visit(parsed.summary);
  for (const table of parsed.tables) {
    for (const heading of table.headings) if (heading.intro) visit(heading.intro);
    for (const row of table.rows) {
      visit(row.provider);
      visit(row.customer);
    }
  }
}

/**
 * A copy of `parsed` whose Rich values drop `html` where it equals `text` (and comes after it,
 * so restoring it keeps the order of the keys, hence the bytes of model.json).
 */
function withoutPlainHtml(parsed: ParsedSource): ParsedSource {
  const rich = (value: Rich): Rich => {
    const keys = Object.keys(value);
    const plain = value.html === value.text && keys.length === 2 && keys[0] === 'text' && keys[1] === 'html';
    return plain ? ({ text: value.text } as Rich) : value;
  };
  const copy: ParsedSource = {
    ...parsed,
    tables: parsed.tables.map((table) => ({
      ...table,
      headings: table.headings.map((heading) => (heading.intro ? { ...heading, intro: rich(heading.intro) } : heading)),
      rows: table.rows.map((row) => ({ ...row, provider: rich(row.provider), customer: rich(row.customer) })),
    })),
  };
  if (parsed.summary) copy.summary = rich(parsed.summary);
  return copy;
}

/** JSON text with every character outside ASCII as a `\u` escape (JSON.parse reads it back the same). */
function ascii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

let counter = 0;

/**
 * Writes the pack of one build: `files` are [path, stamp, key] of the sources with a stamp,
 * `entries` [key, JSON text] of every outcome (from encodeEntry, or ParsePack.raw of the last).
 * Best effort: a pack that cannot be written only makes the next build slower.
 */
export async function writePack(file: string, context: string, files: [string, string, string][], entries: [string, Buffer][]): Promise<void> {
  const header: Header = { format: PACK_FORMAT, context, files, entries: entries.map(([key, text]) => [key, text.length]) };
  const tmp = `${file}.${process.pid}-${++counter}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const head = Buffer.from(`${ascii(JSON.stringify(header))}\n`, 'latin1');
    // The entries as they are, not copied into one buffer first: the pack of a catalog is tens of megabytes.
    await writePieces(tmp, [head, ...entries.map(([, bytes]) => bytes)]);
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true }).catch(() => {});
  }
}
