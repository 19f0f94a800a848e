/**
 * Splits the whole search index into the files a browser fetches piecemeal (formats in
 * record.ts): a manifest, term shards keyed by prefix, record chunks, the vocabulary and the
 * facets. A query then fetches the manifest, the shards of its words and the chunks of the
 * results it shows. Parts are named after their contents (parts.ts). Build side only.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { textOf, TextPieces } from '../render/page.js';
import { VarintText } from './engine.js';
import { chunkGroup, chunkPart, facetsPart, HASH_LENGTH, PARTS_DIR, shardPart, termsPart } from './parts.js';
import type {
  DocChunk,
  FacetsFile,
  SearchDoc,
  SearchIndexFile,
  SearchManifest,
  TermShard,
} from './record.js';

export interface SplitOptions {
  /** An index whose JSON is at most this many bytes stays one file. */
  inlineBytes: number;
  /** A shard closes before its postings pass this many bytes (a larger term is a shard alone). */
  shardBytes: number;
  /** Records per chunk aim at this many bytes. */
  chunkBytes: number;
}

export const SPLIT_DEFAULTS: SplitOptions = {
  inlineBytes: 64 * 1024,
  shardBytes: 16 * 1024,
  chunkBytes: 8 * 1024,
};

export interface SplitFile {
  /** Relative to the manifest's folder. */
  path: string;
  /** Pieces: a chunk of records whose JSON the last build left (as bytes). */
  contents: string | TextPieces;
  /** A part: its name holds a hash of its contents. */
  namedByContents?: boolean;
}

/** The manifest's name; parts are named relative to its folder. */
export const MANIFEST = 'index.json';

/**
 * A record's JSON text, as JSON.stringify gives it, or the UTF-8 bytes of that text (a rebuild
 * takes unchanged offerings' as the last build left them, without decoding them).
 */
export type RecordJson = string | Uint8Array;

/**
 * `docJsonOf`: each record's JSON (a rebuild takes unchanged offerings' from the last build).
 */
export function splitIndex(file: SearchIndexFile, options: SplitOptions = SPLIT_DEFAULTS, docJsonOf?: (file: SearchIndexFile) => RecordJson[]): SplitFile[] {
  const base = {
    version: file.version,
    parties: file.parties,
    areas: file.areas,
    docCount: file.docs.length,
  };
  // Each record's JSON once: for the size test, the chunk size and the chunks. The records' text
  // is read from it alone (a rebuild may make records without text: records.ts).
  const docJson = docJsonOf ? docJsonOf(file) : file.docs.map((doc) => JSON.stringify(doc));
  const inlined = inlineFile(file, docJson, options.inlineBytes);
  if (inlined) {
    const manifest: SearchManifest = {
      ...base,
      dir: '',
      shards: [['', file.index.terms.length, '']],
      chunkSize: Math.max(1, file.docs.length),
      chunks: 1,
      chunkGroup: 1,
      chunkHashes: '',
      termsHash: '',
      facetsHash: '',
      inline: { shard: file.index, chunk: chunkOf(file, inlined.docs, true) },
    };
    return [{ path: MANIFEST, contents: JSON.stringify(manifest) }];
  }
  const parts: SplitFile[] = [];
  const named = (name: (hash: string) => string, contents: string): string => {
    const hash = hashOf([contents]);
    parts.push({ path: name(hash), contents });
    return hash;
  };
  const shards = termShards(file.index.terms, file.index.postings, options.shardBytes);
  const shardHashes = shards.map((shard) => named(shardPart, JSON.stringify(shard)));
  const chunkSize = docsPerChunk(docJson, options.chunkBytes);
  const chunks: (string | RecordJson[])[] = [];
  for (let first = 0; first < file.docs.length; first += chunkSize) {
    const docs = file.docs.slice(first, first + chunkSize);
    const offerings = JSON.stringify(chunkOf(file, docs, chunkSize >= file.docs.length).offerings);
    // As JSON.stringify gives it, from the records' JSON made above.
    chunks.push(joined(`{"offerings":${offerings},"docs":[`, docJson.slice(first, first + chunkSize), ']}'));
  }
  const group = chunkGroup(chunks.length);
  let chunkHashes = '';
  for (let first = 0; first < chunks.length; first += group) chunkHashes += hashOf(chunks.slice(first, first + group));
  chunks.forEach((chunk, n) => {
    const contents = typeof chunk === 'string' ? chunk : new TextPieces(() => chunk);
    parts.push({ path: chunkPart(n, { chunkGroup: group, chunkHashes }), contents });
  });
  const manifest: SearchManifest = {
    ...base,
    dir: PARTS_DIR,
    shards: shards.map((shard, i) => [
      i === 0 ? '' : shardKey(shard.terms[0] as string, (shards[i - 1] as TermShard).terms.at(-1) as string),
      shard.terms.length,
      shardHashes[i] as string,
    ]),
    chunkSize,
    chunks: chunks.length,
    chunkGroup: group,
    chunkHashes,
    termsHash: named(termsPart, JSON.stringify(file.index.terms)),
    facetsHash: named(facetsPart, JSON.stringify(facetsOf(file))),
  };
  return [
    { path: MANIFEST, contents: JSON.stringify(manifest) },
    ...parts.map((part) => ({ ...part, path: `${PARTS_DIR}/${part.path}`, namedByContents: true })),
  ];
}

