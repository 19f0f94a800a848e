/**
 * A GFM table -> responsibility rows or an overview matrix. Handles ragged rows (padded,
 * reported), continuation rows (an empty task cell continues the row above), grouping columns
 * (a value carries down to the rows below it), placeholder cells, and IBM's page template:
 * a cell that still says `... responsibility description` lists no duty; a row of nothing
 * else (`Task 1 | ... responsibility description`) is a leftover, skipped. Every text left out
 * is quoted in its warning.
 */
import type { Table } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import type { OverviewCell, ParsedRow, Rich } from '../types.js';
import { rawCells, renderCell, type RawCell } from './cells.js';
import { columnRoles } from './columns.js';
import type { PageSource } from './data.js';

export type TableReading =
  | { kind: 'responsibility'; rows: ParsedRow[] }
  | { kind: 'overview'; areaIds: string[]; rows: { resource: string; cells: OverviewCell[] }[] }
  | { kind: 'other'; header: string[] };

const TEMPLATE_TASK = /^task \d+$/i;
const TEMPLATE_DUTY = /responsibility description$/i;
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

export function readTable(table: Table, st: PageSource, file: VFile): TableReading {
  return readGrid(gridOf(table, st.text), st, file);
}

export function readGrid(grid: Grid, st: PageSource, file: VFile): TableReading {
  const headerCells = grid.header;
  const texts = headerCells.map((c) => renderCell(c, st, file, false).text);
  const roles = columnRoles(texts);
  if (!roles) return readOverview(grid, headerCells, texts, st, file);
  const width = texts.length;
  const rows: ParsedRow[] = [];
  const groups = new Groups(roles.groups ?? []);
  const read = new Set([roles.task, roles.provider, roles.customer, ...(roles.groups ?? [])]);
  const unread = texts.map((_, i) => i).filter((i) => !read.has(i));
  for (const { cells, place } of grid.rows) {
    // A column after the party columns (`... | Notes`) has no place in the model: quote its cells.
    for (const i of unread) {
      const cell = cells[i];
      if (cell?.source) report(file, 'table-shape', `Column "${texts[i] ?? ''}" is not read (neither task, group nor party): "${cell.source}" is left out`, cell.place);
    }
    if (cells.length < width) {
      report(file, 'table-shape', `Row has ${cells.length} cells, the header ${width}: missing cells are empty`, place);
    } else if (cells.length > width) {
      const extra = cells.slice(width).map((c) => c.source).join(' | ');
      report(file, 'table-shape', `Row has ${cells.length} cells, the header ${width}: the extra cells are left out: "${extra}"`, place);
    }
    const started = groups.read(cells, st, file);
    let task = renderCell(cells[roles.task], st, file, false).text;
    const provider = duty(cells[roles.provider], st, file);
    const customer = duty(cells[roles.customer], st, file);
    // Only a row of nothing but placeholders is a leftover; beside a real duty, a placeholder is no duty.
    const template = [task === '' ? undefined : TEMPLATE_TASK.test(task), provider.template, customer.template];
    if (!template.includes(false) && template.some(Boolean)) {
      const written = [task, provider.template, customer.template].filter(Boolean).join(' | ');
      report(file, 'table-shape', `Template placeholder row left in the table and skipped: "${written}"`, place);
      continue;
    }
    if (template[0]) report(file, 'table-shape', `Task name "${task}" is a template placeholder`, place);
    for (const [cell, party] of [[cells[roles.provider], provider], [cells[roles.customer], customer]] as const) {
      if (party.template) report(file, 'table-shape', `Template placeholder "${party.template}" in this cell: read as no duty listed`, cell?.place ?? place);
    }
    const previous = rows[rows.length - 1];
    if (!task && started) task = started; // a row that opens a group with no task of its own
    if (!task) {
      if (!provider.rich.html && !customer.rich.html) continue; // blank row
      if (previous) {
        previous.provider = join(previous.provider, provider.rich);
        previous.customer = join(previous.customer, customer.rich);
        continue;
      }
      report(file, 'table-shape', 'Row without a task and no row above it to continue', place);
    }
    if (!provider.rich.html && !customer.rich.html && started === task && task) continue; // a group label row
    const source = { file: file.path || '', line: place.line, column: place.column };
    const group = groups.current();
    rows.push(group === undefined
      ? { task, provider: provider.rich, customer: customer.rich, source }
      : { task, group, provider: provider.rich, customer: customer.rich, source });
  }
  return { kind: 'responsibility', rows };
}

/**
 * A party cell: its duty, or none when it still holds the page template's placeholder, which is
 * then `template` (undefined for an empty cell, false for a real duty).
 */
function duty(cell: RawCell | undefined, st: PageSource, file: VFile): { rich: Rich; template: string | false | undefined } {
  const rich = renderCell(cell, st, file);
  if (!rich.html) return { rich, template: undefined };
  if (!TEMPLATE_DUTY.test(rich.text)) return { rich, template: false };
  return { rich: { text: '', html: '' }, template: rich.text };
}

/**
 * Values of the grouping columns, carried down to the rows below until a new value is written;
 * a new outer value clears the inner ones. Nested groups read `Outer / Inner`.
 */
class Groups {
  private readonly values: string[];

  constructor(private readonly columns: number[]) {
    this.values = columns.map(() => '');
  }

  /** Take this row's group cells; returns the innermost value it writes, if any. */
  read(cells: RawCell[], st: PageSource, file: VFile): string | undefined {
    let written: string | undefined;
    this.columns.forEach((column, level) => {
      const value = renderCell(cells[column], st, file, false).text;
      if (!value) return;
      this.values[level] = value;
      for (let inner = level + 1; inner < this.values.length; inner++) this.values[inner] = '';
      written = value;
    });
    return written;
  }

  current(): string | undefined {
    return this.values.filter(Boolean).join(' / ') || undefined;
  }
}

function join(a: Rich, b: Rich): Rich {
  if (!b.html) return a;
  if (!a.html) return b;
  return { text: `${a.text} ${b.text}`, html: `${a.html}<br>${b.html}` };
}

/** A "responsibilities by resource" matrix: cells IBM / You / Shared under area headers. */
function readOverview(grid: Grid, headerCells: RawCell[], texts: string[], st: PageSource, file: VFile): TableReading {
  if (texts.length < 4) return { kind: 'other', header: texts };
  const body = grid.rows.map((row) => row.cells);
  let known = 0;
  let total = 0;
  const odd: RawCell[] = [];
  const values = body.map((cells) =>
    texts.slice(1).map((_, i) => {
      const t = renderCell(cells[i + 1], st, file, false).text.toLowerCase();
      total++;
      const v = OVERVIEW_CELL[t.replace(/^ibm cloud$/, 'ibm')];
      if (v) known++;
      else if (cells[i + 1]?.source) odd.push(cells[i + 1] as RawCell);
      return v ?? 'shared';
    }),
  );
  if (total === 0 || known / total < 0.6) return { kind: 'other', header: texts };
  for (const cell of odd) {
    report(file, 'table-shape', `Overview cell "${cell.source}" is not IBM, You or Shared: shown as shared`, cell.place);
  }
  const areaIds = headerCells.slice(1).map((c, i) => /\]\(#([^)\s]+)\)/.exec(c.source)?.[1] ?? texts[i + 1] ?? '');
  const rows = body.map((cells, r) => ({
    resource: renderCell(cells[0], st, file, false).text,
    cells: values[r] ?? [],
  }));
  return { kind: 'overview', areaIds, rows };
}
