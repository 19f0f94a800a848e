/**
 * Site paths and renames, pure and shared: rendering writes the renames into each page, the
 * browser (src/client/legacy-fragments.ts) follows them, and the baseline check applies them.
 */
import type { Redirect, Site } from '../model/types.js';

/** A site path split into page URL and fragment (`offerings/x/#a` -> ['offerings/x/', 'a']). */
export function splitTarget(target: string): { page: string; fragment?: string } {
  const trimmed = target.trim().replace(/^\/+/, '');
  const hash = trimmed.indexOf('#');
  const page = hash === -1 ? trimmed : trimmed.slice(0, hash);
  const fragment = hash === -1 ? undefined : decodeURIComponent(trimmed.slice(hash + 1));
  return fragment ? { page: normalisePage(page), fragment } : { page: normalisePage(page) };
}

/** `offerings/x` and `offerings/x/index.html` both mean the page `offerings/x/`. */
export function normalisePage(page: string): string {
  let p = page.replace(/^\/+/, '').replace(/(^|\/)index\.html$/, '$1');
  if (p !== '' && !p.endsWith('/') && !/\.[a-z0-9]+$/i.test(p)) p += '/';
  return p;
}

/**
 * Renamed offerings (a whole-page redirect `offerings/a/` -> `offerings/b/`) and tasks (former
 * row anchors): pages that repeat offering or task ids in their own ids (area, compare and
 * checklist pages: `a--table`, `disaster-recovery--old-task`) map old ids to new ones in the
 * browser (src/client/legacy-fragments.ts); the baseline check applies the same rule.
 */
export interface Renames {
  offerings: Record<string, string>;
  tasks: Record<string, string>;
}

export function renamesOf(site: Site, redirects: readonly Redirect[]): Renames {
  const offerings: Record<string, string> = {};
  const ids = new Set(site.offerings.map((o) => o.id));
  for (const redirect of redirects) {
    const from = /^offerings\/([^/#]+)\/$/.exec(splitTarget(redirect.from).page);
    const to = splitTarget(redirect.to);
    const target = /^offerings\/([^/#]+)\/$/.exec(to.page);
    if (from?.[1] && target?.[1] && to.fragment === undefined && !splitTarget(redirect.from).fragment && ids.has(target[1])) {
      offerings[from[1]] = target[1];
    }
  }
  return { offerings: sortRecord(offerings), tasks: taskRenamesOf(site) };
}

/** Per site: the task renames its rows' aliases imply, found in one pass over every row (the redirects do not change them). */
const taskRenames = new WeakMap<Site, Record<string, string>>();

function taskRenamesOf(site: Site): Record<string, string> {
  let tasks = taskRenames.get(site);
  if (tasks) return tasks;
  const found = new Map<string, string>();
  for (const offering of site.offerings) {
    for (const section of offering.sections) {
      for (const row of section.rows) {
        if (!row.aliases) continue;
        const prefix = row.anchor.slice(0, row.anchor.length - row.taskId.length);
        for (const alias of row.aliases) {
          if (!alias.startsWith(prefix) || alias.length <= prefix.length) continue;
          const old = alias.slice(prefix.length);
          if (!found.has(old)) found.set(old, row.taskId);
        }
      }
    }
  }
  taskRenames.set(site, (tasks = sortRecord(found)));
  return tasks;
}

function sortRecord(record: Record<string, string> | Map<string, string>): Record<string, string> {
  const entries = record instanceof Map ? record : new Map(Object.entries(record));
  return Object.fromEntries([...entries.keys()].sort().map((key) => [key, entries.get(key)!]));
}

/** Ids an old id may now have under the renames (offering prefix and/or task suffix). */
export function renamedIds(id: string, renames: Renames): string[] {
  const out = new Set<string>();
  const parts = id.split('--');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const offering = renames.offerings[first];
  const task = parts.length > 1 ? renames.tasks[last] : undefined;
  const withOffering = offering ? [offering, ...parts.slice(1)] : parts;
  if (offering) out.add(withOffering.join('--'));
  if (task) out.add([...parts.slice(0, -1), task].join('--'));
  if (offering && task && parts.length > 1) out.add([...withOffering.slice(0, -1), task].join('--'));
  out.delete(id);
  return [...out];
}

