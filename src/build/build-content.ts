/**
 * `respmatrix build` as one stage: load the content and, when it has no errors, write the
 * site (build-site.ts: atomically, nothing touched on failure). Problems are handed out as
 * each step finds them, so they show while the rest of the build runs.
 */
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { summariseUnaligned } from '../model/align.js';
import type { Site } from '../model/types.js';
import type { BuildOptions, BuildTimings } from './build-site.js';
import { loadSite } from './load-site.js';
import { defaultCacheDir } from './cache/location.js';
import { filesWorkerFor } from './page-workers.js';
import { previousOutput } from './output-reuse.js';

export interface BuildContentOptions {
  outDir: string;
  /** Public base path of the site, starting and ending with `/`. */
  base: string;
  /** The previously published model: adds the "What changed" page. */
  baseline?: Site;
  /** What the build reports as it goes: problems found, and progress for a progress line. */
  onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
  | { type: 'parsing'; done: number; total: number }
  | { type: 'rendering' }
  /** Problems of the content (unaligned tasks summarised), or broken links in the output. */
  | { type: 'diagnostics'; diagnostics: Diagnostic[] };

export type BuildContentResult =
  | { built: false }
  | {
      built: true;
      site: Site;
      /** Rows of every offering. */
      rows: number;
      /** Milliseconds spent loading and parsing the content, then in each stage of the build. */
      parse: number;
      timings: BuildTimings;
      assetsCached: boolean;
      /** Pages taken from the previous output unrendered; files written; files linked unchanged from it. */
      counts: { reused: number; written: number; linked: number };
    };

export async function buildContent(contentDir: string, options: BuildContentOptions): Promise<BuildContentResult> {
  const report = options.onEvent ?? (() => {});
  const started = performance.now();
  // What the output folder's last build left, read once while the content loads: a rebuild of a
  // large site makes its model's files in another thread, which loads meanwhile.
  const cacheDir = defaultCacheDir();
  const recorded = cacheDir ? previousOutput(cacheDir, path.resolve(options.outDir)).catch(() => undefined) : undefined;
  const ahead = recorded?.then(filesWorkerFor);
  const { site, diagnostics, saved } = await loadSite(contentDir, {
    onProgress: (done, total) => report({ type: 'parsing', done, total }),
  });
  const parse = performance.now() - started;
  // The parse cache is written while the site renders; the build ends when both are done.
  const filesWorker = await ahead;
  try {
    return await buildLoaded(contentDir, site, diagnostics, parse, { ...options, ...(filesWorker ? { filesWorker } : {}), ...(recorded ? { recorded } : {}) });
  } finally {
    await saved;
  }
}

async function buildLoaded(
  contentDir: string, site: Site | undefined, diagnostics: Diagnostic[], parse: number, options: BuildContentOptions & Pick<BuildOptions, 'filesWorker' | 'recorded'>,
): Promise<BuildContentResult> {
  const report = options.onEvent ?? (() => {});
  if (diagnostics.length > 0) report({ type: 'diagnostics', diagnostics: summariseUnaligned(diagnostics) });
  if (!site || hasErrors(diagnostics)) {
    options.filesWorker?.cancel();
    return { built: false };
  }
  const { buildSite } = await import('./build-site.js');
  const { LinkCheckError } = await import('../links/link-check.js');
  try {
    const changes = options.baseline ? (await import('../changes/diff.js')).diffModels(options.baseline, site) : undefined;
    report({ type: 'rendering' });
    const result = await buildSite(site, {
      outDir: options.outDir,
      base: options.base,
      contentDir,
      ...(changes ? { changes } : {}),
      ...(options.filesWorker ? { filesWorker: options.filesWorker } : {}),
      ...(options.recorded ? { recorded: options.recorded } : {}),
    });
    const rows = site.offerings.reduce((n, o) => n + o.sections.reduce((m, s) => m + s.rows.length, 0), 0);
    return { built: true, site, rows, parse, timings: result.timings, assetsCached: result.assetsCached, counts: result.counts };
  } catch (error) {
    // Broken internal links in the output are content errors, reported like any other.
    if (!(error instanceof LinkCheckError)) throw error;
    report({ type: 'diagnostics', diagnostics: error.diagnostics });
    return { built: false };
  }
}
