/**
 * A small inverted index built for one job: answer a query over tens of thousands of rows
 * within one frame. Scores (BM25 per field, weighted) are computed at build time and stored
 * with each posting, so a query only adds numbers into a typed array and sorts the matches.
 * Shared by the build (Node) and the browser; no Node or DOM names.
 */
import { byCodeUnit } from '../shared/order.js';

/** Serialised form, stored in the index file. Postings are varint strings (see VarintText). */
export interface EngineData {
  docCount: number;
  /** Sorted vocabulary. */
  terms: string[];
  /** For each term: alternating delta-coded doc id and quantised score. */
  postings: string[];
}

export interface EngineResult {
  /** Matching doc ids, best first, at most `limit`. */
  ids: number[];
  /** For each of `ids`: how many query words it matched, and its score. */
  matched: number[];
  scores: number[];
  /** All matches that passed the filter. */
  total: number;
  /** Every index term the query expanded to (for highlighting). */
  terms: string[];
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
/** Character code to digit, for decoding without a lookup per character in a Map. */
const DIGIT = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
/** Digit to character code. */
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));
const SCALE = 8;
const K1 = 1.2;
const B = 0.75;
/** Sort keys hold 8 bits of matched words, 22 of score and 20 of doc id: 50 bits, exact in a double. */
const ID_SPACE = 2 ** 20;
const MAX_SCORE = 2 ** 22 - 1;
/** A query word expands to at most this many terms (itself and prefix completions). */
export const MAX_EXPANSIONS = 100;

/**
 * Docs' fields as word numbers, in one array: for each of `count` docs in id order, for each of
 * its fields, the field's length, then its words. One array, not one per field: a catalog has
 * a hundred thousand fields, and the last build's are taken as they were stored (offering-words.ts).
 */
export interface DocWords {
  count: number;
  data: Int32Array;
}

/** The fields of `docs` (each doc its fields, each field its word numbers) as DocWords. */
export function docWords(docs: readonly (readonly Int32Array[])[]): DocWords {
  let length = 0;
  for (const doc of docs) for (const field of doc) length += 1 + field.length;
  const data = new Int32Array(length);
  let at = 0;
  for (const doc of docs) {
    for (const field of doc) {
      data[at++] = field.length;
      data.set(field, at);
      at += field.length;
    }
  }
  return { count: docs.length, data };
}

/**
 * Builds the serialised index from each doc's fields (`boosts.length` a doc), already tokenised
 * and processed, as numbers of `words` (each word once). `boosts` weight the fields; `docBoost`
 * (optional) weights whole docs.
 */
export function buildEngineData(
  words: readonly string[],
  docs: DocWords,
  boosts: number[],
  docBoost?: (id: number) => number,
): EngineData {
  const { count: n, data } = docs;
  if (n > ID_SPACE) throw new Error(`search index holds at most ${ID_SPACE} records, got ${n}`);
  const fieldCount = boosts.length;
  // Indexed loops over `data`, not forEach and for…of: a build runs this once, mostly before V8
  // has optimised it, where plain loops cost less. Each pass walks the docs field by field.
  const sums = new Float64Array(fieldCount);
  for (let id = 0, at = 0; id < n; id++) {
    for (let f = 0; f < fieldCount; f++) {
      const length = data[at] as number;
      sums[f] = (sums[f] as number) + length;
      at += 1 + length;
    }
  }
  const avg = Array.from(sums, (sum) => stepped(sum / Math.max(1, n) || 1));
  // Per word: ascending doc ids and their weighted BM25 (without idf), in one flat array each,
  // sized by a first pass that counts the docs of every word: no array grows, so a catalog's
  // index is built without garbage several times its size. Docs come in id order, so a doc's
  // fields add up in its word's last slot.
  const lastDoc = new Int32Array(words.length).fill(-1);
  const start = new Int32Array(words.length + 1);
  for (let id = 0, at = 0; id < n; id++) {
    for (let f = 0; f < fieldCount; f++) {
      const end = at + 1 + (data[at] as number);
      for (let k = at + 1; k < end; k++) {
        const word = data[k] as number;
        if (lastDoc[word] === id) continue;
        lastDoc[word] = id;
        start[word + 1] = (start[word + 1] as number) + 1;
      }
      at = end;
    }
  }
  for (let w = 0; w < words.length; w++) start[w + 1] = (start[w + 1] as number) + (start[w] as number);
  const ids = new Int32Array(start[words.length] as number);
  const raw = new Float64Array(ids.length);
  const end = start.slice(0, words.length);
  lastDoc.fill(-1);
  const count = new Int32Array(words.length);
  const distinct = new Int32Array(words.length);
  for (let id = 0, at = 0; id < n; id++) {
    const weightOfDoc = docBoost ? docBoost(id) : 1;
    for (let f = 0; f < fieldCount; f++) {
      const length = data[at] as number;
      const from = at + 1;
      at = from + length;
      let kinds = 0;
      for (let k = from; k < at; k++) {
        const word = data[k] as number;
        const seen = count[word] as number;
        count[word] = seen + 1;
        if (seen === 0) distinct[kinds++] = word;
      }
      const norm = K1 * (1 - B + (B * length) / (avg[f] ?? 1));
      const weight = (boosts[f] ?? 1) * weightOfDoc;
      for (let k = 0; k < kinds; k++) {
        const word = distinct[k] as number;
        const tf = count[word] as number;
        count[word] = 0;
        const value = (weight * (tf * (K1 + 1))) / (tf + norm);
        if (lastDoc[word] === id) raw[(end[word] as number) - 1] = (raw[(end[word] as number) - 1] as number) + value;
        else {
          lastDoc[word] = id;
          const slot = end[word] as number;
          ids[slot] = id;
          raw[slot] = value;
          end[word] = slot + 1;
        }
      }
    }
  }
  const order = words.map((_, i) => i).filter((i) => (start[i + 1] as number) > (start[i] as number));
  order.sort((a, b) => byCodeUnit(words[a] as string, words[b] as string));
  // Each posting's characters are ASCII, written as bytes into one buffer and decoded once: no
  // array of numbers grows a character at a time.
  const bytes = new VarintText();
  const postings = order.map((t) => {
    const [from, to] = [start[t] as number, start[t + 1] as number];
    const df = to - from;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    bytes.reset();
    let last = 0;
    for (let i = from; i < to; i++) {
      const id = ids[i] as number;
      bytes.push(id - last);
      bytes.push(Math.max(1, Math.round((raw[i] as number) * idf * SCALE)));
      last = id;
    }
    return bytes.text();
  });
  return { docCount: n, terms: order.map((t) => words[t] as string), postings };
}

