/**
 * Pipe tables found line by line, the way micromark's GFM table construct reads them, so the
 * page parse can skip them (see page-parse.ts): tables are most of a responsibility page, and
 * tokenizing every cell character in the page parse cost more than everything else together.
 * Only the plain case is taken: a header starting with `|` at the start of a line after a blank
 * line (or a paragraph or heading line, checked after the parse), a delimiter row without
 * indent, and rows starting with `|`, `{` or a letter up to a blank line, a heading or the end.
 * Anything else (indented rows, a row that could open a list, quote, code or HTML block) is
 * left in the text, where remark-gfm reads it as before.
 */
import type { AlignType, Table, TableCell, TableRow } from 'mdast';

/** Offset of the start of each line: line n (1-based) starts at `starts[n - 1]`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The end offset of line `n` (0-based) of `text`, before its newline. */
export function lineEnds(text: string, starts: number[]): (n: number) => number {
  return (n) => (n + 1 < starts.length ? (starts[n + 1] as number) - 1 : text.length);
}

export interface ScannedTable {
  /** First and last line of the table, 0-based indexes into the line starts. */
  first: number;
  last: number;
  /** Whether the line before the table holds text (the parse must show it ended a block). */
  afterText: boolean;
  node: Table;
}

const PIPE = 124;
const BACKSLASH = 92;

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** Whether [start, end) of `text` holds only spaces and tabs. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Cell boundaries of one row in [start, end): every unescaped pipe starts a cell, except a pipe
 * before any content at the row start; a last cell with no content (the closing pipe and
 * trailing spaces) belongs to the cell before it. Returns the start offsets of the cells.
 */
function cellStarts(text: string, start: number, end: number): number[] {
  const starts = [start];
  let content = false; // content seen since the last boundary
  let leading = true; // no content and no divider seen yet in this row
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === PIPE) {
      if (leading) leading = false;
      else {
        starts.push(i);
        content = false;
      }
    } else if (!isSpace(c)) {
      leading = false;
      content = true;
      if (c === BACKSLASH && i + 1 < end) {
        const n = text.charCodeAt(i + 1);
        if (n === BACKSLASH || n === PIPE) i++;
      }
    }
  }
  if (!content && starts.length > 1) starts.pop();
  return starts;
}

/** Alignments of a delimiter row for `width` header cells, or undefined when it is not one. */
function delimiterRow(text: string, start: number, end: number, width: number): AlignType[] | undefined {
  const first = text.charCodeAt(start);
  const second = start + 1 < end ? text.charCodeAt(start + 1) : -1;
  // `- ` would open a list item before the table could see the line.
  if (first === 45 && (second === -1 || isSpace(second))) return undefined;
  if (first !== PIPE && first !== 45 && first !== 58) return undefined;
  const align: AlignType[] = [];
  let seen = false;
  let i = start;
  const skipSpace = (): void => {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
  };
  if (text.charCodeAt(i) === PIPE) {
    seen = true;
    i++;
    skipSpace();
  }
  while (i < end) {
    let left = false;
    let right = false;
    if (text.charCodeAt(i) === 58) {
      left = true;
      seen = true;
      i++;
    }
    if (text.charCodeAt(i) !== 45) return undefined;
    while (i < end && text.charCodeAt(i) === 45) i++;
    if (i < end && text.charCodeAt(i) === 58) {
      right = true;
      seen = true;
      i++;
    }
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
    skipSpace();
    if (i >= end) break;
    if (text.charCodeAt(i) !== PIPE) return undefined;
    seen = true;
    i++;
    skipSpace();
  }
  return seen && align.length === width ? align : undefined;
}

function delimiterShaped(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== PIPE && c !== 45 && c !== 58 && !isSpace(c)) return false;
  }
  return true;
}

/** A body line the table takes as a row for sure: nothing else could start with it. */
function rowStart(code: number): boolean {
  return code === PIPE || code === 123 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** How many `#` open [start, end), counting up to 7 (one more than a heading may have). */
export function hashes(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && i - start < 7 && text.charCodeAt(i) === 35) i++;
  return i - start;
}

/** An ATX heading line (`#` to `######` then a space, a tab or the end): it ends a table or a paragraph. */
export function headingLine(text: string, start: number, end: number): boolean {
  const n = hashes(text, start, end);
  return n >= 1 && n <= 6 && (start + n === end || isSpace(text.charCodeAt(start + n)));
}

/** The position of `offset`, which is on line `line` (0-based), as micromark gives it. */
export function point(starts: number[], line: number, offset: number): { line: number; column: number; offset: number } {
  return { line: line + 1, column: offset - (starts[line] as number) + 1, offset };
}

function row(text: string, starts: number[], line: number, start: number, end: number, cells: number[]): TableRow {
  const children: TableCell[] = cells.map((s, k) => ({
    type: 'tableCell',
    children: [],
    position: { start: point(starts, line, s), end: point(starts, line, cells[k + 1] ?? end) },
  }));
  return { type: 'tableRow', children, position: { start: point(starts, line, start), end: point(starts, line, end) } };
}

/** Line `n` (0-based) of `text` read as one table row, as a body row of a scanned table is. */
export function rowAt(text: string, starts: number[], n: number): TableRow {
  const s = starts[n] as number;
  const e = n + 1 < starts.length ? (starts[n + 1] as number) - 1 : text.length;
  return row(text, starts, n, s, e, cellStarts(text, s, e));
}

/** Every plain pipe table of `text`, in order. */
export function scanTables(text: string, starts: number[]): ScannedTable[] {
  const tables: ScannedTable[] = [];
  const count = starts.length;
  const lineEnd = lineEnds(text, starts);
  let previousBlank = true;
  for (let n = 0; n < count; n++) {
    const s = starts[n] as number;
    const e = lineEnd(n);
    if (text.charCodeAt(s) !== PIPE || n + 1 >= count) {
      previousBlank = isBlank(text, s, e);
      continue;
    }
    const afterText = !previousBlank;
    previousBlank = false;
    // A header of one pipe and nothing else is no table. After a line of text, a header that
    // could be a delimiter row may belong to a table whose header is that text line.
    if (isBlank(text, s + 1, e) || (afterText && delimiterShaped(text, s, e))) continue;
    const header = cellStarts(text, s, e);
    const align = delimiterRow(text, starts[n + 1] as number, lineEnd(n + 1), header.length);
    if (!align) continue;
    const rows: TableRow[] = [row(text, starts, n, s, e, header)];
    let last = n + 1;
    let taken = true;
    for (let m = n + 2; m < count; m++) {
      const rs = starts[m] as number;
      const re = lineEnd(m);
      if (isBlank(text, rs, re) || headingLine(text, rs, re)) break;
      if (!rowStart(text.charCodeAt(rs))) {
        taken = false;
        break;
      }
      rows.push(row(text, starts, m, rs, re, cellStarts(text, rs, re)));
      last = m;
    }
    if (!taken) {
      // Leave this table to the page parse; go on after it.
      while (n + 1 < count && !isBlank(text, starts[n + 1] as number, lineEnd(n + 1))) n++;
      previousBlank = false;
      continue;
    }
    const end = lineEnd(last);
    tables.push({
      first: n,
      last,
      afterText,
      node: { type: 'table', align, children: rows, position: { start: point(starts, n, s), end: point(starts, last, end) } },
    });
    n = last;
    previousBlank = false;
  }
  return tables;
}
