/**
 * Headings and paragraphs read by lines, like pipe tables (table-scan.ts), so the page parse
 * leaves micromark only what is not plain. Outside its tables, a responsibility page is mostly
 * `## Heading`, `{: #attribute}` lines and paragraphs of prose, and micromark spends tens of
 * microseconds on each of them. Runs of such blocks, with the blank lines and scanned tables
 * between them, become one placeholder each in the text micromark reads (see page-parse.ts).
 *
 * Only what cannot be anything else is taken, whatever comes before or after it:
 * - an ATX heading at the start of a line, `#`s then spaces then text that does not end in a
 *   space or `#` (a heading line always starts a top-level block, unless a fence or an HTML
 *   block holds it, which the parse shows);
 * - a paragraph whose lines all start with a letter, a digit that does not open a list, or `{`,
 *   without tabs, backslashes or trailing spaces (its text is then exactly its lines), after a
 *   blank line, a heading or the start of the page, and before a blank line, a heading, a
 *   scanned table or the end (so no line outside it could continue it or underline it).
 * Front matter between two plain `---` lines is read too: it is remark-frontmatter's yaml node.
 */
import type { Heading, Paragraph, RootContent, Yaml } from 'mdast';
import { hashes, headingLine, isBlank, lineEnds, point, type ScannedTable } from './table-scan.js';

/** Lines [first, last] (0-based) that micromark need not read, and their nodes. */
export interface LineBlocks {
  first: number;
  last: number;
  /** Whether the first block is a table right after a line of text (the parse must show it ended a block). */
  afterText: boolean;
  nodes: RootContent[];
}

const HASH = 35;
const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;
const BRACE = 123;

/** `#`s, spaces, then text ending in neither a space nor `#`: the heading, else undefined. */
function heading(text: string, starts: number[], line: number, start: number, end: number): Heading | undefined {
  const depth = hashes(text, start, end);
  let i = start + depth;
  if (depth < 1 || depth > 6 || text.charCodeAt(i) !== SPACE) return undefined;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  const last = text.charCodeAt(end - 1);
  if (i >= end || last === SPACE || last === HASH || !plain(text, i, end)) return undefined;
  const content = { start: point(starts, line, i), end: point(starts, line, end) };
  return {
    type: 'heading',
    depth: depth as Heading['depth'],
    children: [{ type: 'text', value: text.slice(i, end), position: content }],
    position: { start: point(starts, line, start), end: point(starts, line, end) },
  };
}

/** No tab (columns), backslash (escapes) or carriage return anywhere in [start, end). */
function plain(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === TAB || c === BACKSLASH || c === 13) return false;
  }
  return true;
}

const DIGIT_LIST = /^\d{1,9}[.)](?:[ \t]|$)/;

/** A line a paragraph can hold as written, and that nothing but a paragraph could start with. */
function paragraphLine(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  const c = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  if (last === SPACE || !plain(text, start, end)) return false;
  if (c === BRACE || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c >= 48 && c <= 57) return !DIGIT_LIST.test(text.slice(start, Math.min(end, start + 12)));
  // Letters beyond ASCII; everything else (punctuation, spaces) might open another block.
  return c > 127 && /^\p{L}/u.test(text.slice(start, start + 2));
}

const FENCE = /^---[ \t]*$/;

/**
 * Front matter: `---` on the first line up to the next line that closes it. Its node when both
 * fences are exactly `---` (remark-frontmatter's yaml node); `next` is the line after it, 0 when
 * there is none.
 */
function frontMatter(text: string, starts: number[], lineEnd: (n: number) => number): { next: number; node?: Yaml } {
  if (!FENCE.test(text.slice(0, lineEnd(0)))) return { next: 0 };
  let close = 1;
  while (close < starts.length && !FENCE.test(text.slice(starts[close], lineEnd(close)))) close++;
  if (close >= starts.length) return { next: 0 };
  const end = lineEnd(close);
  if (lineEnd(0) !== 3 || end - (starts[close] as number) !== 3) return { next: close + 1 };
  const value = close > 1 ? text.slice(starts[1], (starts[close] as number) - 1) : '';
  return { next: close + 1, node: { type: 'yaml', value, position: { start: point(starts, 0, 0), end: point(starts, close, end) } } };
}

/** The runs of plain blocks of `text`, with its scanned `tables` among them, in order. */
export function scanLineBlocks(text: string, starts: number[], tables: readonly ScannedTable[]): LineBlocks[] {
  const count = starts.length;
  const lineEnd = lineEnds(text, starts);
  const tableAt = new Map(tables.map((t) => [t.first, t]));
  const runs: LineBlocks[] = [];
  let run: LineBlocks | undefined;
  // The last line of the run's last block when that block is a heading or a paragraph, else -1.
  let lastText = -1;
  const close = (): void => {
    if (run) runs.push(run);
    run = undefined;
  };
  const add = (first: number, last: number, node: RootContent, afterText = false): void => {
    run ??= { first, last, afterText, nodes: [] };
    run.last = last;
    run.nodes.push(node);
  };
  const front = frontMatter(text, starts, lineEnd);
  let begin = front.next;
  if (front.node) run = { first: 0, last: begin - 1, afterText: false, nodes: [front.node] };
  // Pipe lines inside front matter are YAML; where its fences are not plain, a table found
  // there stays a placeholder of its own (the parse shows whether it was one).
  for (const t of tables) {
    if (t.first >= begin) break;
    if (front.node) continue;
    runs.push({ first: t.first, last: t.last, afterText: t.afterText, nodes: [t.node] });
    begin = Math.max(begin, t.last + 1);
  }
  let previousBlank = begin === 0;
  for (let n = begin; n < count; n++) {
    const s = starts[n] as number;
    const e = lineEnd(n);
    const table = tableAt.get(n);
    if (table) {
      // After a line of text, the table joins a run only when that line is the run's heading or paragraph.
      if (table.afterText && !(run && lastText === n - 1)) close();
      add(n, table.last, table.node, table.afterText);
      n = table.last;
      previousBlank = false;
      lastText = -1;
      continue;
    }
    if (isBlank(text, s, e)) {
      previousBlank = true;
      continue;
    }
    const head = text.charCodeAt(s) === HASH ? heading(text, starts, n, s, e) : undefined;
    if (head) {
      add(n, n, head);
      lastText = n;
      previousBlank = false;
      continue;
    }
    let m = n;
    if (paragraphLine(text, s, e)) {
      while (m + 1 < count && paragraphLine(text, starts[m + 1] as number, lineEnd(m + 1))) m++;
      const opensAfter = previousBlank || (run !== undefined && lastText === n - 1 && run.nodes.at(-1)?.type === 'heading');
      const next = m + 1;
      const endsBefore = next >= count || isBlank(text, starts[next] as number, lineEnd(next)) || headingLine(text, starts[next] as number, lineEnd(next)) || tableAt.get(next)?.afterText === true;
      if (opensAfter && endsBefore) {
        add(n, m, paragraph(text, starts, n, m, lineEnd(m)));
        lastText = m;
        previousBlank = false;
        n = m;
        continue;
      }
    }
    // Anything else is micromark's: the run ends before it.
    close();
    lastText = -1;
    previousBlank = false;
    n = m;
  }
  close();
  return runs;
}

function paragraph(text: string, starts: number[], first: number, last: number, end: number): Paragraph {
  // Each node its own position objects, as micromark gives them (a plugin may move one).
  const position = () => ({ start: point(starts, first, starts[first] as number), end: point(starts, last, end) });
  return { type: 'paragraph', children: [{ type: 'text', value: text.slice(starts[first], end), position: position() }], position: position() };
}