/**
 * Unsigned varints in a JSON-safe alphabet, 5 bits per character, high bit = more follows,
 * written as ASCII bytes into one buffer and decoded once: the one place their digits are made
 * (each posting, a facet's runs). decodeVarints reads them back.
 */
export class VarintText {
  #bytes = new Uint8Array(64);
  #length = 0;
  readonly #decoder = new TextDecoder();

  /** Start the next text. */
  reset(): void {
    this.#length = 0;
  }

  push(value: number): void {
    // A varint of a number below 2^53 has at most 11 characters.
    if (this.#length + 11 > this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    let v = value;
    while (v >= 32) {
      this.#bytes[this.#length++] = CODES[32 + (v & 31)] as number;
      v = Math.floor(v / 32);
    }
    this.#bytes[this.#length++] = CODES[v] as number;
  }

  text(): string {
    return this.#decoder.decode(this.#bytes.subarray(0, this.#length));
  }
}

/**
 * An average field length kept to five significant bits (steps of 1/32 to 1/16 of it): every
 * score depends on it, so an edit that nudged it would change every posting; on the grid, one
 * rarely does. Powers of two keep the arithmetic exact on every machine.
 */
function stepped(average: number): number {
  let unit = 1;
  while (unit * 2 <= average) unit *= 2;
  while (unit > average) unit /= 2;
  const step = unit / 16;
  return Math.round(average / step) * step;
}

/**
 * Where the engine reads terms and postings: the whole index, or the parts of a split index a
 * query has loaded (src/search/sharded.ts), which must hold every term the query can reach.
 */
export interface TermSource {
  /** Sorted terms. */
  readonly terms: readonly string[];
  /** The encoded posting of one of `terms`. */
  posting(term: string): string;
}

/** A term source over a whole serialised index. */
export function wholeIndex(data: EngineData): TermSource {
  return { terms: data.terms, posting: (term) => data.postings[lowerBound(data.terms, term)] ?? '' };
}

interface Posting {
  ids: Int32Array;
  scores: Float32Array;
}

export class Engine {
  private readonly source: TermSource;
  private readonly decoded = new Map<string, Posting>();
  /** Per doc: summed score, best score for the current word, matched word count, marks. */
  private readonly total: Float64Array;
  private readonly best: Float32Array;
  private readonly matched: Uint8Array;
  private readonly runMark: Uint32Array;
  private readonly wordMark: Uint32Array;
  /** Docs the current word and the current query reached, in the order reached. */
  private readonly seen: Int32Array;
  private readonly touched: Int32Array;
  private counter = 0;

  constructor(docCount: number, source: TermSource) {
    this.source = source;
    this.total = new Float64Array(docCount);
    this.best = new Float32Array(docCount);
    this.matched = new Uint8Array(docCount);
    this.runMark = new Uint32Array(docCount);
    this.wordMark = new Uint32Array(docCount);
    this.seen = new Int32Array(docCount);
    this.touched = new Int32Array(docCount);
  }

  /** Expands one processed query word: exact, then prefix completions, then typo matches. */
  expand(word: string, fuzzy: number): [string, number][] {
    const { terms } = this.source;
    const out: [string, number][] = [];
    const at = lowerBound(terms, word);
    if (terms[at] === word) out.push([word, 1]);
    if (word.length >= 2) {
      for (let i = terms[at] === word ? at + 1 : at; i < terms.length && out.length < MAX_EXPANSIONS; i++) {
        const term = terms[i] as string;
        if (!term.startsWith(word)) break;
        out.push([term, 0.5 + (0.4 * word.length) / term.length]);
      }
    }
    // Typo tolerance only when the word is unknown, so real words keep precise results.
    if (out.length === 0 && fuzzy > 0) {
      for (const term of terms) {
        if (Math.abs(term.length - word.length) > fuzzy) continue;
        const distance = boundedDistance(word, term, fuzzy);
        if (distance <= fuzzy) out.push([term, 0.45 - 0.1 * distance]);
      }
    }
    return out;
  }

