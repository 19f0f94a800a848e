/**
 * Writes the site for a model into `outDir` atomically: everything goes to a sibling
 * temporary folder first and is swapped in only when complete, so a failed build leaves
 * the previous output as it was.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeReport } from '../model/diff.js';
import type { Site } from '../model/types.js';
import { buildAssets } from './assets.js';
import { renderSite } from './render-site.js';
import { assertLinks } from './link-check.js';
import type { OutputFile } from './page.js';
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
  /** Rendering every page and output file from the model. */
  render: number;
  /** Writing the rendered files. */
  write: number;
  /** Checking every internal link and fragment of the output. */
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

    start = performance.now();
    const files = renderSite(site, { base, assets, ...(options.changes ? { changes: options.changes } : {}) });
    const renderTime = performance.now() - start;

    start = performance.now();
    const dirs = new Set(files.map((file) => path.dirname(path.join(tmpDir, file.path))));
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    await writeAll(tmpDir, files);
    const writeTime = performance.now() - start;

    start = performance.now();
    await assertLinks(tmpDir, files, { base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}), redirects: site.redirects });
    const linksTime = performance.now() - start;

    start = performance.now();
    await swapIn(tmpDir, outDir);
    const swapTime = performance.now() - start;
    return {
      timings: { assets: assetsTime, render: renderTime, write: writeTime, links: linksTime, swap: swapTime },
      files: files.length,
      assetsCached,
    };
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true });
    throw error;
  }
}

/** Write files a few at a time: thousands of pages must not open thousands of files at once. */
async function writeAll(dir: string, files: readonly OutputFile[], concurrency = 32): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await writeFile(path.join(dir, file.path), file.contents);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
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
