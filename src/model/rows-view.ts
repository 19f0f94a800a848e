/**
 * The model as the files made from its rows alone read it (the search index, the CSV): names,
 * titles, and each row's task, anchor and cell text, without markup or source positions. A
 * rebuild makes those files in another thread, and sends it this instead of a copy of the whole
 * model, which costs several times as much to send and to decode.
 */
import type { Area, CanonicalTask, Rich, Row, Site } from './types.js';

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

export type ViewRow = Pick<Row, 'anchor' | 'task' | 'taskId' | 'group' | 'provider' | 'customer'>;

/**
 * The view of `site`, a copy of what it holds. A cell keeps its HTML only when its text is
 * blank: only then does the HTML decide whether the cell is a duty (duty.ts).
 */
export function rowsView(site: Site): RowsView {
  const cell = ({ text, html }: Rich): Rich => ({ text, html: text.trim() === '' ? html : '' });
  return {
    parties: site.parties,
    ...(site.baseUrl === undefined ? {} : { baseUrl: site.baseUrl }),
    areas: site.areas.map(({ id, title, description }) => ({ id, title, ...(description === undefined ? {} : { description }) })),
    tasks: site.tasks.map(({ id, title }) => ({ id, title })),
    offerings: site.offerings.map(({ id, name, sections }) => ({
      id,
      name,
      sections: sections.map(({ areaId, title, intro, rows }) => ({
        areaId,
        title,
        ...(intro ? { intro: { text: intro.text } } : {}),
        rows: rows.map(({ anchor, task, taskId, group, provider, customer }) => ({
          anchor,
          task,
          taskId,
          ...(group === undefined ? {} : { group }),
          provider: cell(provider),
          customer: cell(customer),
        })),
      })),
    })),
  };
}
