/**
 * What changed in responsibilities between two models (two model.json files): per offering,
 * rows added, removed, moved (the same task in another area or another place in its table)
 * and changed, with a word-level difference of each party's cell text. Pure and deterministic.
 */
import type { Party } from '../model/duty.js';
import type { Offering, Row, Site } from '../model/types.js';
import { wordDiff, type WordPart } from './word-diff.js';
import { byCodeUnit as compare } from '../shared/order.js';
import { collapse } from '../shared/plain-text.js';

export interface CellChange {
  party: Party;
  before: string;
  after: string;
  words: WordPart[];
}

export interface RowPlace {
  areaId: string;
  areaTitle: string;
  /** 1-based position of the row among its area's rows in the offering. */
  position: number;
}

export interface RowChange {
  kind: 'added' | 'removed' | 'moved' | 'changed';
  /** The row's anchor in the new model (in the old one for a removed row). */
  anchor: string;
  task: string;
  /** Where the row is now (where it was, for a removed row). */
  place: RowPlace;
  /** Where a moved row was. */
  from?: RowPlace;
  /** Cell texts of an added or removed row; the changed cells of a moved or changed row. */
  cells: CellChange[];
}

export interface OfferingChange {
  id: string;
  name: string;
  kind: 'added' | 'removed' | 'changed';
  /** Rows of an added or removed offering (not listed one by one). */
  rowCount: number;
  rows: RowChange[];
}

export interface ChangeSummary {
  offeringsAdded: number;
  offeringsRemoved: number;
  offeringsChanged: number;
  added: number;
  removed: number;
  moved: number;
  changed: number;
}

export interface ChangeReport {
  parties: { provider: string; customer: string };
  offerings: OfferingChange[];
  summary: ChangeSummary;
}

export function diffModels(before: Site, after: Site): ChangeReport {
  const titles = new Map<string, string>();
  for (const area of [...before.areas, ...after.areas]) titles.set(area.id, area.title);
  const title = (id: string): string => titles.get(id) ?? id;
  const areaOrder = new Map([...after.areas, ...before.areas].map((a, i) => [a.id, i] as const).reverse());
  const oldById = new Map(before.offerings.map((o) => [o.id, o]));
  const newIds = new Set(after.offerings.map((o) => o.id));
  const offerings: OfferingChange[] = [];
  for (const offering of after.offerings) {
    const old = oldById.get(offering.id);
    if (!old) {
      offerings.push({ id: offering.id, name: offering.name, kind: 'added', rowCount: countRows(offering), rows: [] });
      continue;
    }
    const rows = diffOffering(old, offering, title).sort(byPlace(areaOrder));
    if (rows.length > 0) offerings.push({ id: offering.id, name: offering.name, kind: 'changed', rowCount: countRows(offering), rows });
  }
  for (const old of before.offerings) {
    if (!newIds.has(old.id)) offerings.push({ id: old.id, name: old.name, kind: 'removed', rowCount: countRows(old), rows: [] });
  }
  offerings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { parties: after.parties, offerings, summary: summarise(offerings) };
}

interface Placed {
  row: Row;
  place: RowPlace;
}

function placedRows(offering: Offering, title: (id: string) => string): Placed[] {
  const positions = new Map<string, number>();
  const out: Placed[] = [];
  for (const section of offering.sections) {
    for (const row of section.rows) {
      const position = (positions.get(section.areaId) ?? 0) + 1;
      positions.set(section.areaId, position);
      out.push({ row, place: { areaId: section.areaId, areaTitle: title(section.areaId), position } });
    }
  }
  return out;
}

