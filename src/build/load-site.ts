/**
 * The content folder -> the typed Site model, with every problem as a diagnostic.
 * Reads the configuration and every source (`sources/*.md`, `*.yaml`, in sorted order), parses
 * each into a ParsedSource, builds offerings, areas and tasks, then runs the cross-file checks.
 * Never throws for bad content; `site` is undefined only when no site can be built at all.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, readContentFile, SITE_FILE, TASKS_FILE, type KeywordsCache, type LoadedConfig, type ParsedKeywords } from '../config/load.js';
import { confine, unsafePathMessage } from '../config/confine.js';
import { FileMemo } from '../config/file-memo.js';
import { DEFAULT_PARTIES, pointerOf } from '../config/parse-config.js';
import type { ContentConfig, SiteConfig, TableSelector } from '../config/types.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { ParseContext } from '../parse/context.js';
import type { ParseOutcome } from '../parse/source.js';
import type { ParsedSource } from '../parse/types.js';
import { checkAlignment } from '../model/align.js';
import { buildOfferings, matches, sourceOfferingId } from '../model/offerings.js';
import type { Site } from '../model/types.js';
import { defaultCacheDir } from './cache/location.js';
import { codeFingerprint } from './cache/fingerprint.js';
import { keywordsKey } from './cache/keys.js';
import { packFile, ParsePack, stampOf } from './cache/pack.js';
import { DiskStore } from './cache/store.js';
import { cacheContext, parseSources, type ParseSourcesOptions, type ParseStats, type SourceInput } from './parse-sources.js';
import { byCodeUnit } from '../shared/order.js';
import { boundHeapGrowth } from './heap-growth.js';
import { keyOfferings } from './offering-keys.js';

export const SOURCES_DIR = 'sources';
/** Sources looked up in the parse cache's pack between two turns of the event loop. */
const DECODE_BATCH = 64;
const MARKDOWN = /\.(md|markdown)$/i;
const YAML = /\.ya?ml$/i;

export interface LoadResult {
  site?: Site;
  diagnostics: Diagnostic[];
  /** How many sources came from the parse cache, were parsed, and on how many workers. */
  stats?: ParseStats;
  /**
   * The parse cache's writes, left to finish while the caller goes on (the process stays
   * alive for them); never rejects. A load that starts before they end finds the older pack.
   */
  saved?: Promise<void>;
}

export interface LoadOptions extends Omit<ParseSourcesOptions, 'cacheDir' | 'memo' | 'pack' | 'packFile'> {
  /** Parse cache folder; default node_modules/.cache/respmatrix of the working directory; false: none. */
  cacheDir?: string | false;
  /** Kept between loads (the dev server): a reload reads, hashes and parses only what changed. */
  memo?: LoadMemo;
  /**
   * Called with the site as soon as it is built, before the checks across offerings, with the
   * problems found so far (a rebuild's files worker starts on it meanwhile).
   */
  onSite?: (site: Site, diagnostics: readonly Diagnostic[]) => void;
  /**
   * Called once the sources are read, before any is parsed, with the ids their offerings will
   * have (site.yaml's, else each source's): a cold build lays out their pages' files meanwhile.
   */
  onParse?: (offeringIds: readonly string[]) => void;
}

/** What the dev server keeps between loads: the content files, and the parsed sources by cache key. */
export class LoadMemo {
  readonly files = new FileMemo();
  readonly outcomes = new Map<string, ParseOutcome>();
}

