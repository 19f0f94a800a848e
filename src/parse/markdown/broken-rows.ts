/**
 * Rows broken across source lines. A row that ends early (no closing pipe, or fewer cells than
 * the header) followed by a line that does not start with `|`: the author meant one row, the
 * rest of its last cell and the cells after it. GFM reads the line as a row of its own, or,
 * when the line could open a block (`- item`, `<ul>`, `1.`), ends the table there and lets the
 * block swallow the rows below. Both are put back together here, from the source lines.
 */
import type { RootContent, Table, TableRow } from 'mdast';
import { rowAt } from './table-scan.js';

const PIPE = 124;

/** Whether `row` ends early: fewer cells than the header, or no closing pipe. */
export function endsEarly(row: TableRow, width: number, text: string): boolean {
  if (row.children.length < width) return true;
  let e = row.position?.end.offset ?? 0;
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return text.charCodeAt(e - 1) !== PIPE || text[e - 2] === '\\';
}

/**
 * Join `next` (a line that does not start with `|`) onto `row`: its first cell continues the
 * last cell of `row` unless `row` closed that cell with a pipe; its other cells follow.
 */
export function joinRow(row: TableRow, next: TableRow, text: string): void {
  const closed = row.children.length > 0 && !endsEarly(row, 0, text);
  const cells = [...next.children];
  const last = row.children[row.children.length - 1];
  const first = cells[0];
  if (!closed && last?.position && first?.position) {
    last.position.end = first.position.end;
    cells.shift();
  }
  row.children.push(...cells);
  if (row.position && next.position) row.position.end = next.position.end;
}

/**
 * When `table` (at `index` of `siblings`) ends with a row that ends early and the next block
 * starts on the very next line, that block was the rest of the table: its lines, up to a blank
 * line or a heading, become rows again. Returns how many siblings were taken back.
 */
export function takeBackRows(table: Table, siblings: RootContent[], index: number, text: string, starts: () => number[]): number {
  const header = table.children[0];
  const last = table.children[table.children.length - 1];
  const end = table.position?.end;
  if (!header || !last || last === header || !end || text[header.position?.start.offset ?? -1] !== '|') return 0;
  if (!endsEarly(last, header.children.length, text)) return 0;
  const next = siblings[index + 1];
  if (!next?.position || next.position.start.line !== end.line + 1 || next.type === 'heading') return 0;
  const lines = starts();
  // The rest of the table: lines up to a blank line or a heading, whole blocks only.
  let stop = end.line; // last 1-based line taken
  while (stop < lines.length) {
    const s = lines[stop] as number;
    const e = stop + 1 < lines.length ? (lines[stop + 1] as number) - 1 : text.length;
    const line = text.slice(s, e);
    if (line.trim() === '' || /^#{1,6}(?:[ \t]|$)/.test(line)) break;
    stop++;
  }
  let taken = 0;
  let through = end.line;
  for (let k = index + 1; k < siblings.length; k++) {
    const p = siblings[k]?.position;
    if (!p || p.start.line > stop || p.end.line > stop) break;
    through = p.end.line;
    taken++;
  }
  for (let n = end.line; n < through; n++) table.children.push(rowAt(text, lines, n));
  if (taken > 0 && table.position) table.position.end = { ...(table.children[table.children.length - 1]?.position?.end ?? end) };
  return taken;
}