  /**
   * Ranks docs by the number of query words they match, then by summed score (each word
   * counts with its best expansion). `keep` filters doc ids before ranking.
   */
  search(words: { word: string; fuzzy: number }[], keep: ((id: number) => boolean) | undefined, limit: number): EngineResult {
    const run = ++this.counter;
    // Locals, not fields, in the loops below: the first query runs before the code is optimised.
    const { touched, seen, wordMark, runMark, best, matched: matchedWords, total } = this;
    let touchedCount = 0;
    const allTerms = new Set<string>();
    for (const { word, fuzzy } of words) {
      const mark = ++this.counter;
      let seenCount = 0;
      for (const [term, weight] of this.expand(word, fuzzy)) {
        allTerms.add(term);
        const { ids, scores } = this.posting(term);
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i] as number;
          const score = (scores[i] as number) * weight;
          if (wordMark[id] !== mark) {
            wordMark[id] = mark;
            best[id] = score;
            seen[seenCount++] = id;
          } else if (score > (best[id] as number)) best[id] = score;
        }
      }
      for (let i = 0; i < seenCount; i++) {
        const id = seen[i] as number;
        if (runMark[id] !== run) {
          runMark[id] = run;
          matchedWords[id] = 0;
          total[id] = 0;
          touched[touchedCount++] = id;
        }
        matchedWords[id] = (matchedWords[id] as number) + 1;
        total[id] = (total[id] as number) + (best[id] as number);
      }
    }
    // Keys pack (matched words, score, id) into one float, so comparing numbers ranks records.
    const keys = new Float64Array(touchedCount);
    let count = 0;
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i] as number;
      if (keep && !keep(id)) continue;
      const score = Math.min(Math.round((total[id] as number) * 100), MAX_SCORE);
      keys[count++] = ((matchedWords[id] as number) * (MAX_SCORE + 1) + score) * ID_SPACE + (ID_SPACE - 1 - id);
    }
    const ids: number[] = [];
    const matched: number[] = [];
    const scores: number[] = [];
    for (const key of largest(keys.subarray(0, count), limit)) {
      const id = ID_SPACE - 1 - (key % ID_SPACE);
      ids.push(id);
      matched.push(matchedWords[id] as number);
      scores.push(total[id] as number);
    }
    return { ids, matched, scores, total: count, terms: [...allTerms] };
  }

  private posting(term: string): Posting {
    const cached = this.decoded.get(term);
    if (cached) return cached;
    const text = this.source.posting(term);
    // Straight into typed arrays: a common word has tens of thousands of postings.
    const ids = new Int32Array(text.length >> 1);
    const scores = new Float32Array(text.length >> 1);
    let n = 0;
    let value = 0;
    let shift = 1;
    let last = 0;
    let isId = true;
    for (let i = 0; i < text.length; i++) {
      const digit = DIGIT[text.charCodeAt(i) & 127] as number;
      value += (digit & 31) * shift;
      if (digit >= 32) {
        shift *= 32;
        continue;
      }
      if (isId) ids[n] = last += value;
      else scores[n++] = value / SCALE;
      isId = !isId;
      value = 0;
      shift = 1;
    }
    const posting = { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
    this.decoded.set(term, posting);
    return posting;
  }
}

/** The numbers of a string of varints (see VarintText). */
export function decodeVarints(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 1;
  for (let i = 0; i < text.length; i++) {
    const digit = DIGIT[text.charCodeAt(i) & 127] as number;
    value += (digit & 31) * shift;
    if (digit >= 32) {
      shift *= 32;
      continue;
    }
    out.push(value);
    value = 0;
    shift = 1;
  }
  return out;
}

/**
 * The `limit` largest keys, largest first: what sorting them all gives, through a min-heap of
 * `limit` keys, since a common word matches tens of thousands of records and a page shows 50.
 */
export function largest(keys: Float64Array, limit: number): number[] {
  const size = Math.min(limit, keys.length);
  const heap = new Float64Array(size);
  const sink = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < size && (heap[left] as number) < (heap[least] as number)) least = left;
      if (right < size && (heap[right] as number) < (heap[least] as number)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least] as number, heap[i] as number];
      i = least;
    }
  };
  heap.set(keys.subarray(0, size));
  for (let i = (size >> 1) - 1; i >= 0; i--) sink(i);
  for (let k = size; k < keys.length; k++) {
    const key = keys[k] as number;
    if (size > 0 && key > (heap[0] as number)) {
      heap[0] = key;
      sink(0);
    }
  }
  return [...heap.sort()].reverse();
}

export function lowerBound(terms: readonly string[], word: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] as string) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}