export async function loadSite(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(contentDir);
  const memo = options.memo;
  memo?.files.begin();
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir || undefined;
  const since = Date.now();
  const packed = cacheDir ? packFile(`${cacheDir}/parse`, root) : undefined;
  // The pack's index spares reading and hashing sources whose stamp is unchanged; the dev
  // server's memo does that in memory. Its header is read now, its entries as they are asked for.
  const pack = packed && !memo ? ParsePack.read(packed) : undefined;
  const config = await loadConfig(root, memo?.files, cacheDir ? keywordsCache(cacheDir) : undefined);
  const diagnostics = [...config.diagnostics];
  const siteConfig = config.site ?? fallbackSite();
  const ctx: ParseContext = { keywords: config.keywords, contentDir: root };
  if (siteConfig.linkBase !== undefined) ctx.linkBase = siteConfig.linkBase;

  const names = await listSources(root, diagnostics);
  boundHeapGrowth(names.length);
  const context = pack ? cacheContext(ctx) : '';
  const input = async (name: string): Promise<SourceInput | undefined> => {
    const relative = `${SOURCES_DIR}/${name}`;
    const stamp = pack ? stampOf(path.join(root, relative), since) : undefined;
    const key = pack?.keyOf(relative, stamp, context);
    const outcome = key ? pack?.get(key) : undefined;
    if (key && stamp && outcome) return { path: relative, stamp, key, outcome };
    const file = await readContentFile(root, relative, diagnostics, false, memo?.files);
    return file && (stamp ? { file, stamp } : { file });
  };
  // Decoded from the pack a batch at a time, letting the event loop turn between them: what waits
  // on it (the output's record, which a rebuild's files worker needs first) is not held up by a
  // catalog's decoding. Without a pack, every source is read at once.
  const batch = pack && pack.size > 0 ? DECODE_BATCH : Math.max(1, names.length);
  const inputs: (SourceInput | undefined)[] = [];
  for (let at = 0; at < names.length; at += batch) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    inputs.push(...(await Promise.all(names.slice(at, at + batch).map(input))));
  }
  const { cacheDir: _ignored, onSite: _site, onParse, ...parseOptions } = options;
  onParse?.(config.site?.offerings ? config.site.offerings.map((o) => o.id) : names.map(sourceOfferingId));
  const parsedFiles = await parseSources(
    inputs.filter((input) => input !== undefined),
    ctx,
    { ...parseOptions, ...(cacheDir ? { cacheDir } : {}), ...(pack ? { pack } : {}), ...(packed ? { packFile: packed } : {}) },
  );
  const sources: ParsedSource[] = [];
  // Each source's parse key, by its file: what keys its offerings (offering-keys.ts).
  const parseKeys = new Map<string, string>();
  parsedFiles.outcomes.forEach((outcome, i) => {
    sources.push(outcome.parsed);
    diagnostics.push(...outcome.diagnostics);
    const key = parsedFiles.keys[i];
    if (key !== undefined) parseKeys.set(outcome.parsed.source.file, key);
  });

  const content: ContentConfig = {
    site: { ...siteConfig, ...offeringsWithTables(siteConfig, sources, config, diagnostics) },
    keywords: config.keywords,
    tasks: config.tasks,
  };
  // The Markdown renderer loads only for summaries written in site.yaml (see parse-sources.ts).
  const renderSummary = content.site.offerings?.some((o) => o.summary !== undefined)
    ? (await import('../parse/markdown/summary.js')).summaryRenderer(content, diagnostics)
    : () => undefined;
  const built = buildOfferings(sources, content, diagnostics, renderSummary);
  // The dev server (memo) renders from memory: nothing of an earlier output to reuse.
  if (!memo) keyOfferings(built.offerings, built.inputs, parseKeys);
  checkTaskAreas(config, new Set(built.areas.map((a) => a.id)), diagnostics);
  if (!config.site) return { diagnostics: sortDiagnostics(diagnostics), stats: parsedFiles.stats, saved: parsedFiles.saved };

  const site: Site = {
    title: config.site.title,
    parties: config.site.parties,
    areas: built.areas,
    offerings: built.offerings,
    tasks: built.tasks,
    redirects: config.site.redirects,
  };
  if (config.site.description !== undefined) site.description = config.site.description;
  if (config.site.baseUrl !== undefined) site.baseUrl = config.site.baseUrl;
  const compare = checkCompareList(config, new Set(site.offerings.map((o) => o.id)), diagnostics);
  if (compare.length > 0) site.compare = compare;
  options.onSite?.(site, diagnostics);
  diagnostics.push(...checkAlignment(site, config.tasks));
  return { site, diagnostics: sortDiagnostics(diagnostics), stats: parsedFiles.stats, saved: parsedFiles.saved };
}

/** Parsed keywords.yaml files in the parse cache (pruned with it), by their text and the parsing code. */
function keywordsCache(cacheDir: string): KeywordsCache {
  const store = new DiskStore<ParsedKeywords>(`${cacheDir}/parse/keywords`);
  return {
    get: (text) => store.get(keywordsKey(text, codeFingerprint())),
    set: (text, value) => store.set(keywordsKey(text, codeFingerprint()), value),
  };
}

