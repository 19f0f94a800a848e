/**
 * The comparison: per area, one row per canonical task, one cell per offering holding that
 * offering's rows for the task (none = "Not listed", several are possible), and per party a
 * flag saying whether the offerings' duties differ.
 *
 * Alignment across areas: when offerings file one task (the same canonical task, or rows of
 * identical text) under different areas, the task gets one line, in the area most of them use;
 * the cells of offerings that file it elsewhere say where (`placedIn`), and the other area keeps
 * a pointer to that line under the anchor the line would have had there. Differences are
 * decided on content only, never on placement.
 *
 * Pure and free of Node: the build runs it for the pages it writes and the browser runs the same
 * code on the per-offering data files for any offerings a reader picks (src/client/compare.ts).
 */
import type { Area, Offering, Rich, Row, Site } from './types.js';
import { collapse } from '../shared/plain-text.js';

/** What the comparison needs of a row: the browser gets exactly this from the offering data files. */
export type CompareRowInput = Pick<Row, 'anchor' | 'task' | 'taskId' | 'provider' | 'customer'>;

/** What the comparison needs of an offering. */
export interface CompareOffering {
  id: string;
  name: string;
  sections: { areaId: string; rows: CompareRowInput[] }[];
}

/* The browser's data files (written by src/render/outputs/compare-data.ts): */

/** One entry of the picker's list. */
export interface OfferingOption {
  id: string;
  name: string;
  family?: string;
}

export interface OfferingIndexFile {
  areas: Area[];
  offerings: OfferingOption[];
}

/** An offering's data file as the browser uses it: what alignOfferings needs, plus the titles of the tasks it uses. */
export interface OfferingDataFile extends CompareOffering {
  taskTitles: Record<string, string>;
}

/** A cell as the data file writes it: `html` only where it differs from `text` (most cells are plain words). */
export interface RichData {
  text: string;
  html?: string;
}

/**
 * A row as the data file writes it: what the reader can rebuild is left out, the `anchor` where it
 * is `<areaId>--<taskId>` and the `task` where it is its canonical task's title.
 */
export interface RowData {
  anchor?: string;
  task?: string;
  taskId: string;
  provider: RichData;
  customer: RichData;
}

/** An offering's data file as written (`data/offerings/<id>.json`); readOfferingData gives the OfferingDataFile. */
export interface OfferingDataJson {
  id: string;
  name: string;
  taskTitles: Record<string, string>;
  sections: { areaId: string; rows: RowData[] }[];
}

function writeRich(rich: Rich): RichData {
  return rich.html === rich.text ? { text: rich.text } : { text: rich.text, html: rich.html };
}

export function writeRow(row: CompareRowInput, areaId: string, taskTitles: Readonly<Record<string, string>>): RowData {
  return {
    ...(row.anchor === `${areaId}--${row.taskId}` ? {} : { anchor: row.anchor }),
    ...(row.task === taskTitles[row.taskId] ? {} : { task: row.task }),
    taskId: row.taskId,
    provider: writeRich(row.provider),
    customer: writeRich(row.customer),
  };
}

export function readOfferingData(json: OfferingDataJson): OfferingDataFile {
  const rich = (cell: RichData): Rich => ({ text: cell.text, html: cell.html ?? cell.text });
  return {
    ...json,
    sections: json.sections.map((section) => ({
      areaId: section.areaId,
      rows: section.rows.map((row) => ({
        anchor: row.anchor ?? `${section.areaId}--${row.taskId}`,
        task: row.task ?? json.taskTitles[row.taskId] ?? '',
        taskId: row.taskId,
        provider: rich(row.provider),
        customer: rich(row.customer),
      })),
    })),
  };
}

/** Everything alignOfferings reads: the site's areas in order, task titles, the offerings compared. */
export interface AlignInput {
  areas: readonly Area[];
  /** Canonical task id -> title (a task missing here is titled after its first row). */
  taskTitles: ReadonlyMap<string, string>;
  offerings: readonly CompareOffering[];
}

