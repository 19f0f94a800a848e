/**
 * The reader's working state of a stack (tick, owner, note per duty), as kept in localStorage:
 * one entry per stack (the chosen offerings, in any order), holding a record per offering row
 * (`<offering-id>#<row-anchor>`). A merged duty writes its state to each of its rows, so a change
 * of wording that splits it keeps the state on both; a row that disappears from the content
 * loses only its own state, and the page says so. Pure, apart from the Storage passed in.
 */
import { rowKey, type Stack, type StackDuty } from './merge.js';
import { byCodeUnit } from '../shared/order.js';

export interface DutyState {
  done: boolean;
  owner: string;
  note: string;
}

export type SavedRows = Record<string, DutyState>;

export const EMPTY_STATE: DutyState = { done: false, owner: '', note: '' };

const PREFIX = 'respmatrix:stack:';
/** The most recent stack, so "Add to my stack" adds to it. */
export const LAST_STACK_KEY = `${PREFIX}last`;

/** One storage entry per set of offerings: the order they were chosen in does not matter. */
export function stackStorageKey(offeringIds: readonly string[]): string {
  return PREFIX + [...new Set(offeringIds)].sort().join(',');
}

function isEmpty(state: DutyState): boolean {
  return !state.done && state.owner === '' && state.note === '';
}

/** Read a stored entry, ignoring anything malformed (an old or hand-edited entry must not break the page). */
export function parseSaved(json: string | null): SavedRows {
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  const rows = (value as { rows?: unknown } | null)?.rows;
  if (!rows || typeof rows !== 'object') return {};
  const out: SavedRows = {};
  for (const [key, raw] of Object.entries(rows as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    const state = {
      done: r.done === true,
      owner: typeof r.owner === 'string' ? r.owner : '',
      note: typeof r.note === 'string' ? r.note : '',
    };
    if (!isEmpty(state)) out[key] = state;
  }
  return out;
}

export function serialiseSaved(rows: SavedRows): string {
  const sorted = Object.fromEntries(Object.entries(rows).sort(([a], [b]) => byCodeUnit(a, b)));
  return JSON.stringify({ version: 1, rows: sorted });
}

function keysOf(duty: StackDuty): string[] {
  return duty.sources.map((source) => rowKey(source.offeringId, source.anchor));
}

/** A duty's state: that of its first row with any state saved. */
export function dutyState(saved: SavedRows, duty: StackDuty): DutyState {
  for (const key of keysOf(duty)) {
    const state = saved[key];
    if (state) return state;
  }
  return EMPTY_STATE;
}

/** Save a duty's state on every row it stands for (an empty state removes them). */
export function withDutyState(saved: SavedRows, duty: StackDuty, state: DutyState): SavedRows {
  const next = { ...saved };
  const clean = { done: state.done, owner: state.owner.trim(), note: state.note.trim() };
  for (const key of keysOf(duty)) {
    if (isEmpty(clean)) delete next[key];
    else next[key] = clean;
  }
  return next;
}

/** A saved row the current content no longer has. */
export interface DroppedRow {
  offeringId: string;
  anchor: string;
  state: DutyState;
}

/** Keep the states of rows that are still duties of the stack; report the others. */
export function pruneSaved(saved: SavedRows, stack: Stack): { saved: SavedRows; dropped: DroppedRow[] } {
  const live = new Set(stack.areas.flatMap((a) => a.tasks.flatMap((t) => t.duties.flatMap(keysOf))));
  const kept: SavedRows = {};
  const dropped: DroppedRow[] = [];
  for (const [key, state] of Object.entries(saved)) {
    if (live.has(key)) {
      kept[key] = state;
      continue;
    }
    const hash = key.indexOf('#');
    dropped.push({ offeringId: key.slice(0, hash), anchor: key.slice(hash + 1), state });
  }
  return { saved: kept, dropped };
}

/** Offering ids from `?o=a,b` (repeated `o` parameters too), known ids only, first mention kept. */
export function parseStackQuery(search: string, known: ReadonlySet<string>): string[] {
  const params = new URLSearchParams(search);
  const ids = params
    .getAll('o')
    .flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter((id) => known.has(id));
  return [...new Set(ids)];
}

/** The query string of a stack (`?o=a,b`), or '' for none chosen. */
export function formatStackQuery(offeringIds: readonly string[]): string {
  return offeringIds.length ? `?o=${offeringIds.map(encodeURIComponent).join(',')}` : '';
}
