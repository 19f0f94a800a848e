/**
 * The comparison: per area, one row per canonical task, one cell per offering holding that
 * offering's rows for the task (none = "Not listed", several are possible), and per party a
 * flag saying whether the offerings' duties differ. Rows are grouped by the area of the section
 * they sit in, so a task that two offerings file under different areas shows in both areas.
 *
 * Pure and free of Node: the build runs it for the pages it writes and the browser runs the same
 * code on the per-offering data files for any offerings a reader picks (src/client/compare.ts).
 */
import type { Area, Offering, Row, Site } from './types.js';

/** What the comparison needs of a row: the browser gets exactly this from the offering data files. */
export type CompareRowInput = Pick<Row, 'anchor' | 'task' | 'taskId' | 'provider' | 'customer'>;

/** What the comparison needs of an offering. */
export interface CompareOffering {
  id: string;
  name: string;
  sections: { areaId: string; rows: CompareRowInput[] }[];
}

/** Everything alignOfferings reads: the site's areas in order, task titles, the offerings compared. */
export interface AlignInput {
  areas: readonly Area[];
  /** Canonical task id -> title (a task missing here is titled after its first row). */
  taskTitles: ReadonlyMap<string, string>;
  offerings: readonly CompareOffering[];
}

export type Party = 'provider' | 'customer';
export const PARTIES: readonly Party[] = ['provider', 'customer'];

export interface CompareCell {
  offeringId: string;
  /** The offering's rows for this task in this area, in source order; empty = not listed. */
  rows: CompareRowInput[];
  /**
   * Per party, an equivalence class of the cell's duty within its comparison row: cells with
   * equal normalised text share a key (0, 1, ... by first appearance). Browser code compares
   * keys to decide "differs" for any subset of offerings without shipping the texts twice.
   */
  keys: Record<Party, number>;
}

export interface CompareRow {
  taskId: string;
  title: string;
  /** `<area-id>--<task-id>`, the same fragment the offering pages use for the row. */
  anchor: string;
  cells: CompareCell[];
  /** Whether the offerings' duties for this party are not all the same. */
  differs: Record<Party, boolean>;
}

export interface CompareArea {
  area: Area;
  rows: CompareRow[];
}

export interface Comparison {
  offerings: Pick<Offering, 'id' | 'name'>[];
  areas: CompareArea[];
}

/** Text of one party's duty for comparison: whitespace folded, so wrapping never counts. */
export function dutyText(rows: readonly CompareRowInput[], party: Party): string {
  // Nearly every cell holds one row (or none): no arrays to build then.
  if (rows.length === 0) return '';
  if (rows.length === 1) return folded(rows[0]!, party);
  return rows
    .map((row) => folded(row, party))
    .filter((text) => text !== '')
    .join('\n');
}

/** Folded texts per row, computed once: a row is compared on every pair page it appears in. */
const foldCache = new WeakMap<CompareRowInput, Record<Party, string>>();
function folded(row: CompareRowInput, party: Party): string {
  let texts = foldCache.get(row);
  if (!texts) {
    texts = {
      provider: row.provider.text.replace(/\s+/g, ' ').trim(),
      customer: row.customer.text.replace(/\s+/g, ' ').trim(),
    };
    foldCache.set(row, texts);
  }
  return texts[party];
}

/** Whether the given cells' duties for a party are not all equal (a missing row = no duty). */
export function cellsDiffer(cells: readonly CompareCell[], party: Party): boolean {
  return new Set(cells.map((cell) => cell.keys[party])).size > 1;
}

/**
 * Build the comparison of `offeringIds` (default: all, in site order; unknown ids are ignored,
 * the result keeps site order so a pair page reads the same whichever way it was asked for).
 */
export function buildComparison(site: Site, offeringIds?: readonly string[]): Comparison {
  const wanted = offeringIds ? new Set(offeringIds) : undefined;
  const offerings = site.offerings.filter((o) => !wanted || wanted.has(o.id));
  return alignOfferings({ areas: site.areas, taskTitles: taskTitles(site), offerings });
}

/** The comparison of the given offerings, in the order given. */
export function alignOfferings(input: AlignInput): Comparison {
  const { offerings } = input;
  // areaId -> taskId -> offeringId -> rows
  const grid = new Map<string, Map<string, Map<string, CompareRowInput[]>>>();
  for (const offering of offerings) {
    for (const section of offering.sections) {
      const tasks = getOrSet(grid, section.areaId, () => new Map<string, Map<string, CompareRowInput[]>>());
      for (const row of section.rows) {
        const byOffering = getOrSet(tasks, row.taskId, () => new Map<string, CompareRowInput[]>());
        getOrSet(byOffering, offering.id, () => []).push(row);
      }
    }
  }

  const areas: Area[] = [...input.areas];
  for (const areaId of grid.keys()) {
    if (!areas.some((a) => a.id === areaId)) areas.push({ id: areaId, title: areaId });
  }

  return {
    offerings: offerings.map(({ id, name }) => ({ id, name })),
    areas: areas.map((area) => {
      const tasks = grid.get(area.id) ?? new Map<string, Map<string, CompareRowInput[]>>();
      // Order of first appearance (offerings in site order, rows in source order): the first
      // offering reads as on its own page, later offerings' extra tasks follow.
      const taskIds = [...tasks.keys()];
      return {
        area,
        rows: taskIds.map((taskId) => {
          const byOffering = tasks.get(taskId) ?? new Map<string, CompareRowInput[]>();
          const cells = offerings.map((o) => ({ offeringId: o.id, rows: byOffering.get(o.id) ?? [] }));
          const title = input.taskTitles.get(taskId) ?? firstRow(cells)?.task ?? taskId;
          return compareRow(area.id, taskId, title, cells);
        }),
      };
    }),
  };
}

function compareRow(
  areaId: string,
  taskId: string,
  title: string,
  plain: { offeringId: string; rows: CompareRowInput[] }[],
): CompareRow {
  const classes: Record<Party, Map<string, number>> = { provider: new Map(), customer: new Map() };
  const cells: CompareCell[] = plain.map((cell) => {
    const keys = { provider: 0, customer: 0 };
    for (const party of PARTIES) {
      const text = dutyText(cell.rows, party);
      keys[party] = getOrSet(classes[party], text, () => classes[party].size);
    }
    return { ...cell, keys };
  });
  return {
    taskId,
    title,
    anchor: `${areaId}--${taskId}`,
    cells,
    differs: { provider: cellsDiffer(cells, 'provider'), customer: cellsDiffer(cells, 'customer') },
  };
}

/** Task id -> title, built once per site (a site publishes one comparison per offering pair). */
const titleCache = new WeakMap<Site, Map<string, string>>();
function taskTitles(site: Site): Map<string, string> {
  let titles = titleCache.get(site);
  if (!titles) {
    titles = new Map(site.tasks.map((task) => [task.id, task.title]));
    titleCache.set(site, titles);
  }
  return titles;
}

function firstRow(cells: readonly { rows: CompareRowInput[] }[]): CompareRowInput | undefined {
  return cells.find((c) => c.rows.length > 0)?.rows[0];
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Every unordered pair of offerings, `a` before `b` in site order (one static page each). */
export function offeringPairs(site: Site): [Offering, Offering][] {
  const pairs: [Offering, Offering][] = [];
  site.offerings.forEach((a, i) => {
    for (const b of site.offerings.slice(i + 1)) pairs.push([a, b]);
  });
  return pairs;
}
