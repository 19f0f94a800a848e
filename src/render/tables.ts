/**
 * Page data for responsibility tables, shared by the offering and area pages.
 * Templates only loop over this: ids are decided here, so no page ever carries an id twice.
 */
import type { Offering, Rich, Row, Section, Site } from '../model/types.js';
import { dutyState, stateOf, type Party } from '../model/duty.js';
import { rowName, type TaskTitles } from '../model/row-name.js';
import { byKey, recordedFor } from '../shared/by-key.js';
import { linkTitle } from '../shared/link-formats.js';
import { areaPageUrl } from '../shared/site-paths.js';

export interface CellView {
  html: string;
  /** No duty listed: the template shows "No duty listed". */
  empty: boolean;
  /** The cell says there is nothing to do ("None. IBM is fully responsible …"): shown muted, never counted. */
  noAction: boolean;
}

export interface RowView {
  /** '' when the id is already taken on the page. */
  id: string;
  /** Former ids of this row that must keep resolving (empty spans in the row header). */
  aliases?: string[];
  /** The canonical task title. */
  task: string;
  /** The source's own label when it differs from `task` (shown beside it). */
  label?: string;
  group?: string;
  provider: CellView;
  customer: CellView;
}

export interface BodyView {
  /** The group of these rows; absent for rows before the first group and in ungrouped tables. */
  group?: string;
  rows: RowView[];
}

export interface TableView {
  /** The table element's id, absent when the enclosing area already carries it. */
  id?: string;
  /** Extra ids that must keep resolving here (empty spans before the table). */
  aliases: string[];
  caption: string;
  /** "Offering › Area": shown on each row's card at narrow widths, where the headers are out of view, and
   *  the start of what a copied link to a row says ("Key Protect Standard › Disaster recovery › Backups"). */
  context: string;
  /** What a copied link to the table says. */
  linkTitle: string;
  /** Whether any row has a group (the template then labels each run of rows of one group). */
  grouped: boolean;
  rows: RowView[];
  /** The rows in runs of one group, in order: one `<tbody>` each, labelled by its group. */
  bodies: BodyView[];
  /** Source file and line, for "edit this" and debugging. */
  source: string;
}

/** Ids already used on one page; claims are first come, first served. */
export class IdSet {
  private readonly used = new Set<string>();
  /** Claim an id; returns false if the page already has it. */
  claim(id: string): boolean {
    if (!id || this.used.has(id)) return false;
    this.used.add(id);
    return true;
  }
  has(id: string): boolean {
    return this.used.has(id);
  }
}

export function cell(rich: Rich, party: Party): CellView {
  const state = dutyState(rich, party);
  return { html: rich.html, empty: state === 'empty', noAction: state === 'no-action' };
}

export function tableView(
  section: Section,
  ids: IdSet,
  options: {
    caption: string;
    /** Offering and area names, the first parts of every link title in the table. */
    context: readonly string[];
    /** Task id -> canonical title: rows are named by it, with the source's label beside it when that differs. */
    titles: TaskTitles;
    tableId?: string;
    rowId?: (row: Row) => string;
    aliases?: boolean;
  },
): TableView {
  const context = linkTitle(options.context);
  const wanted = options.tableId ?? section.anchor;
  const id = ids.claim(wanted) ? wanted : undefined;
  const aliases =
    options.aliases === false ? [] : [...new Set(section.aliases)].sort().filter((alias) => ids.claim(alias));
  const rows = section.rows.map((row): RowView => {
    const rowId = options.rowId ? options.rowId(row) : row.anchor;
    const id = ids.claim(rowId) ? rowId : '';
    const rowAliases = options.aliases === false ? [] : [...new Set(row.aliases ?? [])].sort().filter((alias) => ids.claim(alias));
    const name = rowName(options.titles, row);
    return {
      id,
      ...(rowAliases.length > 0 ? { aliases: rowAliases } : {}),
      task: name.title,
      ...(name.label !== undefined ? { label: name.label } : {}),
      ...(row.group ? { group: row.group } : {}),
      provider: cell(row.provider, 'provider'),
      customer: cell(row.customer, 'customer'),
    };
  });
  return {
    ...(id ? { id } : {}),
    aliases,
    caption: options.caption,
    context,
    linkTitle: section.caption ? linkTitle([...options.context, section.caption]) : context,
    grouped: rows.some((row) => row.group !== undefined),
    rows,
    bodies: bodies(rows),
    source: `${section.source.file}:${section.source.line}`,
  };
}

const TABLE_NUMBER = /^Table\s+\d+\s*[.:]\s*/i;