import type { Party } from './duty.js';
export const PARTIES: readonly Party[] = ['provider', 'customer'];

export interface CompareCell {
  offeringId: string;
  /** The offering's rows for this task in this area, in source order; empty = not listed. */
  rows: CompareRowInput[];
  /** The area this offering files these rows under, when it is not the line's area. */
  placedIn?: string;
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

/** A task that some offering files in this area but whose line is in another area. */
export interface ComparePointer {
  taskId: string;
  title: string;
  /** `<this-area-id>--<task-id>`: the anchor the line would have had here. */
  anchor: string;
  /** Where the line is. */
  areaId: string;
  target: string;
}

export interface CompareArea {
  area: Area;
  rows: CompareRow[];
  pointers: ComparePointer[];
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
      provider: collapse(row.provider.text),
      customer: collapse(row.customer.text),
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
  const lineOf = alignmentKeys(offerings);
  // areaId -> taskId -> offeringId -> rows
  const grid = new Map<string, Map<string, Map<string, CompareRowInput[]>>>();
  for (const offering of offerings) {
    for (const section of offering.sections) {
      const tasks = getOrSet(grid, section.areaId, () => new Map<string, Map<string, CompareRowInput[]>>());
      for (const row of section.rows) {
        const byOffering = getOrSet(tasks, lineOf(row), () => new Map<string, CompareRowInput[]>());
        getOrSet(byOffering, offering.id, () => []).push(row);
      }
    }
  }

  const areas: Area[] = [...input.areas];
  for (const areaId of grid.keys()) {
    if (!areas.some((a) => a.id === areaId)) areas.push({ id: areaId, title: areaId });
  }
  const areaRank = new Map(areas.map((a, i) => [a.id, i]));
  const { placed, pointers } = alignAcrossAreas(grid, offerings, areaRank);

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
          const cells = offerings.map((o) => {
            const elsewhere = placed.get(`${area.id}\u0000${taskId}\u0000${o.id}`);
            return {
              offeringId: o.id,
              rows: byOffering.get(o.id) ?? [],
              ...(elsewhere ? { placedIn: elsewhere } : {}),
            };
          });
          const title = input.taskTitles.get(taskId) ?? firstRow(cells)?.task ?? taskId;
          return compareRow(area.id, taskId, title, cells);
        }),
        pointers: (pointers.get(area.id) ?? []).map(({ taskId, areaId, rows }) => ({
          taskId,
          title: input.taskTitles.get(taskId) ?? rows[0]?.task ?? taskId,
          anchor: `${area.id}--${taskId}`,
          areaId,
          target: `${areaId}--${taskId}`,
        })),
      };
    }),
  };
}

/**
 * Which comparison line a row belongs to: its task, except that rows of identical text (both
 * parties) in different offerings share a line even when their tasks differ, as long as no
 * offering lists both tasks. Short texts are left alone: "None." is not a task.
 */
function alignmentKeys(offerings: readonly CompareOffering[]): (row: CompareRowInput) => string {
  const byText = new Map<string, { taskId: string; offeringId: string }[]>();
  const tasksOf = new Map<string, Set<string>>();
  for (const offering of offerings) {
    const mine = getOrSet(tasksOf, offering.id, () => new Set<string>());
    for (const section of offering.sections) {
      for (const row of section.rows) {
        mine.add(row.taskId);
        const text = `${folded(row, 'provider')}\u0000${folded(row, 'customer')}`;
        if (text.length < 40) continue;
        getOrSet(byText, text, () => []).push({ taskId: row.taskId, offeringId: offering.id });
      }
    }
  }
  const merged = new Map<string, string>();
  for (const entries of byText.values()) {
    const first = entries[0]!;
    const target = merged.get(first.taskId) ?? first.taskId;
    for (const { taskId, offeringId } of entries.slice(1)) {
      if (taskId === target || offeringId === first.offeringId || merged.has(taskId)) continue;
      // An offering listing both tasks keeps them apart: they are two duties there.
      if ([...tasksOf.values()].some((tasks) => tasks.has(taskId) && tasks.has(target))) continue;
      merged.set(taskId, target);
    }
  }
  return (row) => merged.get(row.taskId) ?? row.taskId;
}

