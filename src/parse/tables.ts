/**
 * A GFM table -> responsibility rows or an overview matrix. Handles ragged rows (padded,
 * reported), continuation rows (an empty task cell continues the row above), placeholder
 * cells, and template leftovers (`Task 1 | ... responsibility description`, skipped).
 */
import type { Table } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { OverviewCell, Rich } from '../model/types.js';
import { rawCells, renderCell, type RawCell } from './cells.js';
import { columnRoles } from './columns.js';
import type { ParsedRow } from './types.js';
import type { ParseState } from './state.js';

export type TableReading =
  | { kind: 'responsibility'; rows: ParsedRow[] }
  | { kind: 'overview'; areaIds: string[]; rows: { resource: string; cells: OverviewCell[] }[] }
  | { kind: 'other' };

const TEMPLATE = /^task \d+$|responsibility description$/i;
const OVERVIEW_CELL: Record<string, OverviewCell> = {
  ibm: 'provider', provider: 'provider', you: 'customer', customer: 'customer', client: 'customer',
  shared: 'shared', both: 'shared',
};

/** A table as source cells: from a GFM table, or from a raw HTML `<table>`. */
export interface Grid {
  header: RawCell[];
  rows: { cells: RawCell[]; place: { line: number; column: number } }[];
}

export function gridOf(table: Table, text: string): Grid {
  const [header, ...body] = table.children;
  return {
    header: header ? rawCells(header, text) : [],
    rows: body.map((row) => ({ cells: rawCells(row, text), place: row.position?.start ?? { line: 1, column: 1 } })),
  };
}

export function readTable(table: Table, st: ParseState, file: VFile): TableReading {
  return readGrid(gridOf(table, st.text), st, file);
}

export function readGrid(grid: Grid, st: ParseState, file: VFile): TableReading {
  const headerCells = grid.header;
  const texts = headerCells.map((c) => renderCell(c, st, file, false).text);
  const roles = columnRoles(texts);
  if (!roles) return readOverview(grid, headerCells, texts, st, file);
  const width = texts.length;
  const rows: ParsedRow[] = [];
  let group: string | undefined;
  for (const { cells, place } of grid.rows) {
    if (cells.length !== width) {
      report(file, 'table-shape',
        cells.length < width
          ? `Row has ${cells.length} cells, the header ${width}: missing cells are empty`
          : `Row has ${cells.length} cells, the header ${width}: extra cells are ignored`,
        { line: place.line, column: place.column });
    }
    const task = renderCell(cells[roles.task], st, file, false).text;
    const provider = renderCell(cells[roles.provider], st, file);
    const customer = renderCell(cells[roles.customer], st, file);
    if (roles.group !== undefined) {
      const g = renderCell(cells[roles.group], st, file, false).text;
      if (g) group = g;
    }
    if (TEMPLATE.test(task) || TEMPLATE.test(provider.text) || TEMPLATE.test(customer.text)) {
      report(file, 'table-shape', 'Template placeholder row left in the table; skipped', { line: place.line, column: place.column });
      continue;
    }
    const previous = rows[rows.length - 1];
    if (!task) {
      if (!provider.text && !customer.text && !provider.html && !customer.html) continue; // blank row
      if (previous) {
        previous.provider = join(previous.provider, provider);
        previous.customer = join(previous.customer, customer);
        continue;
      }
      report(file, 'table-shape', 'Row without a task and no row above it to continue', { line: place.line, column: place.column });
    }
    const source = { file: file.path || '', line: place.line, column: place.column };
    rows.push(group === undefined ? { task, provider, customer, source } : { task, group, provider, customer, source });
  }
  return { kind: 'responsibility', rows };
}

function join(a: Rich, b: Rich): Rich {
  if (!b.html) return a;
  if (!a.html) return b;
  return { text: `${a.text} ${b.text}`, html: `${a.html}<br>${b.html}` };
}

/** A "responsibilities by resource" matrix: cells IBM / You / Shared under area headers. */
function readOverview(grid: Grid, headerCells: RawCell[], texts: string[], st: ParseState, file: VFile): TableReading {
  if (texts.length < 4) return { kind: 'other' };
  const body = grid.rows.map((row) => row.cells);
  let known = 0;
  let total = 0;
  const values = body.map((cells) =>
    texts.slice(1).map((_, i) => {
      const t = renderCell(cells[i + 1], st, file, false).text.toLowerCase();
      total++;
      const v = OVERVIEW_CELL[t.replace(/^ibm cloud$/, 'ibm')];
      if (v) known++;
      return v ?? 'shared';
    }),
  );
  if (total === 0 || known / total < 0.6) return { kind: 'other' };
  const areaIds = headerCells.slice(1).map((c, i) => /\]\(#([^)\s]+)\)/.exec(c.source)?.[1] ?? texts[i + 1] ?? '');
  const rows = body.map((cells, r) => ({
    resource: renderCell(cells[0], st, file, false).text,
    cells: values[r] ?? [],
  }));
  return { kind: 'overview', areaIds, rows };
}
