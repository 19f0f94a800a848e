/**
 * Row task names -> canonical task ids: configured aliases first (preferring a task of the
 * row's area), else a task derived from the name. Also lists all tasks, sorted by id.
 */
import type { TaskConfig } from '../config/types.js';
import { slugify } from '../shared/slug.js';
import type { CanonicalTask } from './types.js';

/** Keys by name: the same few task names recur in every table of every page (rowName). */
const keys = new Map<string, string>();
/**
 * The memo keeps this many names, then makes the keys of further names each time (a dev server
 * sees every name its edits make). Clearing it instead made every key again on a page of more
 * names than this, whose tables, CSV and search ask for them in the same order each time.
 */
const MAX_KEYS = 50_000;

/** Case, spacing and punctuation do not distinguish task names. */
export function taskKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (keys.size < MAX_KEYS) keys.set(name, key);
  }
  return key;
}

/** Whether two task names are the same name (taskKey), asked without keys when they are identical, as most are. */
export function sameTaskName(a: string, b: string): boolean {
  return a === b || taskKey(a) === taskKey(b);
}

export class TaskMatcher {
  private readonly byKey = new Map<string, TaskConfig[]>();
  private readonly tasks = new Map<string, CanonicalTask>();
  /** Each configured id's formerIds (the first task of that id, as a search of the list finds). */
  private readonly former = new Map<string, string[]>();

  constructor(configured: TaskConfig[]) {
    for (const t of configured) {
      const task: CanonicalTask = { id: t.id, title: t.title, aliases: [...t.aliases] };
      if (t.area !== undefined) task.areaId = t.area;
      if (t.formerIds !== undefined && t.formerIds.length > 0) task.formerIds = [...t.formerIds];
      if (t.controls !== undefined && t.controls.length > 0) task.controls = [...t.controls];
      this.tasks.set(t.id, task);
      if (!this.former.has(t.id)) this.former.set(t.id, t.formerIds ?? []);
      for (const name of new Set([t.title, ...t.aliases].map(taskKey))) {
        const list = this.byKey.get(name) ?? [];
        list.push(t);
        this.byKey.set(name, list);
      }
    }
  }

  idFor(name: string, areaId: string): string {
    const key = taskKey(name);
    const candidates = this.byKey.get(key) ?? [];
    const hit = candidates.find((t) => t.area === areaId) ?? candidates.find((t) => t.area === undefined);
    if (hit) return hit.id;
    // Derived: one task per name and area; the same name in another area is another task.
    const base = slugify(name) || 'task';
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n === 2 ? areaId : `${areaId}-${n}`}`;
      const existing = this.tasks.get(id);
      if (!existing) {
        this.tasks.set(id, { id, title: name, areaId, aliases: [name] });
        const list = this.byKey.get(key) ?? [];
        list.push({ id, title: name, area: areaId, aliases: [name] });
        this.byKey.set(key, list);
        return id;
      }
      if (existing.areaId === areaId && taskKey(existing.title) === key) return id;
    }
  }

  /** tasks.yaml formerIds of a task id (none for derived tasks). */
  formerIds(id: string): string[] {
    return this.former.get(id) ?? [];
  }

  list(): CanonicalTask[] {
    return [...this.tasks.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