interface Displaced {
  taskId: string;
  /** The area of the line. */
  areaId: string;
  rows: CompareRowInput[];
}

/**
 * Moves rows that offerings file under a different area than the others onto one line (see the
 * module comment). Returns, by `<line-area>\0<task>\0<offering>`, the area the rows came from,
 * and per area the pointers left where a line went away.
 */
function alignAcrossAreas(
  grid: Map<string, Map<string, Map<string, CompareRowInput[]>>>,
  offerings: readonly CompareOffering[],
  areaRank: ReadonlyMap<string, number>,
): { placed: Map<string, string>; pointers: Map<string, Displaced[]> } {
  const placed = new Map<string, string>();
  const pointers = new Map<string, Displaced[]>();
  // taskId -> offeringId -> areas it files the task under
  const areasOf = new Map<string, Map<string, string[]>>();
  for (const [areaId, tasks] of grid) {
    for (const [taskId, byOffering] of tasks) {
      for (const offeringId of byOffering.keys()) {
        getOrSet(
          getOrSet(areasOf, taskId, () => new Map<string, string[]>()),
          offeringId,
          () => [],
        ).push(areaId);
      }
    }
  }
  const rank = (areaId: string) => areaRank.get(areaId) ?? Number.MAX_SAFE_INTEGER;
  for (const [taskId, byOffering] of areasOf) {
    const sets = [...byOffering.values()].map((list) =>
      [...list].sort((a, b) => rank(a) - rank(b)).join(' '),
    );
    if (new Set(sets).size <= 1) continue;
    // The line's area: where most offerings file it; then where the first offering does; then site order.
    const votes = new Map<string, number>();
    for (const list of byOffering.values())
      for (const areaId of list) votes.set(areaId, (votes.get(areaId) ?? 0) + 1);
    const firstOffering = offerings.find((o) => byOffering.has(o.id));
    const firstAreas = new Set(firstOffering ? byOffering.get(firstOffering.id) : []);
    const home = [...votes.keys()].sort(
      (a, b) =>
        (votes.get(b) ?? 0) - (votes.get(a) ?? 0) ||
        Number(firstAreas.has(b)) - Number(firstAreas.has(a)) ||
        rank(a) - rank(b),
    )[0]!;
    const homeLine = grid.get(home)!.get(taskId)!;
    const emptied = new Set<string>();
    for (const offering of offerings) {
      const list = byOffering.get(offering.id);
      if (!list || list.includes(home)) continue;
      const from = [...list].sort((a, b) => rank(a) - rank(b))[0]!;
      const line = grid.get(from)!.get(taskId)!;
      homeLine.set(offering.id, line.get(offering.id)!);
      line.delete(offering.id);
      placed.set(`${home}\u0000${taskId}\u0000${offering.id}`, from);
      if (line.size === 0) emptied.add(from);
    }
    // Keep the line's cells in offering order.
    const ordered = offerings
      .filter((o) => homeLine.has(o.id))
      .map((o) => [o.id, homeLine.get(o.id)!] as const);
    homeLine.clear();
    for (const [id, rows] of ordered) homeLine.set(id, rows);
    for (const from of emptied) {
      const moved = offerings.flatMap((o) =>
        placed.get(`${home}\u0000${taskId}\u0000${o.id}`) === from ? (homeLine.get(o.id) ?? []) : [],
      );
      grid.get(from)!.delete(taskId);
      getOrSet(pointers, from, () => []).push({ taskId, areaId: home, rows: moved });
    }
  }
  return { placed, pointers };
}

function compareRow(
  areaId: string,
  taskId: string,
  title: string,
  plain: { offeringId: string; rows: CompareRowInput[]; placedIn?: string }[],
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

/** The first part of a copied link to a comparison line ("Key Protect Standard vs Secrets Manager"); shared by the build and the browser-built view. */
export function compareLinkContext(offeringNames: readonly string[]): string {
  return offeringNames.join(' vs ');
}
