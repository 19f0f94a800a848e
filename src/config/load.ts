/**
 * Reads the content folder's configuration files. site.yaml is required; keywords.yaml and
 * tasks.yaml are optional. Never throws for bad content: problems end up as diagnostics.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { confine, unsafePathMessage } from './confine.js';
import type { FileMemo } from './file-memo.js';
import { fromVFile, report, type Diagnostic } from '../diagnostics.js';
import { parseKeywords, parseSiteConfig, parseTasks, type Parsed } from './parse-config.js';
import type { Keywords, SiteConfig, TaskConfig } from './types.js';
import { PositionMap } from './yaml.js';

export const SITE_FILE = 'site.yaml';
export const KEYWORDS_FILE = 'keywords.yaml';
export const TASKS_FILE = 'tasks.yaml';

export interface LoadedConfig {
  /** Undefined when site.yaml is missing, unparsable or has no valid title. */
  site?: SiteConfig;
  keywords: Keywords;
  tasks: TaskConfig[];
  /** Node positions per file, for later checks that point into the configuration (none point into keywords.yaml). */
  positions: { site: PositionMap; tasks: PositionMap };
  diagnostics: Diagnostic[];
}

/** keywords.yaml as parsed: what a cache keeps of it. */
export interface ParsedKeywords {
  keywords: [string, string][];
  diagnostics: Diagnostic[];
}

/**
 * A cache of parsed keywords.yaml files by their text (the build's parse cache): a catalog's
 * dictionary is large, and parsing it with positions costs more than the rest of a rebuild.
 */
export interface KeywordsCache {
  get(text: string): Promise<ParsedKeywords | undefined>;
  set(text: string, value: ParsedKeywords): Promise<void>;
}

/**
 * Read a content file as UTF-8; a missing optional file is `undefined`, other failures a
 * `read-error`. A file (or a link) that leads outside the content folder is never read: an
 * `unsafe-path` error at the file.
 */
export async function readContentFile(
  contentDir: string,
  relative: string,
  diagnostics: Diagnostic[],
  optional = false,
  memo?: FileMemo,
): Promise<VFile | undefined> {
  if (memo) return memo.read(contentDir, relative, diagnostics, (own) => readContentFile(contentDir, relative, own, optional));
  const place = { line: 1, column: 1 };
  const where = confine(contentDir, relative);
  if (where.kind === 'outside') {
    const file = new VFile({ path: relative });
    report(file, 'unsafe-path', unsafePathMessage(where), place, 'error');
    diagnostics.push(...fromVFile(file, relative));
    return undefined;
  }
  try {
    if (where.kind === 'missing') throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    const value = readFileSync(where.real, 'utf8');
    return new VFile({ path: relative, value });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return undefined;
    const file = new VFile({ path: relative });
    const reason = code === 'ENOENT' ? 'File not found' : `Cannot read file (${code ?? String(error)})`;
    report(file, 'read-error', `${reason}: ${relative}`, place, 'error');
    diagnostics.push(...fromVFile(file, relative));
    return undefined;
  }
}

/**
 * `memo` (the dev server) keeps the files and their parses while their text is unchanged;
 * without it, `keywordsCache` keeps keywords.yaml's parse between builds.
 */
export async function loadConfig(contentDir: string, memo?: FileMemo, keywordsCache?: KeywordsCache): Promise<LoadedConfig> {
  const diagnostics: Diagnostic[] = [];
  const [siteFile, keywordsFile, tasksFile] = await Promise.all([
    readContentFile(contentDir, SITE_FILE, diagnostics, false, memo),
    readContentFile(contentDir, KEYWORDS_FILE, diagnostics, true, memo),
    readContentFile(contentDir, TASKS_FILE, diagnostics, true, memo),
  ]);
  const result: LoadedConfig = {
    keywords: new Map(),
    tasks: [],
    positions: { site: new PositionMap(), tasks: new PositionMap() },
    diagnostics,
  };
  const parse = <T>(file: VFile, name: string, parser: (text: string, file: VFile) => Parsed<T>) => {
    const text = String(file.value);
    const make = () => {
      const parsed = parser(text, file);
      return { parsed, diagnostics: fromVFile(file, name) };
    };
    const made = memo ? memo.derived(name, [text], make) : make();
    diagnostics.push(...made.diagnostics);
    return made;
  };
  if (siteFile) {
    const { parsed } = parse(siteFile, SITE_FILE, parseSiteConfig);
    if (parsed.value) result.site = parsed.value;
    result.positions.site = parsed.positions;
  }
  const keywordsText = keywordsFile && String(keywordsFile.value);
  const cached = keywordsText !== undefined && !memo ? await keywordsCache?.get(keywordsText) : undefined;
  if (cached) {
    result.keywords = new Map(cached.keywords);
    diagnostics.push(...cached.diagnostics);
  } else if (keywordsFile) {
    const made = parse(keywordsFile, KEYWORDS_FILE, parseKeywords);
    result.keywords = made.parsed.value;
    if (!memo) await keywordsCache?.set(String(keywordsText), { keywords: [...made.parsed.value], diagnostics: made.diagnostics });
  } else if (memo) {
    // The same empty map while there is no file: sources' keys depend on its identity.
    result.keywords = memo.derived(KEYWORDS_FILE, [], () => result.keywords);
  }
  if (tasksFile) {
    const { parsed } = parse(tasksFile, TASKS_FILE, parseTasks);
    result.tasks = parsed.value;
    result.positions.tasks = parsed.positions;
  }
  return result;
}
