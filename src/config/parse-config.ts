/**
 * site.yaml, keywords.yaml and tasks.yaml: text -> validated config, problems on the vfile.
 * Invalid parts are dropped (not guessed at), so the remaining configuration can still be used
 * to check the sources and report everything in one run.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { AreaConfig, Keywords, OfferingConfig, SiteConfig, TaskConfig } from './types.js';
import { validateKeywords, validateSite, validateTasks } from './validators.generated.js';
import { validateWithPositions, type SchemaProblem } from './validate.js';
import { escapePointer, parseYaml, type PositionMap } from './yaml.js';

export const DEFAULT_PARTIES = { provider: 'IBM', customer: 'You' } as const;

/** Where each configured area, offering and task was written (JSON pointer into its file). */
const pointers = new WeakMap<object, string>();

/** The JSON pointer of a configuration object in its file (`/offerings/2`), for positions. */
export function pointerOf(item: object): string | undefined {
  return pointers.get(item);
}

export interface Parsed<T> {
  value: T;
  positions: PositionMap;
}

type Json = Record<string, unknown>;

/** site.yaml. `value` is undefined when the file is unusable (no valid title). */
export function parseSiteConfig(text: string, file: VFile): Parsed<SiteConfig | undefined> {
  const doc = parseYaml(text, file);
  if (!doc.ok) return { value: undefined, positions: doc.positions };
  const data = doc.data ?? {};
  const problems = validateWithPositions(validateSite, data, doc.positions, file);
  if (!isObject(data)) return { value: undefined, positions: doc.positions };
  const raw = prune(data, problems) as Json;
  const site: SiteConfig = {
    title: typeof raw['title'] === 'string' ? raw['title'] : '',
    parties: { ...DEFAULT_PARTIES, ...(raw['parties'] as Partial<SiteConfig['parties']> | undefined) },
    areas: uniqueById((raw['areas'] as AreaConfig[] | undefined) ?? [], '/areas', 'area', doc.positions, file),
    redirects: confinedRedirects((raw['redirects'] as SiteConfig['redirects'] | undefined) ?? [], doc.positions, file),
  };
  for (const key of ['description', 'baseUrl', 'linkBase'] as const) {
    const value = raw[key];
    if (typeof value === 'string') site[key] = value;
  }
  if (site.baseUrl !== undefined && !URL.canParse(site.baseUrl)) {
    report(file, 'schema', `"baseUrl" is not a valid URL: ${site.baseUrl}`, doc.positions.get('/baseUrl'), 'error');
    delete site.baseUrl;
  }
  // Invalid entries stay as empty lists, so the others keep their index (and position).
  if (Array.isArray(raw['compare'])) site.compare = (raw['compare'] as unknown[]).map((c) => (Array.isArray(c) ? (c as string[]) : []));
  if (Array.isArray(raw['offerings'])) {
    const offerings = confinedSources(raw['offerings'] as OfferingConfig[], doc.positions, file);
    site.offerings = uniqueById(offerings, '/offerings', 'offering', doc.positions, file);
  }
  return { value: site.title === '' ? undefined : site, positions: doc.positions };
}

/** keywords.yaml: name -> text; numbers and booleans are kept as written (`1.0` stays "1.0"). */
export function parseKeywords(text: string, file: VFile): Parsed<Keywords> {
  const doc = parseYaml(text, file);
  const keywords: Keywords = new Map();
  if (!doc.ok) return { value: keywords, positions: doc.positions };
  const data = doc.data ?? {};
  const problems = validateWithPositions(validateKeywords, data, doc.positions, file);
  if (!isObject(data)) return { value: keywords, positions: doc.positions };
  const bad = new Set(problems.map((p) => p.pointer));
  for (const [name, value] of Object.entries(data)) {
    const pointer = `/${escapePointer(name)}`;
    if (bad.has(pointer) && !['string', 'number', 'boolean'].includes(typeof value)) {
      // Keep the name so every use is not reported again as an unknown keyref.
      keywords.set(name, '');
      continue;
    }
    keywords.set(name, typeof value === 'string' ? value : (doc.positions.raw(pointer) ?? String(value)));
  }
  return { value: keywords, positions: doc.positions };
}

/** tasks.yaml: a list of canonical tasks. */
export function parseTasks(text: string, file: VFile): Parsed<TaskConfig[]> {
  const doc = parseYaml(text, file);
  if (!doc.ok) return { value: [], positions: doc.positions };
  const data = doc.data ?? [];
  const problems = validateWithPositions(validateTasks, data, doc.positions, file);
  if (!Array.isArray(data)) return { value: [], positions: doc.positions };
  const pruned = prune(data, problems) as unknown[];
  const tasks: TaskConfig[] = [];
  pruned.forEach((t, index) => {
    if (!isObject(t)) return;
    const task: TaskConfig = {
      id: t['id'] as string,
      title: t['title'] as string,
      aliases: (t['aliases'] as string[] | undefined) ?? [],
    };
    if (typeof t['area'] === 'string') task.area = t['area'];
    if (Array.isArray(t['formerIds'])) task.formerIds = t['formerIds'] as string[];
    if (Array.isArray(t['controls'])) task.controls = t['controls'] as string[];
    pointers.set(task, `/${index}`);
    tasks.push(task);
  });
  checkTaskNames(data as Json[], doc.positions, file);
  return { value: tasks, positions: doc.positions };
}

