/**
 * Reads the content folder's configuration files. site.yaml is required; keywords.yaml and
 * tasks.yaml are optional. Never throws for bad content: problems end up as diagnostics.
 */
import { readFile } from 'node:fs/promises';
import { VFile } from 'vfile';
import { confine, unsafePathMessage } from './confine.js';
import { fromVFile, report, type Diagnostic } from '../diagnostics.js';
import { parseKeywords, parseSiteConfig, parseTasks } from './parse-config.js';
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
  /** Node positions per file, for later checks that point into the configuration. */
  positions: { site: PositionMap; keywords: PositionMap; tasks: PositionMap };
  diagnostics: Diagnostic[];
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
): Promise<VFile | undefined> {
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
    const value = await readFile(where.real, 'utf8');
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

export async function loadConfig(contentDir: string): Promise<LoadedConfig> {
  const diagnostics: Diagnostic[] = [];
  const [siteFile, keywordsFile, tasksFile] = await Promise.all([
    readContentFile(contentDir, SITE_FILE, diagnostics),
    readContentFile(contentDir, KEYWORDS_FILE, diagnostics, true),
    readContentFile(contentDir, TASKS_FILE, diagnostics, true),
  ]);
  const result: LoadedConfig = {
    keywords: new Map(),
    tasks: [],
    positions: { site: new PositionMap(), keywords: new PositionMap(), tasks: new PositionMap() },
    diagnostics,
  };
  if (siteFile) {
    const parsed = parseSiteConfig(String(siteFile.value), siteFile);
    if (parsed.value) result.site = parsed.value;
    result.positions.site = parsed.positions;
    diagnostics.push(...fromVFile(siteFile, SITE_FILE));
  }
  if (keywordsFile) {
    const parsed = parseKeywords(String(keywordsFile.value), keywordsFile);
    result.keywords = parsed.value;
    result.positions.keywords = parsed.positions;
    diagnostics.push(...fromVFile(keywordsFile, KEYWORDS_FILE));
  }
  if (tasksFile) {
    const parsed = parseTasks(String(tasksFile.value), tasksFile);
    result.tasks = parsed.value;
    result.positions.tasks = parsed.positions;
    diagnostics.push(...fromVFile(tasksFile, TASKS_FILE));
  }
  return result;
}
