/**
 * One pass over a rendered page for the link check: the ids it carries and the links it makes,
 * in document order. Our HTML is generated with double-quoted attributes, so a flat scan is
 * enough (and fast). Text never holds a raw `<`, so an attribute counts only inside a tag:
 * escaped HTML shown as text (`&lt;img src="..."&gt;`) is not a link. A tag runs from `<` and a
 * letter to the next `>`.
 */

export interface ScannedAttribute {
  /** 'id' or the link attribute (href, src, action). */
  name: string;
  /** The attribute value, entities decoded, copied out of the page (it does not pin the HTML). */
  value: string;
  /** Offset of the match: the whitespace before the name (ids) or the value's first character (links). */
  offset: number;
}

const ATTRIBUTE = /\s(href|src|action|id)="([^"]*)"/g;
const TAG = /<[a-zA-Z][^>]*>/g;

/** The entities and references our escaping writes (render/escape.ts), decoded. */
export function decode(value: string): string {
  if (!value.includes('&')) return value;
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#(\d{1,7});/g, (reference, digits: string) => (Number(digits) <= 0x10ffff ? String.fromCodePoint(Number(digits)) : reference))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A substring of a big page is a slice that keeps the whole page alive; values are kept long
 * after the page is written, so they are copied (concatenation then slice flattens the copy).
 */
function own(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The start of the tag that holds `index`, or -1 when `index` is in text. */
function tagStart(html: string, index: number): number {
  const previousEnd = html.lastIndexOf('>', index);
  let open = html.indexOf('<', previousEnd + 1);
  while (open !== -1 && open < index) {
    if (isLetter(html.charCodeAt(open + 1))) return open;
    open = html.indexOf('<', open + 1);
  }
  return -1;
}

function attribute(name: string, raw: string, matchIndex: number, matchLength: number): ScannedAttribute {
  const value = own(decode(raw));
  return name === 'id' ? { name, value, offset: matchIndex } : { name, value, offset: matchIndex + matchLength - raw.length - 1 };
}

/**
 * Every id and link attribute inside the tags of `html`, in order. Equivalent to matching the
 * attribute pattern inside each tag separately, without visiting the (many) plain tags.
 */
export function scanAttributes(html: string): ScannedAttribute[] {
  const out: ScannedAttribute[] = [];
  const pattern = new RegExp(ATTRIBUTE.source, 'g');
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(html)) !== null) {
    const index = match.index;
    const start = tagStart(html, index);
    if (start === -1) {
      // In text: look again from the next character (a real attribute may start inside this match).
      pattern.lastIndex = index + 1;
      continue;
    }
    const end = html.indexOf('>', index);
    if (end === -1) break; // an unclosed `<` is not a tag
    const matchEnd = index + match[0].length;
    if (matchEnd <= end) {
      out.push(attribute(match[1]!, match[2]!, index, match[0].length));
      continue;
    }
    // The match runs past the end of its tag (a `>` inside a value): scan the rest of that tag alone.
    const tagEnd = end + 1;
    const tag = html.slice(start, tagEnd);
    const inner = new RegExp(ATTRIBUTE.source, 'g');
    inner.lastIndex = index - start + 1;
    let m: RegExpExecArray | null;
    while ((m = inner.exec(tag)) !== null) out.push(attribute(m[1]!, m[2]!, start + m.index, m[0].length));
    pattern.lastIndex = tagEnd;
  }
  return out;
}

/** The reference scan (one tag at a time), kept for tests of the fast one. */
export function scanAttributesByTag(html: string): ScannedAttribute[] {
  const out: ScannedAttribute[] = [];
  for (const tag of html.matchAll(TAG)) {
    for (const m of tag[0].matchAll(ATTRIBUTE)) out.push(attribute(m[1]!, m[2]!, (tag.index ?? 0) + (m.index ?? 0), m[0].length));
  }
  return out;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || (code < 128 ? code === 9 || code === 13 || code === 12 || code === 11 : /\s/.test(String.fromCharCode(code)));
}

/**
 * The ids `scanAttributes` finds in `html`, in order, looking only at the tags that hold an
 * `id="`. A tag whose first attribute value is its only id is read directly; any other is
 * scanned alone, which gives what the whole scan gives for it (a scan starts afresh at every
 * tag, since nothing it takes runs past a tag's end).
 */
export function scanIds(html: string): string[] {
  const out: string[] = [];
  let at = html.indexOf('id="');
  while (at !== -1) {
    if (at === 0 || !isSpace(html.charCodeAt(at - 1))) {
      at = html.indexOf('id="', at + 1);
      continue;
    }
    const start = tagStart(html, at - 1);
    if (start === -1) {
      at = html.indexOf('id="', at + 1);
      continue;
    }
    const end = html.indexOf('>', at);
    if (end === -1) break;
    const close = html.indexOf('"', at + 4);
    const next = html.indexOf('id="', at + 1);
    if (close !== -1 && close < end && html.indexOf('="', start) === at + 2 && (next === -1 || next > end)) {
      // Nothing before the id can take it, and nothing after it in the tag is an id.
      out.push(own(decode(html.slice(at + 4, close))));
      at = next;
      continue;
    }
    for (const a of scanAttributes(html.slice(start, end + 1))) if (a.name === 'id') out.push(a.value);
    at = next === -1 || next > end ? next : html.indexOf('id="', end + 1);
  }
  return out;
}
