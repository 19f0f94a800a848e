/**
 * A string cut from a two-byte string stays two-byte in V8, whatever its characters. A source
 * holding one character past U+00FF (a ’ in one cell) is read as a two-byte string, and so each
 * of its cells, names and anchors would be, and every page showing one of them would be held at
 * two bytes a character (render/escape.ts says what that costs). Copied through Latin-1, the
 * strings made of Latin-1 characters are one byte a character again; the others are written as
 * character references when a page prints them.
 */
const WIDE = /[\u0100-\uffff]/;

/** Whether `text` holds a character past U+00FF: its pieces are then two-byte strings. */
export function hasWideCharacters(text: string): boolean {
  return WIDE.test(text);
}

const wideKeywords = new WeakMap<ReadonlyMap<string, string>, boolean>();

/** Whether a keyref's text holds a character past U+00FF: a source that uses it is parsed as a two-byte text. */
export function hasWideKeywords(keywords: ReadonlyMap<string, string>): boolean {
  let wide = wideKeywords.get(keywords);
  if (wide === undefined) {
    wide = [...keywords.values()].some(hasWideCharacters);
    wideKeywords.set(keywords, wide);
  }
  return wide;
}

/**
 * `value` (plain objects, arrays, strings and other primitives) with each string that holds no
 * character past U+00FF copied as a one-byte string; objects and arrays are changed in place.
 */
export function oneByteStrings<T>(value: T): T {
  if (typeof value === 'string') return (WIDE.test(value) ? value : Buffer.from(value, 'latin1').toString('latin1')) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = oneByteStrings(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = oneByteStrings(record[key]);
  }
  return value;
}