/** Source file names in `sources/`, sorted by code point so every machine agrees. */
async function listSources(root: string, diagnostics: Diagnostic[]): Promise<string[]> {
  const folder = confine(root, SOURCES_DIR);
  if (folder.kind === 'outside') {
    const message = unsafePathMessage(folder, 'Folder ');
    diagnostics.push({ file: SOURCES_DIR, line: 1, column: 1, severity: 'error', rule: 'unsafe-path', message });
    return [];
  }
  try {
    const entries = await readdir(path.join(root, SOURCES_DIR), { withFileTypes: true });
    return entries
      // A symbolic link counts: reading it reports a broken one, or one that leaves the folder.
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && (MARKDOWN.test(e.name) || YAML.test(e.name)))
      .map((e) => e.name)
      .sort(byCodeUnit);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'No sources folder' : `Cannot read the sources folder (${code ?? String(error)})`;
    diagnostics.push({
      file: SOURCES_DIR,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'read-error',
      message: `${reason}: put the responsibility pages in ${SOURCES_DIR}/`,
    });
    return [];
  }
}

/**
 * Offerings of site.yaml whose source file does not exist, or whose table selector matches no
 * table of it, are reported at that place in site.yaml and left out of the model.
 */
function offeringsWithTables(
  site: SiteConfig,
  sources: ParsedSource[],
  config: LoadedConfig,
  diagnostics: Diagnostic[],
): Pick<SiteConfig, 'offerings'> {
  if (!site.offerings) return {};
  const byName = new Map(sources.map((s) => [s.file.slice(SOURCES_DIR.length + 1), s]));
  const offerings = site.offerings.filter((offering) => {
    const source = byName.get(offering.source);
    const pointer = pointerOf(offering) ?? '';
    let message: string | undefined;
    let where = `${pointer}/source`;
    if (!source) {
      message = `Offering "${offering.id}" names source "${offering.source}", which is not in ${SOURCES_DIR}/`;
    } else if (offering.tables && !source.tables.some((t) => matches(t, offering.tables as TableSelector))) {
      const found = [...new Set(source.tables.map((t) => t.anchor).filter(Boolean))].map((a) => `#${a}`);
      message =
        `Offering "${offering.id}": no table of ${offering.source} matches ${JSON.stringify(offering.tables)}` +
        (found.length > 0 ? ` (its tables: ${found.join(', ')})` : ' (it has no responsibility tables)');
      where = `${pointer}/tables`;
    } else if (source.tables.length === 0) {
      message = `Offering "${offering.id}": ${offering.source} has no responsibility table (IBM and customer columns)`;
    }
    if (message === undefined) return true;
    const { line, column } = config.positions.site.get(where);
    diagnostics.push({ file: SITE_FILE, line, column, severity: 'error', rule: 'missing-area', message });
    return false;
  });
  return { offerings };
}

/** A task's `area` must be one of the site's areas, or its aliases can never match. */
function checkTaskAreas(config: LoadedConfig, areaIds: Set<string>, diagnostics: Diagnostic[]): void {
  for (const task of config.tasks) {
    if (task.area === undefined || areaIds.has(task.area)) continue;
    const { line, column } = config.positions.tasks.get(`${pointerOf(task) ?? ''}/area`);
    diagnostics.push({
      file: TASKS_FILE,
      line,
      column,
      severity: 'error',
      rule: 'schema',
      message: `Task "${task.id}" names area "${task.area}", which is not an area of the site (${[...areaIds].sort().join(', ')})`,
    });
  }
}

/** site.yaml `compare`: every id must name an offering; entries of unknown ids are left out. */
function checkCompareList(config: LoadedConfig, offeringIds: Set<string>, diagnostics: Diagnostic[]): string[][] {
  const kept: string[][] = [];
  (config.site?.compare ?? []).forEach((ids, i) => {
    const unknown = ids.map((id, j) => [id, j] as const).filter(([id]) => !offeringIds.has(id));
    for (const [id, j] of unknown) {
      const { line, column } = config.positions.site.get(`/compare/${i}/${j}`);
      diagnostics.push({
        file: SITE_FILE, line, column, severity: 'error', rule: 'schema',
        message: `"compare" names offering "${id}", which is not an offering of the site`,
      });
    }
    if (ids.length >= 2 && unknown.length === 0) kept.push(ids);
  });
  return kept;
}

function fallbackSite(): SiteConfig {
  return { title: '', parties: { ...DEFAULT_PARTIES }, areas: [], redirects: [] };
}
