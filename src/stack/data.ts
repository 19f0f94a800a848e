/**
 * The per-offering data files the browser loads on demand (`data/offerings/<id>.json`), and the
 * offering index (`data/offering-index.json`) pickers search. One small file per offering keeps the
 * output linear in offerings and lets a page fetch only the offerings a reader chose.
 * The shapes are plain data shared with the browser (no Node imports here).
 */
import type { Rich } from '../model/types.js';

/** Where the files live, relative to the site base (the browser fetches the same paths). */
export const OFFERING_INDEX_PATH = 'data/offering-index.json';
export function offeringDataPath(offeringId: string): string {
  return `data/offerings/${offeringId}.json`;
}

/** One entry of the offering index. */
export interface OfferingIndexEntry {
  id: string;
  name: string;
  family?: string;
}

export interface OfferingIndexFile {
  offerings: OfferingIndexEntry[];
}

export interface OfferingDataRow {
  /** The row's fragment on the offering page (`<area-id>--<task-id>`). */
  anchor: string;
  taskId: string;
  /** The canonical task's title (the source's own label when the task has no other title). */
  taskTitle: string;
  /** The task as the source words it. */
  task: string;
  provider: Rich;
  customer: Rich;
}

export interface OfferingDataArea {
  id: string;
  title: string;
  /** The area's position in the site's area order, so merged views order areas alike. */
  order: number;
  rows: OfferingDataRow[];
}

export interface OfferingDataFile {
  id: string;
  name: string;
  /** The offering page, relative to the site base. */
  url: string;
  /** The offering's checklist page, relative to the site base. */
  checklistUrl: string;
  areas: OfferingDataArea[];
}
