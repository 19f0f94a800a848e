/**
 * A split search index (split.ts) read piecemeal: a query loads the shards of its words, the
 * vocabulary only when a word matches nothing (typo tolerance), the facets only for filters,
 * and the record chunks of the results it ranks; each part once. Ranking is query.ts's, over a
 * term source holding the loaded shards, so results equal the whole index's.
 * Shared by the browser and the bench (lib/search/fetch-plan.js); no Node or DOM names.
 */
import { decodeVarints, Engine, MAX_EXPANSIONS, type TermSource } from './engine.js';
import {
  hasFilters,
  INDEX_VERSION,
  parseQuery,
  present,
  rank,
  type Facets,
  type Filters,
  type Results,
} from './query.js';
import { chunkPart, facetsPart, shardPart, termsPart } from './parts.js';
import type { DocChunk, FacetsFile, PartyCode, SearchDoc, SearchManifest, TermShard } from './record.js';

/** Fetches and parses a part, by its path relative to the manifest's folder. */
export type LoadPart = (path: string) => Promise<unknown>;

export class SplitIndex implements TermSource {
  readonly parties: SearchManifest['parties'];
  readonly areas: [string, string][];
  /** Loaded records and the offerings they name, by id and index (sparse until loaded). */
  readonly docs: SearchDoc[] = [];
  readonly offerings: [string, string][] = [];
  /** The loaded shards' terms in order, or the whole vocabulary once loaded. */
  terms: readonly string[] = [];
  private readonly manifest: SearchManifest;
  private readonly load: LoadPart;
  private readonly engine: Engine;
  private readonly keys: string[];
  private readonly postings = new Map<string, string>();
  private readonly shards = new Map<number, string[]>();
  private readonly chunks = new Set<number>();
  private readonly parts = new Map<string, Promise<unknown>>();
  private vocabulary = false;
  private facetsLoaded: Promise<Facets> | undefined;

  constructor(manifest: SearchManifest, load: LoadPart) {
    if (manifest.version !== INDEX_VERSION)
      throw new Error(`search index version ${manifest.version}, expected ${INDEX_VERSION}`);
    this.manifest = manifest;
    this.load = load;
    this.parties = manifest.parties;
    this.areas = manifest.areas;
    this.keys = manifest.shards.map(([key]) => key);
    this.engine = new Engine(manifest.docCount, this);
    if (manifest.inline) {
      this.addShard(0, manifest.inline.shard);
      this.addChunk(0, manifest.inline.chunk);
    }
  }

  posting(term: string): string {
    return this.postings.get(term) ?? '';
  }

  /** Total hits and the best `limit`, as query.ts's search() gives them on the whole index. */
  async search(query: string, filters: Filters, limit: number): Promise<Results> {
    const parsed = parseQuery(query);
    if (parsed.words.length === 0) return { total: 0, hits: [] };
    await this.prepare(parsed.words);
    const facets = hasFilters(filters) ? await this.facets() : undefined;
    const result = rank(this.engine, parsed, this.areas, filters, facets, limit);
    await Promise.all(
      [...new Set(result.ids.map((id) => Math.floor(id / this.manifest.chunkSize)))].map((n) =>
        this.chunk(n),
      ),
    );
    return present(this, parsed, result, limit, filters.party);
  }

  /** Every offering's [id, name], in site order (for the search page's filter). */
  async allOfferings(): Promise<readonly [string, string][]> {
    return (await this.facets()).offerings;
  }

