/**
 * Tokenizer for kramdown attribute lists: `{: #id .class key="value" ref}` (IAL) and
 * attribute definitions `{:name: value}` (ADL). Quote-aware, so values may hold braces
 * and keyrefs; a missing closing quote or brace is recovered and reported as a problem.
 */

export interface AttributeList {
  /** Index just after the closing brace (or the end of the line when it is missing). */
  end: number;
  /** An attribute definition (`{:name: ...}`, also the malformed `{:note .note}`): renders nothing. */
  definition: boolean;
  ids: string[];
  classes: string[];
  pairs: Map<string, string>;
  /** Bare words: references to definitions (`shortdesc`, `external`, `row-headers`). */
  refs: string[];
  problems: { offset: number; message: string }[];
}

/** Bare words that are references, never the tail of an id written with a space. */
const KNOWN_REFS = new Set([
  'shortdesc', 'note', 'important', 'tip', 'deprecated', 'help', 'support', 'external', 'term',
  'row-headers', 'codeblock', 'screen', 'pre', 'preview', 'download', 'beta', 'faq', 'video',
  'table', 'caption-side', 'new_window', 'generic', 'ui', 'cli', 'api',
]);

const NAME = /[A-Za-z0-9_#-]/;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Parse the attribute list starting at `start` (where `{:` is). Never throws. */
export function parseAttributeList(text: string, start: number): AttributeList {
  const result: AttributeList = {
    end: start, definition: false, ids: [], classes: [], pairs: new Map(), refs: [], problems: [],
  };
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  let i = start + 2;
  // `{:name: value}` or `{:name .x}`: a definition, whatever its body.
  if (NAME.test(text[i] ?? '')) {
    let j = i;
    while (j < lineEnd && NAME.test(text[j] ?? '')) j++;
    if (text[j] === ':' || isSpace(text[j])) {
      result.definition = true;
      result.end = skipToClose(text, j, lineEnd, result);
      return result;
    }
  }
  let lastWasId = false;
  while (i < lineEnd) {
    const c = text[i];
    if (isSpace(c)) { i++; continue; }
    if (c === '}') { result.end = i + 1; return result; }
    const tokenStart = i;
    while (i < lineEnd && !isSpace(text[i]) && text[i] !== '}' && text[i] !== '=') i++;
    const word = text.slice(tokenStart, i);
    if (text[i] === '=') {
      i++;
      const q = text[i];
      let value: string;
      if (q === '"' || q === "'") {
        const close = text.indexOf(q, i + 1);
        if (close < 0 || close > lineEnd) {
          // Recover: the value runs to the last brace of the line.
          const brace = text.lastIndexOf('}', lineEnd);
          const stop = brace > i ? brace : lineEnd;
          value = text.slice(i + 1, stop);
          result.problems.push({ offset: i, message: `Attribute "${word}" lacks its closing quote` });
          result.pairs.set(word, value);
          result.end = brace > i ? brace + 1 : lineEnd;
          return result;
        }
        value = text.slice(i + 1, close);
        i = close + 1;
      } else {
        const vs = i;
        while (i < lineEnd && !isSpace(text[i]) && text[i] !== '}') i++;
        value = text.slice(vs, i);
      }
      result.pairs.set(word, value);
      lastWasId = false;
    } else if (word.startsWith('#')) {
      result.ids.push(word.slice(1));
      lastWasId = true;
    } else if (word.startsWith('.')) {
      result.classes.push(word.slice(1));
      lastWasId = false;
    } else if (word) {
      if (lastWasId && !KNOWN_REFS.has(word) && result.ids.length > 0) {
        const last = result.ids.length - 1;
        result.ids[last] = `${result.ids[last]}-${word}`;
        result.problems.push({ offset: tokenStart, message: `Anchor id contains a space; using "${result.ids[last]}"` });
      } else {
        result.refs.push(word);
        lastWasId = false;
      }
    } else {
      i++; // a stray `=` or similar: skip it
    }
  }
  result.problems.push({ offset: start, message: 'Attribute list lacks its closing "}"' });
  result.end = lineEnd;
  return result;
}

function skipToClose(text: string, from: number, lineEnd: number, result: AttributeList): number {
  let quote: string | undefined;
  for (let i = from; i < lineEnd; i++) {
    const c = text[i];
    if (quote) { if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i + 1;
  }
  // Definitions with an unbalanced quote still end at the line's last brace.
  const brace = text.lastIndexOf('}', lineEnd - 1);
  if (brace >= from) return brace + 1;
  result.problems.push({ offset: from, message: 'Attribute definition lacks its closing "}"' });
  return lineEnd;
}

/** True when `line` (trimmed) consists only of attribute lists and/or the ADL keyref. */
export function isAttributeLine(line: string): boolean {
  let i = 0;
  const t = line.trim();
  if (!t.startsWith('{:') && !t.startsWith('{{')) return false;
  while (i < t.length) {
    while (isSpace(t[i])) i++;
    if (i >= t.length) break;
    if (t.startsWith(ADL_KEYREF, i)) { i += ADL_KEYREF.length; continue; }
    if (!t.startsWith('{:', i)) return false;
    i = parseAttributeList(t, i).end;
  }
  return true;
}

export const ADL_KEYREF = '{{site.data.keyword.attribute-definition-list}}';
