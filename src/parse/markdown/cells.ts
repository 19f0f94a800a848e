/** Table cells as source text: the slice between its pipes, with its position. */
import type { TableCell, TableRow } from 'mdast';
import type { VFile } from 'vfile';
import type { Rich } from '../types.js';
import { renderInlineWith } from './inline.js';
import type { PageSource } from './data.js';

export interface RawCell {
  source: string;
  place: { line: number; column: number };
}

export function rawCell(cell: TableCell, text: string): RawCell {
  const p = cell.position;
  if (p?.start.offset === undefined || p.end.offset === undefined) {
    return { source: '', place: { line: p?.start.line ?? 1, column: p?.start.column ?? 1 } };
  }
  let s = p.start.offset;
  let e = p.end.offset;
  if (text[s] === '|') s++;
  if (e > s && text[e - 1] === '|' && text[e - 2] !== '\\') e--;
  while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return { source: text.slice(s, e), place: { line: p.start.line, column: p.start.column + (s - p.start.offset) } };
}

export function rawCells(row: TableRow, text: string): RawCell[] {
  return row.children.map((c) => rawCell(c, text));
}

/** Render a cell; the whole-file keyref pass has reported its keyrefs already. */
export function renderCell(cell: RawCell | undefined, st: PageSource, file: VFile, placeholders = true): Rich {
  if (!cell || cell.source === '') return { text: '', html: '' };
  return renderInlineWith(cell.source, st.ctx, file, cell.place, { reportKeyrefs: false, placeholders });
}