/**
 * Numbers "Table N." captions by their place on the page. A source numbers its tables across
 * the whole page it came from, so an offering drawn from every other table of a source would
 * read "Table 2, 4, 6"; captions without a number stay as written.
 */
export function numberCaptions(tables: readonly TableView[]): void {
  tables.forEach((table, i) => {
    if (!TABLE_NUMBER.test(table.caption)) return;
    const numbered = table.caption.replace(TABLE_NUMBER, `Table ${i + 1}. `);
    table.linkTitle = table.linkTitle.replace(table.caption, numbered);
    table.caption = numbered;
  });
}

/** Consecutive rows of one group, each run under its group's label. */
function bodies(rows: RowView[]): BodyView[] {
  const out: BodyView[] = [];
  if (rows.length === 0) return [{ rows }];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && last.group === row.group) last.rows.push(row);
    else out.push(row.group === undefined ? { rows: [row] } : { group: row.group, rows: [row] });
  }
  return out;
}

/** Area ids in the site's order, then any the site does not declare (sorted). */
export function areaOrder(site: Site, areaIds: Iterable<string>): string[] {
  const present = new Set(areaIds);
  const ordered = site.areas.map((area) => area.id).filter((id) => present.has(id));
  const rest = [...present].filter((id) => !ordered.includes(id)).sort();
  return [...ordered, ...rest];
}

export function areaTitle(site: Site, areaId: string): string {
  return site.areas.find((area) => area.id === areaId)?.title ?? areaId;
}

/** A link to an area's page, as the home, catalog and search pages list them. */
export interface AreaLink {
  id: string;
  title: string;
  url: string;
}

/** The site's areas, in order, as links to their pages. */
export function areaLinks(site: Site): AreaLink[] {
  return site.areas.map((area) => ({ id: area.id, title: area.title, url: areaPageUrl(area.id) }));
}

/** Duty counts for a set of rows: who has something to do ("no action" cells are not duties). */
export interface DutyCounts {
  provider: number;
  customer: number;
  rows: number;
}

/** Each section's counts, made once: offering, area, home and catalog pages all count the same sections. */
const sectionCounts = new WeakMap<Section, DutyCounts>();

/** Duty counts over whole sections (an offering's, or those of one area). */
export function dutyCounts(sections: readonly Section[]): DutyCounts {
  let provider = 0;
  let customer = 0;
  let rows = 0;
  for (const section of sections) {
    let counts = sectionCounts.get(section);
    if (!counts) sectionCounts.set(section, (counts = countRows(section.rows)));
    provider += counts.provider;
    customer += counts.customer;
    rows += counts.rows;
  }
  return { provider, customer, rows };
}

/**
 * The counts of each section of the offerings, by key, as the last build of the same code made
 * them (the cache record, [provider, customer, rows] per section): an offering whose key is
 * there is not counted again.
 */
export function adoptSectionCounts(
  offerings: readonly Offering[], keyOf: (offering: Offering) => string | undefined, recorded: Readonly<Record<string, unknown>>,
): void {
  for (const [offering, counts] of recordedFor(offerings, keyOf, recorded)) {
    if (!Array.isArray(counts) || counts.length !== offering.sections.length || !counts.every(isCounts)) continue;
    offering.sections.forEach((section, i) => {
      const [provider, customer, rows] = counts[i] as [number, number, number];
      if (rows === section.rows.length && !sectionCounts.has(section)) sectionCounts.set(section, { provider, customer, rows });
    });
  }
}

/** The counts of the keyed offerings whose every section this thread has counted, by key, for the next build. */
export function sectionCountsByKey(offerings: readonly Offering[], keyOf: (offering: Offering) => string | undefined): Record<string, number[][]> {
  return byKey(offerings, keyOf, (offering) => {
    const counts = offering.sections.map((section) => sectionCounts.get(section));
    return counts.every((c) => c !== undefined) ? counts.map((c) => [c.provider, c.customer, c.rows]) : undefined;
  });
}

function isCounts(value: unknown): boolean {
  return Array.isArray(value) && value.length === 3 && value.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) &&
    (value[0] as number) <= (value[2] as number) && (value[1] as number) <= (value[2] as number);
}

function countRows(rows: readonly Row[]): DutyCounts {
  let provider = 0;
  let customer = 0;
  for (const row of rows) {
    if (stateOf(row.provider, 'provider') === 'duty') provider += 1;
    if (stateOf(row.customer, 'customer') === 'duty') customer += 1;
  }
  return { provider, customer, rows: rows.length };
}
