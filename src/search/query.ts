/**
 * Search logic shared by the build (index creation), the browser (querying) and the tests:
 * tokenising, typo budget, filters and highlighted snippets. Ranking itself lives in
 * engine.ts, the index's field weights in index.ts (build side).
 * Uses no Node or DOM names, so it type-checks under both tsconfigs and Vite bundles it.
 */
import { Engine, wholeIndex, type EngineResult } from './engine.js';
import type { PartyCode, PartyFilter, SearchDoc, SearchIndexFile } from './record.js';
import { areaPageUrl, offeringPageUrl } from '../shared/site-paths.js';

/** Bump when tokenising, weights or the file layout change: an old index must not be read. */
export const INDEX_VERSION = 3;

const WORD = /[\p{L}\p{N}]+/gu;

/** Words too common in responsibility tables to help ranking. "key" and "you" stay searchable. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the their this to with'.split(' '),
);

/** Lower case, without accents, so "Résumé" and "resume" meet. */
export function normalizeWord(word: string): string {
  // Most words are ASCII: skip the (slow) Unicode decomposition for them.
  if (/^[\p{ASCII}]*$/u.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** ASCII words: in ASCII text, letters and digits are exactly these, and need no accent folding. */
const ASCII_WORD = /[a-z0-9]+/g;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Text to index terms: words, lower-cased, stop words dropped. */
export function terms(text: string): string[] {
  const out: string[] = [];
  // Most cells are ASCII: one cheap test, then no Unicode classes and no per-word folding.
  const ascii = isAscii(text);
  for (const word of (ascii ? text.toLowerCase().match(ASCII_WORD) : text.match(WORD)) ?? []) {
    const term = ascii ? word : normalizeWord(word);
    if (!STOP_WORDS.has(term)) out.push(term);
  }
  return out;
}

/** Typo budget grows with word length: none for short words, two edits from seven letters. */
function fuzziness(term: string): number {
  if (term.length < 4) return 0;
  return term.length < 7 ? 1 : 2;
}

type Lookups = Pick<SearchIndexFile, 'offerings' | 'areas'>;

/** Query words beyond this many are ignored. */
const MAX_WORDS = 12;

/** How many of the best matches a multi-word query re-ranks by phrase. */
const RERANK = 50;
/** Score factor for a record holding the query's words next to each other, in order. */
const PHRASE_BONUS = 1.6;

/** Revives the engine from a loaded index file (browser side and tests). */
export function loadEngine(file: SearchIndexFile): Engine {
  if (file.version !== INDEX_VERSION) throw new Error(`search index version ${file.version}, expected ${INDEX_VERSION}`);
  return new Engine(file.docs.length, wholeIndex(file.index));
}

export interface Filters {
  offering?: string;
  area?: string;
  party?: PartyFilter;
}

/** A run of text, marked when it matched the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface Hit {
  id: number;
  kind: 'row' | 'intro' | 'area';
  url: string;
  offeringId: string;
  offeringName: string;
  areaId: string;
  areaTitle: string;
  task: Segment[];
  /** The row's name in its source when it differs from `task` (the canonical title), else empty. */
  label: Segment[];
  /** Which text the snippet comes from. */
  snippetFrom: 'provider' | 'customer' | 'intro';
  snippet: Segment[];
}

export interface Results {
  total: number;
  hits: Hit[];
}

const KINDS = { r: 'row', i: 'intro', a: 'area' } as const;

/** The site-relative URL a record links to. */
export function docUrl(file: Lookups, doc: SearchDoc): string {
  const [kind, offering, area, , , , fragment] = doc;
  if (kind === 'a') return areaPageUrl(file.areas[area]?.[0] ?? '');
  return offeringPageUrl(file.offerings[offering]?.[0] ?? '', fragment);
}

function partyMatches(party: SearchDoc[7], filter: PartyFilter | undefined): boolean {
  if (!filter) return true;
  if (filter === 'both') return party === 'b';
  return party === 'b' || party === (filter === 'provider' ? 'p' : 'c');
}

/** What filters read of every record: its offering (-1 for none), area and party. */
export interface Facets {
  /** [id, name] in site order. */
  offerings: readonly [string, string][];
  offering(id: number): number;
  area(id: number): number;
  party(id: number): PartyCode;
}

/** Facets read from the records themselves (a whole index). */
export function recordFacets(file: Pick<SearchIndexFile, 'offerings' | 'docs'>): Facets {
  return {
    offerings: file.offerings,
    offering: (id) => file.docs[id]?.[1] ?? -1,
    area: (id) => file.docs[id]?.[2] ?? -1,
    party: (id) => file.docs[id]?.[7] ?? '',
  };
}

export const hasFilters = (filters: Filters): boolean => Boolean(filters.offering || filters.area || filters.party);

/** A query as the engine takes it: distinct words with their typo budget, and the phrase. */
export interface ParsedQuery {
  words: { word: string; fuzzy: number }[];
  phrase: string;
}

export function parseQuery(query: string): ParsedQuery {
  // A pasted paragraph must not cost more than a frame: the first words decide.
  const words = [...new Set(terms(query))].slice(0, MAX_WORDS).map((word) => ({ word, fuzzy: fuzziness(word) }));
  return { words, phrase: terms(query).join(' ') };
}

/** Ranks the records (the engine's step): the ids `present` needs, best first. */
export function rank(
  engine: Engine,
  parsed: ParsedQuery,
  areas: Lookups['areas'],
  filters: Filters,
  facets: Facets | undefined,
  limit: number,
): EngineResult {
  const { words } = parsed;
  let keep: ((id: number) => boolean) | undefined;
  if (hasFilters(filters)) {
    if (!facets) throw new Error('search filters need the facets');
    const offering = filters.offering ? facets.offerings.findIndex(([id]) => id === filters.offering) : -2;
    const area = filters.area ? areas.findIndex(([id]) => id === filters.area) : -2;
    const party = filters.party;
    keep = (id: number): boolean => {
      if (offering !== -2 && facets.offering(id) !== offering) return false;
      if (area !== -2 && facets.area(id) !== area) return false;
      return partyMatches(facets.party(id), party);
    };
  }
  return engine.search(words, keep, words.length > 1 ? Math.max(limit, RERANK) : limit);
}

/** Orders ranked records by phrase (several words) and turns the best `limit` into hits. Needs the records of `result.ids`. */
export function present(file: Lookups & Pick<SearchIndexFile, 'docs'>, parsed: ParsedQuery, result: EngineResult, limit: number, party?: PartyFilter): Results {
  const { words } = parsed;
  const marks = matchTerms(result.terms, words.map(({ word }) => word));
  const ids = words.length > 1 ? byPhrase(file, result, parsed.phrase).slice(0, limit) : result.ids;
  return { total: result.total, hits: ids.map((id) => toHit(file, id, marks, party)) };
}

/** Runs a query with filters on a whole index; returns the total match count and the best `limit` hits. */
export function search(engine: Engine, file: SearchIndexFile, query: string, filters: Filters = {}, limit = 20): Results {
  const parsed = parseQuery(query);
  if (parsed.words.length === 0) return { total: 0, hits: [] };
  const result = rank(engine, parsed, file.areas, filters, recordFacets(file), limit);
  return present(file, parsed, result, limit, filters.party);
}

/** Re-ranks the best matches: same matched-word count first, then score with a bonus for the exact phrase. */
function byPhrase(file: Pick<SearchIndexFile, 'docs'>, result: EngineResult, phrase: string): number[] {
  const ranked = result.ids.map((id, i) => {
    // Offering names are left out: every row of an offering would hold its name as a phrase.
    const [, , , task, provider, customer, , , label] = file.docs[id] as SearchDoc;
    const text = ` ${terms(`${task} ${label} ${provider} ${customer}`).join(' ')} `;
    const bonus = text.includes(` ${phrase}`) ? PHRASE_BONUS : 1;
    return { id, matched: result.matched[i] ?? 0, score: (result.scores[i] ?? 0) * bonus, order: i };
  });
  ranked.sort((a, b) => b.matched - a.matched || b.score - a.score || a.order - b.order);
  return ranked.map(({ id }) => id);
}

/** The cell with more matches; on a tie the filtered party's, else the one saying more. */
function snippetFromCustomer(provider: string, customer: string, marks: Marks, party: PartyFilter | undefined): boolean {
  if (!provider || !customer) return !provider;
  const difference = countHits(customer, marks) - countHits(provider, marks);
  if (difference !== 0) return difference > 0;
  if (party === 'customer' || party === 'provider') return party === 'customer';
  return customer.length > provider.length;
}

function toHit(file: Lookups & Pick<SearchIndexFile, 'docs'>, id: number, marks: Marks, party?: PartyFilter): Hit {
  const doc = file.docs[id] as SearchDoc;
  const [kind, offering, area, task, provider, customer, , , label] = doc;
  const fromCustomer = kind === 'r' && snippetFromCustomer(provider, customer, marks, party);
  return {
    id,
    kind: KINDS[kind],
    url: docUrl(file, doc),
    offeringId: file.offerings[offering]?.[0] ?? '',
    offeringName: file.offerings[offering]?.[1] ?? '',
    areaId: file.areas[area]?.[0] ?? '',
    areaTitle: file.areas[area]?.[1] ?? '',
    task: highlight(task, marks, Infinity),
    label: label ? highlight(label, marks, Infinity) : [],
    snippetFrom: kind === 'r' ? (fromCustomer ? 'customer' : 'provider') : 'intro',
    snippet: highlight(fromCustomer ? customer : provider, marks, 160),
  };
}

/** What to mark: index terms the query expanded to, and the query's own words as prefixes. */
export interface Marks {
  exact: Set<string>;
  prefixes: string[];
}

function matchTerms(matched: string[], own: string[]): Marks {
  return { exact: new Set([...matched, ...own]), prefixes: own.filter((word) => word.length >= 3) };
}

function isHit(word: string, marks: Marks): boolean {
  const normal = normalizeWord(word);
  return marks.exact.has(normal) || marks.prefixes.some((prefix) => normal.startsWith(prefix));
}

function countHits(text: string, marks: Marks): number {
  return (text.match(WORD) ?? []).filter((word) => isHit(word, marks)).length;
}

/**
 * Splits `text` into marked and unmarked runs. When longer than `maxLength`, keeps a window
 * around the first match, cut at word boundaries and marked with ellipses.
 */
export function highlight(text: string, marks: Marks, maxLength: number): Segment[] {
  const hits = [...text.matchAll(WORD)].filter((match) => isHit(match[0], marks));
  let start = 0;
  let end = text.length;
  if (text.length > maxLength) {
    const first = hits[0]?.index ?? 0;
    start = first > maxLength / 3 ? text.lastIndexOf(' ', first - maxLength / 3) + 1 : 0;
    end = start + maxLength >= text.length ? text.length : text.lastIndexOf(' ', start + maxLength);
    if (end <= start) end = Math.min(text.length, start + maxLength);
  }
  const segments: Segment[] = [];
  const push = (piece: string, mark: boolean): void => {
    if (!piece) return;
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += piece;
    else segments.push({ text: piece, mark });
  };
  if (start > 0) push('… ', false);
  let at = start;
  for (const hit of hits) {
    const from = hit.index ?? 0;
    const to = from + hit[0].length;
    if (from < start || to > end) continue;
    push(text.slice(at, from), false);
    push(text.slice(from, to), true);
    at = to;
  }
  push(text.slice(at, end), false);
  if (end < text.length) push(' …', false);
  return segments;
}
