/**
 * Build side of search: the index terms of each text as numbers of one growing word list,
 * exactly `terms(text)` with each word numbered in order of first appearance. A catalog has
 * tens of thousands of records and each of their texts is split into words: ASCII text (most
 * of it) is read character by character through a tree of the words seen so far, so a known
 * word costs neither a substring nor a hash lookup. Other text goes through `terms`.
 */
import { STOP_WORDS, terms } from './query.js';

/** Letters and digits of ASCII text, lower-cased, as 0–35; -1 for every other character. */
const SYMBOL = new Int8Array(128).fill(-1);
for (let c = 0; c < 26; c++) SYMBOL[97 + c] = SYMBOL[65 + c] = c;
for (let d = 0; d < 10; d++) SYMBOL[48 + d] = 26 + d;
const SYMBOLS = 36;

/** wordAt value of a tree node that ends no word yet, and of one that ends a stop word. */
const UNSEEN = -1;
const STOP = -2;

export class WordNumbers {
  /** Every word numbered so far, by number. */
  readonly words: string[] = [];
  readonly #numbers = new Map<string, number>();
  /** The tree: node n's child for symbol s is children[n * SYMBOLS + s] (0: none; node 0 is the root). */
  #children = new Int32Array(SYMBOLS * 1024);
  /** Per node: the number of the word it ends, UNSEEN or STOP. */
  #wordAt = new Int32Array(1024).fill(UNSEEN);
  #nodes = 1;
  #scratch = new Int32Array(256);
  /** Texts already numbered (names, titles and many cells repeat). */
  readonly #known = new Map<string, Int32Array>();

  /** Numbers `words` (distinct terms) 0, 1, 2... in their order, as a build that met them first would. */
  static seeded(words: readonly string[]): WordNumbers {
    const numbers = new WordNumbers();
    for (const word of words) numbers.#number(word);
    return numbers;
  }

  /** `terms(text)` as word numbers. The array is shared by equal texts: read it, do not change it. */
  of(text: string): Int32Array {
    let out = this.#known.get(text);
    if (!out) {
      out = this.#ascii(text) ?? Int32Array.from(terms(text), (word) => this.#number(word));
      this.#known.set(text, out);
    }
    return out;
  }

  #number(word: string): number {
    let number = this.#numbers.get(word);
    if (number === undefined) {
      number = this.words.length;
      this.#numbers.set(word, number);
      this.words.push(word);
    }
    return number;
  }

  /** The numbers of an ASCII text's words; undefined when the text is not ASCII. */
  #ascii(text: string): Int32Array | undefined {
    let count = 0;
    let node = 0;
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if (code > 0x7f) return undefined;
      const symbol = SYMBOL[code] as number;
      if (symbol >= 0) {
        if (start < 0) [start, node] = [i, 0];
        node = this.#child(node, symbol);
        continue;
      }
      if (start < 0) continue;
      let word = this.#wordAt[node] as number;
      if (word === UNSEEN) {
        const found = text.slice(start, i).toLowerCase();
        word = STOP_WORDS.has(found) ? STOP : this.#number(found);
        this.#wordAt[node] = word;
      }
      if (word !== STOP) {
        if (count === this.#scratch.length) this.#scratch = grown(this.#scratch, count * 2);
        this.#scratch[count++] = word;
      }
      start = -1;
    }
    return this.#scratch.slice(0, count);
  }

  #child(node: number, symbol: number): number {
    const at = node * SYMBOLS + symbol;
    let child = this.#children[at] as number;
    if (child === 0) {
      child = this.#nodes++;
      if (child === this.#wordAt.length) {
        this.#wordAt = grown(this.#wordAt, child * 2, UNSEEN);
        this.#children = grown(this.#children, child * 2 * SYMBOLS);
      }
      this.#children[at] = child;
    }
    return child;
  }
}

function grown(array: Int32Array, length: number, fill = 0): Int32Array<ArrayBuffer> {
  const out = new Int32Array(length);
  out.set(array);
  if (fill !== 0) out.fill(fill, array.length);
  return out;
}