  /** The shard a term or word belongs to: the last whose key is not above it. */
  shardOf(word: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as string) <= word) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /**
   * The shards a word's exact and prefix matches can sit in: its own, then those whose key
   * starts with it, until the shards wholly inside its range hold enough terms for the
   * engine's expansion limit.
   */
  shardsFor(word: string): number[] {
    const first = this.shardOf(word);
    const out = [first];
    if (word.length < 2) return out;
    let reached = 0;
    for (
      let j = first + 1;
      j < this.keys.length && reached < MAX_EXPANSIONS && (this.keys[j] as string).startsWith(word);
      j++
    ) {
      out.push(j);
      reached += this.manifest.shards[j]?.[1] ?? 0;
    }
    return out;
  }

  /** Loads what the engine reads for these words: their shards, and for a word matching nothing, its typo matches' shards. */
  private async prepare(words: { word: string; fuzzy: number }[]): Promise<void> {
    await this.loadShards(words.flatMap(({ word }) => this.shardsFor(word)));
    const typos = words.filter(({ word, fuzzy }) => fuzzy > 0 && this.engine.expand(word, 0).length === 0);
    if (typos.length === 0) return;
    if (!this.vocabulary && this.keys.length > 1) {
      this.terms = (await this.part(termsPart(this.manifest.termsHash))) as string[];
    }
    this.vocabulary = true;
    await this.loadShards(
      typos.flatMap(({ word, fuzzy }) => this.engine.expand(word, fuzzy).map(([term]) => this.shardOf(term))),
    );
  }

  private async loadShards(indices: number[]): Promise<void> {
    const missing = [...new Set(indices)].filter((i) => !this.shards.has(i));
    const loaded = await Promise.all(missing.map((i) => this.part(shardPart(this.manifest.shards[i]?.[2] ?? ''))));
    loaded.forEach((shard, k) => this.addShard(missing[k] as number, shard as TermShard));
  }

  private addShard(index: number, shard: TermShard): void {
    if (this.shards.has(index)) return;
    shard.terms.forEach((term, i) => this.postings.set(term, shard.postings[i] ?? ''));
    this.shards.set(index, shard.terms);
    // Shards are disjoint ranges of the sorted vocabulary: in shard order their terms stay sorted.
    if (!this.vocabulary)
      this.terms = [...this.shards.keys()]
        .sort((a, b) => a - b)
        .flatMap((i) => this.shards.get(i) as string[]);
  }

  private async chunk(n: number): Promise<void> {
    if (this.chunks.has(n)) return;
    const chunk = (await this.part(chunkPart(n, this.manifest))) as DocChunk;
    this.addChunk(n, chunk);
  }

  private addChunk(n: number, chunk: DocChunk): void {
    if (this.chunks.has(n)) return;
    this.chunks.add(n);
    const first = n * this.manifest.chunkSize;
    chunk.docs.forEach((doc, i) => (this.docs[first + i] = doc));
    for (const [index, id, name] of chunk.offerings) this.offerings[index] = [id, name];
  }

  private facets(): Promise<Facets> {
    this.facetsLoaded ??= this.loadFacets();
    this.facetsLoaded.catch(() => (this.facetsLoaded = undefined));
    return this.facetsLoaded;
  }

  private async loadFacets(): Promise<Facets> {
    // One chunk holds every record and names every offering: read the facets from it.
    if (this.manifest.chunks === 1) {
      await this.chunk(0);
      const { docs, offerings } = this;
      return {
        offerings,
        offering: (id) => docs[id]?.[1] ?? -1,
        area: (id) => docs[id]?.[2] ?? -1,
        party: (id) => docs[id]?.[7] ?? '',
      };
    }
    const file = (await this.part(facetsPart(this.manifest.facetsHash))) as FacetsFile;
    const offering = expandRuns(file.offering, this.manifest.docCount);
    const area = expandRuns(file.area, this.manifest.docCount);
    const party = file.party;
    return {
      offerings: file.offerings,
      offering: (id) => (offering[id] ?? 0) - 1,
      area: (id) => area[id] ?? -1,
      party: (id) => (party[id] === '-' ? '' : ((party[id] ?? '') as PartyCode)),
    };
  }

  /** One request per part per page, shared by concurrent queries; a failed one may be retried. */
  private part(name: string): Promise<unknown> {
    const path = this.manifest.dir ? `${this.manifest.dir}/${name}` : name;
    let pending = this.parts.get(path);
    if (!pending) {
      pending = this.load(path);
      this.parts.set(path, pending);
      pending.catch(() => this.parts.delete(path));
    }
    return pending;
  }
}

/** (run length, value) varint pairs to one value per record. */
function expandRuns(text: string, count: number): Int32Array {
  const values = decodeVarints(text);
  const out = new Int32Array(count);
  let at = 0;
  for (let i = 0; i + 1 < values.length; i += 2) {
    const end = Math.min(count, at + (values[i] as number));
    out.fill(values[i + 1] as number, at, end);
    at = end;
  }
  return out;
}