function diffOffering(before: Offering, after: Offering, title: (id: string) => string): RowChange[] {
  const oldRows = placedRows(before, title);
  const newRows = placedRows(after, title);
  const pairs: [Placed, Placed][] = [];
  // 1. Same anchor (same area and task): the row stayed in its area.
  const oldByAnchor = new Map(oldRows.map((p) => [p.row.anchor, p]));
  const matchedOld = new Set<Placed>();
  const unmatchedNew: Placed[] = [];
  for (const p of newRows) {
    const old = oldByAnchor.get(p.row.anchor);
    if (old && !matchedOld.has(old)) {
      matchedOld.add(old);
      pairs.push([old, p]);
    } else unmatchedNew.push(p);
  }
  // 2. Same task id elsewhere: the row moved to another area.
  const oldByTask = new Map<string, Placed[]>();
  for (const p of oldRows) {
    if (matchedOld.has(p)) continue;
    const list = oldByTask.get(p.row.taskId) ?? [];
    list.push(p);
    oldByTask.set(p.row.taskId, list);
  }
  const changes: RowChange[] = [];
  for (const p of unmatchedNew) {
    const old = oldByTask.get(p.row.taskId)?.shift();
    if (old) {
      matchedOld.add(old);
      pairs.push([old, p]);
    } else changes.push({ kind: 'added', anchor: p.row.anchor, task: p.row.task, place: p.place, cells: fullCells(p.row, 'added') });
  }
  for (const p of oldRows) {
    if (!matchedOld.has(p)) changes.push({ kind: 'removed', anchor: p.row.anchor, task: p.row.task, place: p.place, cells: fullCells(p.row, 'removed') });
  }
  // 3. Within an area, rows outside the longest run kept in order changed place.
  const reordered = reorderedPairs(pairs);
  for (const pair of pairs) {
    const [old, now] = pair;
    const cells = changedCells(old.row, now.row);
    const moved = old.place.areaId !== now.place.areaId || reordered.has(pair);
    if (moved) changes.push({ kind: 'moved', anchor: now.row.anchor, task: now.row.task, place: now.place, from: old.place, cells });
    else if (cells.length > 0) changes.push({ kind: 'changed', anchor: now.row.anchor, task: now.row.task, place: now.place, cells });
  }
  return changes;
}

/** Pairs whose relative order within their (unchanged) area differs from the old order. */
function reorderedPairs(pairs: [Placed, Placed][]): Set<[Placed, Placed]> {
  const byArea = new Map<string, [Placed, Placed][]>();
  for (const pair of pairs) {
    if (pair[0].place.areaId !== pair[1].place.areaId) continue;
    const list = byArea.get(pair[1].place.areaId) ?? [];
    list.push(pair);
    byArea.set(pair[1].place.areaId, list);
  }
  const out = new Set<[Placed, Placed]>();
  for (const list of byArea.values()) {
    list.sort((a, b) => a[1].place.position - b[1].place.position);
    const kept = longestIncreasing(list.map((pair) => pair[0].place.position));
    list.forEach((pair, index) => {
      if (!kept.has(index)) out.add(pair);
    });
  }
  return out;
}

/** Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, index) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[index] = tails[lo - 1] as number;
    tails[lo] = index;
  });
  const kept = new Set<number>();
  for (let k = tails.length > 0 ? (tails[tails.length - 1] as number) : -1; k >= 0; k = previous[k] as number) kept.add(k);
  return kept;
}

/** A cell's words, collapsed: whitespace differences (re-wrapped lines, trailing spaces) are not changes of duty. */
function changedCells(before: Row, after: Row): CellChange[] {
  const cells: CellChange[] = [];
  for (const party of ['provider', 'customer'] as const) {
    const a = collapse(before[party].text);
    const b = collapse(after[party].text);
    if (a !== b) cells.push({ party, before: a, after: b, words: wordDiff(a, b) });
  }
  return cells;
}

function fullCells(row: Row, kind: 'added' | 'removed'): CellChange[] {
  return (['provider', 'customer'] as const).map((party) => {
    const text = collapse(row[party].text);
    return {
      party,
      before: kind === 'removed' ? text : '',
      after: kind === 'added' ? text : '',
      words: text ? [{ kind, text }] : [],
    };
  });
}

function countRows(offering: Offering): number {
  return offering.sections.reduce((n, s) => n + s.rows.length, 0);
}

const KIND_ORDER = { removed: 0, moved: 1, changed: 2, added: 3 } as const;

/** Site area order, then position, then removals before additions at the same place. */
function byPlace(order: Map<string, number>): (a: RowChange, b: RowChange) => number {
  const rank = (id: string): number => order.get(id) ?? order.size;
  return (a, b) =>
    rank(a.place.areaId) - rank(b.place.areaId) ||
    compare(a.place.areaId, b.place.areaId) ||
    a.place.position - b.place.position ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compare(a.anchor, b.anchor);
}

function summarise(offerings: OfferingChange[]): ChangeSummary {
  const summary: ChangeSummary = { offeringsAdded: 0, offeringsRemoved: 0, offeringsChanged: 0, added: 0, removed: 0, moved: 0, changed: 0 };
  for (const offering of offerings) {
    if (offering.kind === 'added') summary.offeringsAdded++;
    else if (offering.kind === 'removed') summary.offeringsRemoved++;
    else summary.offeringsChanged++;
    for (const row of offering.rows) summary[row.kind]++;
  }
  return summary;
}