/**
 * The whole index, its records read back from their JSON, when its JSON is at most `bytes`;
 * undefined, without writing it out, when it is far larger.
 */
function inlineFile(file: SearchIndexFile, docJson: RecordJson[], bytes: number): SearchIndexFile | undefined {
  let size = 0;
  for (const json of docJson) size += textLength(json);
  for (const posting of file.index.postings) size += posting.length;
  if (size > bytes) return undefined;
  const whole = { ...file, docs: docJson.map((json) => JSON.parse(textOf(json)) as SearchDoc) };
  return JSON.stringify(whole).length <= bytes ? whole : undefined;
}

/** The length of the text, in UTF-16 code units as a string's, whether it comes as text or as bytes. */
function textLength(json: RecordJson): number {
  return typeof json !== 'string' && isAscii(json) ? json.byteLength : textOf(json).length;
}

/**
 * `head`, the records' JSON between commas, and `tail`: as one text when every record's JSON is
 * text; else as pieces, the bytes as they are: hashed piece by piece, and joined only where the
 * file is written (a rebuild keeps most of them unread, by their names).
 */
function joined(head: string, docJson: RecordJson[], tail: string): string | RecordJson[] {
  if (docJson.every((json) => typeof json === 'string')) return `${head}${docJson.join(',')}${tail}`;
  const pieces: RecordJson[] = [head];
  docJson.forEach((json, i) => {
    if (i > 0) pieces.push(',');
    pieces.push(json);
  });
  pieces.push(tail);
  return pieces;
}

/** The first HASH_LENGTH hex digits of a SHA-256 over the texts, whole or in pieces (bytes hash as the text they encode). */
function hashOf(texts: readonly (string | readonly RecordJson[])[]): string {
  const hash = createHash('sha256');
  // The same digest as of each text with its NUL, without joining or copying anything.
  for (const text of texts) {
    if (typeof text === 'string') hash.update(text);
    else for (const piece of text) hash.update(piece);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, HASH_LENGTH);
}

/**
 * Contiguous ranges of the sorted vocabulary, each closed before its postings pass `bytes`.
 * A posting that grows or shrinks seldom moves a boundary, and the shards after a moved one
 * fall back into step within a few (one posting grown by up to 450 characters changed at most
 * 7 of the 157 shards of bench/search-synthetic.mjs's 1,000 offerings).
 */
export function termShards(terms: string[], postings: string[], bytes: number): TermShard[] {
  const shards: TermShard[] = [];
  let current: TermShard = { terms: [], postings: [] };
  let size = 0;
  terms.forEach((term, i) => {
    const posting = postings[i] ?? '';
    const cost = term.length + posting.length + 6;
    if (current.terms.length > 0 && size + cost > bytes) {
      shards.push(current);
      current = { terms: [], postings: [] };
      size = 0;
    }
    current.terms.push(term);
    current.postings.push(posting);
    size += cost;
  });
  if (current.terms.length > 0 || shards.length === 0) shards.push(current);
  return shards;
}

/** The shortest prefix of `first` that sorts above `previous` (the last term of the shard before). */
export function shardKey(first: string, previous: string): string {
  for (let length = 1; length < first.length; length++) {
    const prefix = first.slice(0, length);
    if (prefix > previous) return prefix;
  }
  return first;
}

/** A power of two near `bytes` / average record size, so chunks hold a few KB each. */
function docsPerChunk(docJson: RecordJson[], bytes: number): number {
  const average = docJson.reduce((sum, json) => sum + textLength(json), 0) / Math.max(1, docJson.length);
  return 2 ** Math.max(0, Math.round(Math.log2(bytes / Math.max(1, average))));
}

/** A chunk names the offerings of its records; the only chunk names them all (the search page lists them). */
function chunkOf(file: SearchIndexFile, docs: SearchDoc[], all: boolean): DocChunk {
  const named = all
    ? file.offerings.map((_, o) => o)
    : [...new Set(docs.map((doc) => doc[1]).filter((o) => o >= 0))].sort((a, b) => a - b);
  return { offerings: named.map((o) => [o, ...(file.offerings[o] as [string, string])]), docs };
}

/** Run-length varints of one number per record. */
function runs(values: number[]): string {
  const out = new VarintText();
  for (let i = 0; i < values.length;) {
    let end = i + 1;
    while (end < values.length && values[end] === values[i]) end++;
    out.push(end - i);
    out.push(values[i] as number);
    i = end;
  }
  return out.text();
}

export function facetsOf(file: Pick<SearchIndexFile, 'offerings' | 'docs'>): FacetsFile {
  return {
    offerings: file.offerings,
    offering: runs(file.docs.map((doc) => doc[1] + 1)),
    area: runs(file.docs.map((doc) => doc[2])),
    party: file.docs.map((doc) => doc[7] || '-').join(''),
  };
}
