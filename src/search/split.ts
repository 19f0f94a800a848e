/**
 * Splits the whole search index into the files a browser fetches piecemeal (formats in
 * record.ts): a manifest, term shards keyed by prefix, record chunks, the vocabulary and the
 * facets. A query then fetches the manifest, the shards of its words and the chunks of the
 * results it shows. Build side only.
 */
import { createHash } from 'node:crypto';
import { encode } from './engine.js';
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
  chunkBytes: 4 * 1024,
};

export interface SplitFile {
  /** Relative to the manifest's folder. */
  path: string;
  contents: string;
}

/** The manifest's name; parts are named relative to its folder. */
export const MANIFEST = 'index.json';

export function splitIndex(file: SearchIndexFile, options: SplitOptions = SPLIT_DEFAULTS): SplitFile[] {
  const base = {
    version: file.version,
    parties: file.parties,
    areas: file.areas,
    docCount: file.docs.length,
  };
  if (JSON.stringify(file).length <= options.inlineBytes) {
    const manifest: SearchManifest = {
      ...base,
      dir: '',
      shards: [['', file.index.terms.length]],
      chunkSize: Math.max(1, file.docs.length),
      chunks: 1,
      inline: { shard: file.index, chunk: chunkOf(file, file.docs, true) },
    };
    return [{ path: MANIFEST, contents: JSON.stringify(manifest) }];
  }
  const shards = termShards(file.index.terms, file.index.postings, options.shardBytes);
  const chunkSize = docsPerChunk(file.docs, options.chunkBytes);
  const parts: SplitFile[] = shards.map((shard, i) => ({
    path: `t${i}.json`,
    contents: JSON.stringify(shard),
  }));
  for (let first = 0; first < file.docs.length; first += chunkSize) {
    const contents = JSON.stringify(
      chunkOf(file, file.docs.slice(first, first + chunkSize), chunkSize >= file.docs.length),
    );
    parts.push({ path: `d${first / chunkSize}.json`, contents });
  }
  parts.push({ path: 'terms.json', contents: JSON.stringify(file.index.terms) });
  parts.push({ path: 'facets.json', contents: JSON.stringify(facetsOf(file)) });
  // The folder is named after the parts' contents, so a browser never mixes two builds' parts.
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.path}\0${part.contents}\0`);
  const dir = hash.digest('hex').slice(0, 12);
  const manifest: SearchManifest = {
    ...base,
    dir,
    shards: shards.map((shard, i) => [
      i === 0 ? '' : shardKey(shard.terms[0] as string, (shards[i - 1] as TermShard).terms.at(-1) as string),
      shard.terms.length,
    ]),
    chunkSize,
    chunks: Math.ceil(file.docs.length / chunkSize),
  };
  return [
    { path: MANIFEST, contents: JSON.stringify(manifest) },
    ...parts.map((part) => ({ ...part, path: `${dir}/${part.path}` })),
  ];
}

/** Contiguous ranges of the sorted vocabulary, each closed before its postings pass `bytes`. */
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
function docsPerChunk(docs: SearchDoc[], bytes: number): number {
  const average = docs.reduce((sum, doc) => sum + JSON.stringify(doc).length, 0) / Math.max(1, docs.length);
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
  let out = '';
  for (let i = 0; i < values.length;) {
    let end = i + 1;
    while (end < values.length && values[end] === values[i]) end++;
    out += encode(end - i) + encode(values[i] as number);
    i = end;
  }
  return out;
}

export function facetsOf(file: Pick<SearchIndexFile, 'offerings' | 'docs'>): FacetsFile {
  return {
    offerings: file.offerings,
    offering: runs(file.docs.map((doc) => doc[1] + 1)),
    area: runs(file.docs.map((doc) => doc[2])),
    party: file.docs.map((doc) => doc[7] || '-').join(''),
  };
}
