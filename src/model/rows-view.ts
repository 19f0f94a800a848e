/**
 * The model as the files made from its rows alone read it (the search index, the CSV): names,
 * titles, and each row's task, anchor, cell text and whose duty it lists, without markup or
 * source positions. A rebuild makes those files in another thread, and sends it this instead of
 * a copy of the whole model, which costs several times as much to send and to decode.
 */
import { rowDuties, type RowDuties } from './duty.js';
import type { Area, CanonicalTask, Rich, Row, Site } from './types.js';
import { isRecord } from '../shared/shapes.js';

/** Any Site is one. */
export interface RowsView {
  parties: Site['parties'];
  baseUrl?: string;
  areas: Pick<Area, 'id' | 'title' | 'description'>[];
  tasks: Pick<CanonicalTask, 'id' | 'title'>[];
  offerings: { id: string; name: string; sections: ViewSection[] }[];
}

export interface ViewSection {
  areaId: string;
  title: string;
  intro?: Pick<Rich, 'text'>;
  rows: ViewRow[];
}

/**
 * A row of the model, or of the view: its cells' text alone, with whose duty it lists decided
 * by the thread that made the view (duty.ts needs a blank cell's HTML).
 */
export type ViewRow =
  | Pick<Row, 'anchor' | 'task' | 'taskId' | 'group' | 'provider' | 'customer'>
  | (Pick<Row, 'anchor' | 'task' | 'taskId' | 'group'> & { provider: Pick<Rich, 'text'>; customer: Pick<Rich, 'text'>; duties: RowDuties });

/**
 * The view of `site`, a copy of what it holds. An offering for which `held(index)` is true (the
 * receiver has its rows already, by its key) comes without its sections, for the receiver to fill in.
 */
export function rowsView(site: Site, held?: (index: number) => boolean): RowsView {
  return {
    parties: site.parties,
    ...(site.baseUrl === undefined ? {} : { baseUrl: site.baseUrl }),
    areas: site.areas.map(({ id, title, description }) => ({ id, title, ...(description === undefined ? {} : { description }) })),
    tasks: site.tasks.map(({ id, title }) => ({ id, title })),
    offerings: site.offerings.map(({ id, name, sections }, index) => ({
      id,
      name,
      sections: held?.(index) ? [] : sections.map(({ areaId, title, intro, rows }) => ({
        areaId,
        title,
        ...(intro ? { intro: { text: intro.text } } : {}),
        rows: rows.map((row) => ({
          anchor: row.anchor,
          task: row.task,
          taskId: row.taskId,
          ...(row.group === undefined ? {} : { group: row.group }),
          provider: { text: row.provider.text },
          customer: { text: row.customer.text },
          duties: rowDuties(row),
        })),
      })),
    })),
  };
}

/** Whether `value` (read back from a file) has the shape of an offering's sections in the view. */
export function isViewSections(value: unknown): value is ViewSection[] {
  return Array.isArray(value) && value.every((section: unknown) => {
    if (!isRecord(section) || typeof section['areaId'] !== 'string' || typeof section['title'] !== 'string') return false;
    if (section['intro'] !== undefined && !hasText(section['intro'])) return false;
    const rows = section['rows'];
    return Array.isArray(rows) && rows.every((row: unknown) =>
      isRecord(row) &&
      typeof row['anchor'] === 'string' &&
      typeof row['task'] === 'string' &&
      typeof row['taskId'] === 'string' &&
      (row['group'] === undefined || typeof row['group'] === 'string') &&
      hasText(row['provider']) &&
      hasText(row['customer']) &&
      DUTIES.has(row['duties']),
    );
  });
}

const DUTIES = new Set<unknown>(['p', 'c', 'b', '']);

function hasText(value: unknown): boolean {
  return isRecord(value) && typeof value['text'] === 'string';
}
