/**
 * A checklist as CSV, as the checklist page downloads it with the reader's ticks and the date.
 * Pure (no Node or DOM names): the browser bundles it, and tests check it in Node.
 */
import { csvLine } from '../shared/csv-fields.js';
import { LABEL_SOURCE } from '../model/row-name.js';

export interface ChecklistCsvItem {
  area: string;
  /** The canonical task title, and the source's own label when it differs. */
  task: string;
  label?: string;
  duty: string;
  /** Absolute URL of the row. */
  url: string;
  /** The reader's tick (a column left empty when absent). */
  done?: boolean;
}

export interface ChecklistCsvOptions {
  /** Column heading of the duty: "your duty", "Acme's duty". */
  dutyHeader: string;
  /** Absolute URL of the checklist page. */
  pageUrl: string;
  /** The date the source says it was last updated (YYYY-MM-DD). */
  sourceUpdated?: string;
  /** The day the reader downloaded the file (YYYY-MM-DD). */
  exported?: string;
}

export function checklistCsvText(items: readonly ChecklistCsvItem[], options: ChecklistCsvOptions): string {
  let out = csvLine(['area', 'task', `${LABEL_SOURCE} label`, options.dutyHeader, 'done', 'link', 'checklist', `${LABEL_SOURCE} last updated`, 'exported']);
  for (const item of items) {
    out += csvLine([
      item.area,
      item.task,
      item.label ?? item.task,
      item.duty,
      item.done === undefined ? '' : item.done ? 'yes' : 'no',
      item.url,
      options.pageUrl,
      options.sourceUpdated ?? '',
      options.exported ?? '',
    ]);
  }
  return out;
}
