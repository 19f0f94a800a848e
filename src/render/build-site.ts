/**
 * Writes the site for a model into `outDir` atomically: everything goes to a sibling
 * temporary folder first and is swapped in only when complete, so a failed build leaves
 * the previous output as it was.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeReport } from '../model/diff.js';
import type { Site } from '../model/types.js';
import { buildAssets } from './assets.js';
import { LinkCheckError, filesUnder } from './link-check.js';
import { streamSite } from './stream-site.js';
import { normaliseBase } from './url.js';

export interface BuildOptions {
  outDir: string;
  /** Public base path of the site, starting and ending with `/`. */
  base: string;
  contentDir: string;
  /** Changes since a baseline model: adds the "What changed" page. */
  changes?: ChangeReport;
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
}

export async function buildSite(site: Site, options: BuildOptions): Promise<BuildResult> {
  const base = normaliseBase(options.base);
  const outDir = path.resolve(options.outDir);
  const parent = path.dirname(outDir);
  const tmpDir = path.join(parent, `.${path.basename(outDir)}-tmp-${process.pid}`);
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  try {
    let start = performance.now();
    const { cached: assetsCached, ...assets } = await buildAssets(tmpDir, base);
    const assetsTime = performance.now() - start;

    // Rendering, writing and the link check run together, page by page (stream-site.ts).
    const existing = await filesUnder(tmpDir);
    const streamed = await streamSite(site, tmpDir, { base, assets, existing, ...(options.changes ? { changes: options.changes } : {}) });
    if (streamed.diagnostics.some((d) => d.severity === 'error')) throw new LinkCheckError(streamed.diagnostics);

    start = performance.now();
    await swapIn(tmpDir, outDir);
    const swapTime = performance.now() - start;
    return {
      timings: { assets: assetsTime, ...streamed.timings, swap: swapTime },
      files: streamed.paths.length,
      assetsCached,
    };
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true });
    throw error;
  }
}

async function swapIn(tmpDir: string, outDir: string): Promise<void> {
  const oldDir = `${tmpDir}-old`;
  await rm(oldDir, { recursive: true, force: true });
  await rename(outDir, oldDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(tmpDir, outDir);
  await rm(oldDir, { recursive: true, force: true });
}