/** Ids must be unique and an alias may mean only one task per area. */
function checkTaskNames(tasks: Json[], positions: PositionMap, file: VFile): void {
  const ids = new Map<string, number>();
  const aliases = new Map<string, string>();
  tasks.forEach((task, index) => {
    if (!isObject(task)) return;
    const names = [task['id'], ...(Array.isArray(task['formerIds']) ? task['formerIds'] : [])];
    names.forEach((name, n) => {
      if (typeof name !== 'string') return;
      const pointer = n === 0 ? `/${index}/id` : `/${index}/formerIds/${n - 1}`;
      const first = ids.get(name);
      if (first !== undefined && first !== index) {
        report(file, 'schema', `Task id "${name}" is already used by task ${first + 1}`, positions.get(pointer), 'error');
      } else ids.set(name, index);
    });
    const area = typeof task['area'] === 'string' ? task['area'] : '';
    const own = [task['title'], ...(Array.isArray(task['aliases']) ? task['aliases'] : [])];
    const mine = new Set<string>();
    own.forEach((alias, n) => {
      if (typeof alias !== 'string') return;
      const key = `${area}\u0000${normaliseTaskName(alias)}`;
      const owner = aliases.get(key);
      if (owner !== undefined && owner !== task['id']) {
        const where = area ? ` in area "${area}"` : '';
        const pointer = n === 0 ? `/${index}/title` : `/${index}/aliases/${n - 1}`;
        report(file, 'schema', `"${alias}" already names task "${owner}"${where}`, positions.get(pointer), 'error');
      } else if (!mine.has(key)) {
        aliases.set(key, String(task['id']));
      }
      mine.add(key);
    });
  });
}

/** How task names are compared: case, spacing and punctuation at the ends do not matter. */
export function normaliseTaskName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s.:;,]+|[\s.:;,]+$/g, '');
}

/** A path segment that climbs (`..`) or stays put (`.`): never part of a page address or source name. */
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/**
 * A redirect page is written at its `from` path: one that climbs out with `..` would be written
 * outside the output folder. Such redirects are `unsafe-path` errors and dropped.
 */
function confinedRedirects(redirects: SiteConfig['redirects'], positions: PositionMap, file: VFile): SiteConfig['redirects'] {
  return redirects.filter((redirect, index) => {
    if (!redirect) return false;
    const page = redirect.from.split('#')[0] ?? '';
    let decoded = page;
    try {
      decoded = decodeURIComponent(page);
    } catch {
      // Malformed escapes stay as written: they cannot spell a dot segment either.
    }
    if (!DOT_SEGMENT.test(page) && !DOT_SEGMENT.test(decoded)) return true;
    const message = `Redirect from "${redirect.from}" climbs out of the site with "." or "..": its page would be written outside the output folder`;
    report(file, 'unsafe-path', message, positions.get(`/redirects/${index}/from`), 'error');
    return false;
  });
}

/** An offering's `source` names a file in sources/: one that leads out of it is `unsafe-path`. */
function confinedSources(offerings: OfferingConfig[], positions: PositionMap, file: VFile): (OfferingConfig | undefined)[] {
  return offerings.map((offering, index) => {
    if (!offering || (!offering.source.startsWith('/') && !DOT_SEGMENT.test(offering.source))) return offering;
    const message = `Offering "${offering.id}" names source "${offering.source}", a path out of sources/: name a file in sources/`;
    report(file, 'unsafe-path', message, positions.get(`/offerings/${index}/source`), 'error');
    return undefined;
  });
}

function uniqueById<T extends { id: string }>(
  items: readonly (T | undefined)[],
  base: string,
  what: string,
  positions: PositionMap,
  file: VFile,
): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  items.forEach((item, index) => {
    if (!item) return;
    if (seen.has(item.id)) {
      report(file, 'schema', `Duplicate ${what} id "${item.id}"`, positions.get(`${base}/${index}/id`), 'error');
      return;
    }
    seen.add(item.id);
    pointers.set(item, `${base}/${index}`);
    out.push(item);
  });
  return out;
}

/**
 * Drop what failed validation: a list item with a problem anywhere inside it, or a top-level
 * property with a problem. A problem at the root itself (a missing title) drops nothing.
 * List items are replaced by undefined, so indexes keep matching positions.
 */
function prune(data: unknown, problems: SchemaProblem[]): unknown {
  const out: unknown = structuredClone(data);
  for (const { pointer } of problems) {
    const segments = pointer.split('/').slice(1);
    if (segments.length === 0) continue;
    if (Array.isArray(out)) {
      out[Number(segments[0])] = undefined;
      continue;
    }
    if (!isObject(out)) continue;
    const top = unescape(segments[0] ?? '');
    const value = out[top];
    if (Array.isArray(value) && segments.length > 1) value[Number(segments[1])] = undefined;
    else delete out[top];
  }
  return out;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
