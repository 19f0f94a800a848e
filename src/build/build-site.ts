/**
 * Writes the site for a model into `outDir` atomically: everything goes to a tree that is not
 * served and is swapped in only when complete, so a failed build leaves the previous output as
 * it was. The tree is a fresh sibling staging folder, or, on a rebuild with the cache on, the
 * output before the previous one, kept in the cache and brought up to date (standby.ts).
 * Besides `outDir` itself, only the staging folder the build made (mkdtemp: never an existing
 * one) and the build's own trees in the cache are ever written or removed.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeReport } from '../changes/diff.js';
import type { Site } from '../model/types.js';
import { buildAssets } from './assets.js';
import { LinkCheckError, filesUnder } from '../links/link-check.js';
import { streamSite } from './stream-site.js';
import { normaliseBase } from '../render/url.js';
import { defaultCacheDir } from './cache/location.js';
import { folderKey, previousOutput, recordOutput, type PreviousOutput } from './output-reuse.js';
import { FileWriter } from './file-writer.js';
import { claimStandby, keepAsStandby, type Standby } from './standby.js';
import { stagingPrefix, type Staging } from './staging.js';
import { removeUnwritten } from './out-dir.js';
import { stopOptimising } from './optimising.js';
import type { WaitingFilesWorker, WaitingPageWorker } from './page-workers.js';

export interface BuildOptions {
  outDir: string;
  /** Public base path of the site, starting and ending with `/`. */
  base: string;
  contentDir: string;
  /** Changes since a baseline model: adds the "What changed" page. */
  changes?: ChangeReport;
  /** Cache folder (default node_modules/.cache/respmatrix); false: render and write everything. */
  cacheDir?: string | false;
  /** A files worker started ahead (filesWorkerFor): used on a rebuild, else stopped. */
  filesWorker?: WaitingFilesWorker;
  /** A render worker started ahead (pageWorkerAhead): one of the page workers, else stopped. */
  pageWorker?: WaitingPageWorker;
  /** The output folder's record in the default cache, already being read (buildContent). */
  recorded?: Promise<PreviousOutput | undefined>;
  /** The staging folder, made while the content loaded (staging.ts), when there is no previous output. */
  staging?: Staging;
  /** The process ends with this build (the CLI): no code is optimised for its record of the output (optimising.ts). */
  processEnds?: boolean;
}

/** Milliseconds spent in each stage, so the bench can report them separately. */
export interface BuildTimings {
  /** Vite: bundling the client entry and CSS, copying public/. */
  assets: number;
  /** Building page data, rendering every page and output file from the model. */
  render: number;
  /** Writing (or linking) the files this thread made; render workers write theirs in their own time. */
  write: number;
  /** Scanning each page for ids and links, and checking the links between pages. */
  links: number;
  /** Swapping the new folder in for the old one. */
  swap: number;
}

export interface BuildResult {
  timings: BuildTimings;
  /** Number of files written besides the client assets. */
  files: number;
  /** Whether the client assets came from the cache (no Vite run). */
  assetsCached: boolean;
  /** Pages taken from the previous output unrendered; files written; files linked from the previous output. */
  counts: { reused: number; written: number; linked: number };
}

