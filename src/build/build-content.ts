/**
 * `respmatrix build` as one stage: load the content and, when it has no errors, write the
 * site (build-site.ts: atomically, nothing touched on failure). Problems are handed out as
 * each step finds them, so they show while the rest of the build runs.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { summariseUnaligned } from '../model/align.js';
import type { Site } from '../model/types.js';
import type { BuildOptions, BuildTimings } from './build-site.js';
import { loadSite } from './load-site.js';
import { defaultCacheDir } from './cache/location.js';
import { bootFilesWorker, filesWorkerFor, pageWorkerAhead, type WaitingFilesWorker, type WaitingPageWorker } from './page-workers.js';
import { filesWorkerLeftRows, previousOutput, type PreviousOutput } from './output-reuse.js';
import { normaliseBase } from '../render/url.js';
import { stagingFor, type Staging } from './staging.js';

export interface BuildContentOptions {
  outDir: string;
  /** Public base path of the site, starting and ending with `/`. */
  base: string;
  /** The previously published model: adds the "What changed" page. */
  baseline?: Site;
  /** What the build reports as it goes: problems found, and progress for a progress line. */
  onEvent?: (event: BuildEvent) => void;
  /** The process ends with this build (BuildOptions.processEnds). */
  processEnds?: boolean;
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
  const outDir = path.resolve(options.outDir);
  // That thread loads its code while the record is read, when the last build used one too.
  const booted = cacheDir ? filesWorkerLeftRows(cacheDir, outDir).then((left) => (left ? bootFilesWorker() : undefined), () => undefined) : undefined;
  const recorded = cacheDir ? previousOutput(cacheDir, outDir).catch(() => undefined) : undefined;
  const ahead = cacheDir ? recorded?.then(async (previous) => filesWorkerFor(previous, cacheDir, await booted)) : undefined;
  // The files worker, once there: it starts on the model as soon as the site is built.
  let waiting: WaitingFilesWorker | undefined;
  void ahead?.then((worker) => (waiting = worker), () => undefined);
  const base = normaliseBase(options.base);
  // A build that renders every page starts a render worker as soon as it knows the offerings,
  // so the worker loads its code and lays out their pages' files (staging.ts) while this thread
  // parses: unless the record is read by then and holds a previous output (a rebuild keeps its
  // unchanged pages).
  let previous: PreviousOutput | undefined | 'unknown' = recorded ? 'unknown' : undefined;
  void recorded?.then((record) => (previous = record));
  let pageWorker: WaitingPageWorker | undefined;
  let staging: Staging | undefined;
  const loaded = await loadSite(contentDir, {
    onProgress: (done, total) => report({ type: 'parsing', done, total }),
    onParse: (offeringIds) => {
      if (previous === 'unknown') return;
      pageWorker = pageWorkerAhead(previous, offeringIds.length);
      if (!pageWorker) return;
      // With the cache on, files the output folder holds already are linked from it, not written.
      staging = stagingFor(outDir, offeringIds, !cacheDir || !existsSync(outDir));
      if (staging) pageWorker.layOut(staging.tree, staging.layout);
    },
    onSite: (site, found) => {
      if (!hasErrors(found)) waiting?.model({ site, base });
    },
  }).catch(async (error: unknown) => {
    await dropStaging(pageWorker, staging);
    (await ahead?.catch(() => undefined))?.cancel();
    throw error;
  });
  const { site, diagnostics, saved } = loaded;
  const parse = performance.now() - started;
  // The parse cache is written while the site renders; the build ends when both are done.
  const filesWorker = await ahead;
  // A rebuild's files worker starts on the model now if it was not there when the site was built.
  if (site && !hasErrors(diagnostics)) filesWorker?.model({ site, base });
  try {
    return await buildLoaded(contentDir, site, diagnostics, parse, {
      ...options,
      ...(filesWorker ? { filesWorker } : {}),
      ...(pageWorker ? { pageWorker } : {}),
      ...(recorded ? { recorded } : {}),
      ...(staging ? { staging } : {}),
    });
  } finally {
    await saved;
  }
}

/** A build that stops before writing: the worker stopped first, then the staging folder it was laying out removed. */
async function dropStaging(pageWorker: WaitingPageWorker | undefined, staging: Staging | undefined): Promise<void> {
  await pageWorker?.cancel();
  if (staging) await rm(staging.dir, { recursive: true, force: true });
}

async function buildLoaded(
  contentDir: string, site: Site | undefined, diagnostics: Diagnostic[], parse: number, options: BuildContentOptions & Pick<BuildOptions, 'filesWorker' | 'pageWorker' | 'recorded' | 'staging'>,
): Promise<BuildContentResult> {
  const report = options.onEvent ?? (() => {});
  if (diagnostics.length > 0) report({ type: 'diagnostics', diagnostics: summariseUnaligned(diagnostics) });
  if (!site || hasErrors(diagnostics)) {
    options.filesWorker?.cancel();
    await dropStaging(options.pageWorker, options.staging);
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
      ...(options.pageWorker ? { pageWorker: options.pageWorker } : {}),
      ...(options.recorded ? { recorded: options.recorded } : {}),
      ...(options.staging ? { staging: options.staging } : {}),
      ...(options.processEnds ? { processEnds: true } : {}),
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
