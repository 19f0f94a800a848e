/**
 * The name a row is shown under: its canonical task's title (tasks.yaml), the name /compare/
 * lines rows up by, plus the source's own label when that says something else (IBM calls four
 * different rows of one page "Applications"). Shared by pages, exports, search and the browser.
 */
import type { CanonicalTask, Row } from './types.js';
import { sameTaskName } from './tasks.js';

export interface RowName {
  /** The canonical task title. */
  title: string;
  /** The source's own label, only when it differs from the title (case, spacing and punctuation aside). */
  label?: string;
}

/** Task id -> title for `rowName`. */
export type TaskTitles = ReadonlyMap<string, string>;

const cache = new WeakMap<readonly object[], Map<string, string>>();

/** Built once per task list (a site renders thousands of tables from one). */
export function taskTitleMap(tasks: readonly Pick<CanonicalTask, 'id' | 'title'>[]): TaskTitles {
  let titles = cache.get(tasks);
  if (!titles) {
    titles = new Map(tasks.map((task) => [task.id, task.title]));
    cache.set(tasks, titles);
  }
  return titles;
}

export function rowName(titles: TaskTitles, row: Pick<Row, 'task' | 'taskId'>): RowName {
  const title = titles.get(row.taskId) ?? row.task;
  return sameTaskName(title, row.task) ? { title } : { title, label: row.task };
}

/** Who wrote the labels: the sources are IBM's docs pages. */
export const LABEL_SOURCE = 'IBM';

/** One line of plain text, "Backups (IBM: Applications)", where markup cannot set the label apart. */
export function rowNameText(name: RowName): string {
  return name.label === undefined ? name.title : `${name.title} (${LABEL_SOURCE}: ${name.label})`;
}