export async function buildSite(site: Site, options: BuildOptions): Promise<BuildResult> {
  const base = normaliseBase(options.base);
  const outDir = path.resolve(options.outDir);
  const prefix = stagingPrefix(outDir);
  const staging = options.staging?.dir ?? await mkdtemp(prefix).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(path.dirname(outDir), { recursive: true });
    return mkdtemp(prefix);
  });
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir || undefined;
  let standby: Standby | undefined;
  try {
    let start = performance.now();
    const rebuild = cacheDir ? await previousOf(cacheDir, outDir, options.cacheDir === undefined ? options.recorded : undefined) : undefined;
    const key = cacheDir ? await folderKey(outDir) : '';
    if (cacheDir && rebuild?.previous) {
      // A files worker started ahead has claimed the standby while the content loaded.
      const claimed = options.cacheDir === undefined ? options.filesWorker?.standby() : undefined;
      standby = await (claimed ?? claimStandby(cacheDir, key, rebuild.previous.standby));
    }
    const tree = standby?.dir ?? path.join(staging, 'site');
    // A render worker may be laying it out already (staging.ts).
    if (!standby) await mkdir(tree, { recursive: true });
    const { cached: assetsCached, dir: assetDir, ...assets } = await buildAssets(path.join(staging, 'assets'), base);
    const existing = await filesUnder(assetDir);
    const assetCounts = await copyAssets(assetDir, existing, tree, rebuild?.previousDir, standby);
    const assetsTime = performance.now() - start;

    // The previous output's files as a files worker found them while the content loaded.
    const live = rebuild?.previous && options.cacheDir === undefined ? await options.filesWorker?.live() : undefined;
    if (rebuild?.previous && live) rebuild.previous = { ...rebuild.previous, live };
    // Rendering, writing and the link check run together, page by page (stream-site.ts).
    const streamed = await streamSite(site, tree, {
      base,
      assets,
      existing,
      ...(options.changes ? { changes: options.changes } : {}),
      ...(rebuild ? { rebuild } : {}),
      ...(standby ? { standby } : {}),
      ...(options.filesWorker ? { filesWorker: options.filesWorker } : {}),
      ...(options.pageWorker ? { pageWorker: options.pageWorker } : {}),
    });
    // What is left runs once, the output's record most of it.
    if (options.processEnds && cacheDir && streamed.keys) stopOptimising();
    if (streamed.diagnostics.some((d) => d.severity === 'error')) throw new LinkCheckError(streamed.diagnostics);

    start = performance.now();
    const paths = new Set([...existing, ...streamed.paths]);
    // What the tree held before this build wrote it: a standby's files, or those laid out ahead.
    removeUnwritten(tree, standby ? Object.keys(standby.inodes) : (options.staging?.layout.files ?? []), paths);
    const old = await swapIn(staging, tree, outDir);
    standby = undefined;
    // The output just replaced is kept for the next build, when the cache knows what it holds.
    const kept = cacheDir && old && rebuild?.previous ? await keepAsStandby(cacheDir, key, old) : false;
    // Removed while the output is recorded.
    const removed = rm(staging, { recursive: true, force: true });
    removed.catch(() => undefined);
    if (cacheDir && streamed.keys) {
      const { files, dirs } = rebuild?.previous ?? { files: {}, dirs: {} };
      const inodes = Object.fromEntries(Object.entries(files).map(([file, record]) => [file, record.ino]));
      const { siteKey, pages, anchors, kept: keptFiles, ...reuse } = streamed.keys;
      await recordOutput(cacheDir, outDir, siteKey, pages, paths, anchors, keptFiles, kept ? { token: kept, inodes, dirs } : undefined, reuse);
    }
    await removed;
    const swapTime = performance.now() - start;
    const counts = { ...streamed.counts, written: streamed.counts.written + assetCounts.written, linked: streamed.counts.linked + assetCounts.linked };
    return { timings: { assets: assetsTime, ...streamed.timings, swap: swapTime }, files: streamed.paths.length, assetsCached, counts };
  } catch (error) {
    options.filesWorker?.cancel();
    // Stopped before the staging folder goes: it may still be laying it out.
    await options.pageWorker?.cancel();
    await rm(staging, { recursive: true, force: true });
    // A standby left half brought up to date is of no use to the next build.
    if (standby) await rm(standby.dir, { recursive: true, force: true });
    throw error;
  }
}

/** What a rebuild can reuse of `outDir`: its recorded pages, and its files to link when unchanged. */
async function previousOf(
  cacheDir: string, outDir: string, recorded: Promise<PreviousOutput | undefined> | undefined,
): Promise<{ previous?: PreviousOutput; previousDir?: string }> {
  if (!(await stat(outDir).catch(() => undefined))?.isDirectory()) return {};
  const previous = await (recorded ?? previousOutput(cacheDir, outDir));
  return { previousDir: outDir, ...(previous ? { previous } : {}) };
}

/** The client assets, built into `from`, into the output tree like any other file. */
async function copyAssets(from: string, files: readonly string[], tree: string, previousDir: string | undefined, standby: Standby | undefined) {
  const writer = new FileWriter(tree, previousDir, standby);
  for (const file of files) writer.write(file, await readFile(path.join(from, file)));
  return { written: writer.written, linked: writer.linked };
}

/**
 * The previous output moves into the staging folder and the new tree takes its place; returns
 * where the previous output now is (undefined when there was none).
 */
async function swapIn(staging: string, tree: string, outDir: string): Promise<string | undefined> {
  const old = path.join(staging, 'old');
  const moved = await rename(outDir, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      return false;
    },
  );
  await rename(tree, outDir).catch(async (error: unknown) => {
    // Put the previous output back before the staging folder is removed.
    if (moved) await rename(old, outDir).catch(() => undefined);
    throw error;
  });
  return moved ? old : undefined;
}
