/**
 * Writes the site for a model into `outDir` atomically: everything goes to a fresh sibling
 * staging folder first and is swapped in only when complete, so a failed build leaves the
 * previous output as it was. Besides `outDir` itself, only the staging folder the build made
 * (mkdtemp: never an existing one) is ever written or removed.
 */
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeReport } from '../changes/diff.js';
import type { Site } from '../model/types.js';
import { buildAssets } from './assets.js';
import { LinkCheckError, filesUnder } from '../links/link-check.js';
import { streamSite } from './stream-site.js';
import { normaliseBase } from '../render/url.js';
import { defaultCacheDir } from './cache/location.js';
import { previousOutput, recordOutput } from './output-reuse.js';

export interface BuildOptions {
  outDir: string;
  /** Public base path of the site, starting and ending with `/`. */
  base: string;
  contentDir: string;
  /** Changes since a baseline model: adds the "What changed" page. */
  changes?: ChangeReport;
  /** Cache folder (default node_modules/.cache/respmatrix); false: render and write everything. */
  cacheDir?: string | false;
}

/** Milliseconds spent in each stage, so the bench can report them separately. */
export interface BuildTimings {
  /** Vite: bundling the client entry and CSS, copying public/. */
  assets: number;
  /** Building page data, rendering every page and output file from the model. */
  render: number;
  /** Waiting for writes of the rendered files (most writing overlaps with rendering). */
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
  const parent = path.dirname(outDir);
  const prefix = path.join(parent, `.${path.basename(outDir)}-build-`);
  const staging = await mkdtemp(prefix).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(parent, { recursive: true });
    return mkdtemp(prefix);
  });
  const tmpDir = path.join(staging, 'site');
  await mkdir(tmpDir);
  try {
    let start = performance.now();
    const { cached: assetsCached, ...assets } = await buildAssets(tmpDir, base);
    const assetsTime = performance.now() - start;

    // Rendering, writing and the link check run together, page by page (stream-site.ts).
    const existing = await filesUnder(tmpDir);
    const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir || undefined;
    const rebuild = cacheDir ? await previousOf(cacheDir, outDir) : undefined;
    const streamed = await streamSite(site, tmpDir, {
      base,
      assets,
      existing,
      ...(options.changes ? { changes: options.changes } : {}),
      ...(rebuild ? { rebuild } : {}),
    });
    if (streamed.diagnostics.some((d) => d.severity === 'error')) throw new LinkCheckError(streamed.diagnostics);

    start = performance.now();
    await swapIn(staging, tmpDir, outDir);
    if (cacheDir && streamed.keys) await recordOutput(cacheDir, outDir, streamed.keys.siteKey, streamed.keys.pages, streamed.paths);
    const swapTime = performance.now() - start;
    return {
      timings: { assets: assetsTime, ...streamed.timings, swap: swapTime },
      files: streamed.paths.length,
      assetsCached,
      counts: streamed.counts,
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** What a rebuild can reuse of `outDir`: its recorded pages, and its files to link when unchanged. */
async function previousOf(cacheDir: string, outDir: string) {
  if (!(await stat(outDir).catch(() => undefined))?.isDirectory()) return {};
  const previous = await previousOutput(cacheDir, outDir);
  return { previousDir: outDir, ...(previous ? { previous } : {}) };
}

/** The previous output moves into the staging folder, the new one takes its place, staging goes. */
async function swapIn(staging: string, tmpDir: string, outDir: string): Promise<void> {
  await rename(outDir, path.join(staging, 'old')).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(tmpDir, outDir).catch(async (error: unknown) => {
    // Put the previous output back before the staging folder is removed.
    await rename(path.join(staging, 'old'), outDir).catch(() => undefined);
    throw error;
  });
  await rm(staging, { recursive: true, force: true });
}
