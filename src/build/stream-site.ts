/**
 * The build's output stage: render each page, scan it for the link check, write it, and let it
 * go, so memory stays flat however many pages the site has. Anchor-manifest
 * records are taken from each page as it is rendered; the other output files follow the pages.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Site } from '../model/types.js';
import { indexSite, indexSources, manifestOf, pageRecord, repeatedIdsMoved, type IndexSources } from '../links/anchor-manifest.js';
import { FileWriter, postedStamps, type FileStamp, type LiveStamps, type StandbyFiles } from './file-writer.js';
import { checkOutput, writtenOutputDiagnostics } from '../links/link-check.js';
import { pageUrlOf } from '../links/link-resolve.js';
import { adoptOfferingLinks, offeringLinksByKey, type OfferingLinks } from '../links/page-facts.js';
import { LazyIds, unpackIds, type PackedIds } from '../links/packed-ids.js';
import { pageFile, type OutputFile } from '../render/page.js';
import { adoptSectionCounts, sectionCountsByKey } from '../render/tables.js';
import { renderAll, sitePipeline, type RenderOptions, type SitePipeline } from './pipeline.js';
import { renderPages, type PageKeying, type PagesSoFar } from './render-pages.js';
import type { RenderWorkerPart } from './render-worker.js';
import { filesWorkerWanted, pageWorkerCount, startFilesWorker, startPageWorkers, type WaitingFilesWorker, type WaitingPageWorker } from './page-workers.js';
import { fileKey, renderKey, reusableFile, type OfferingRanges, type PreviousOutput } from './output-reuse.js';
import { recordDigest } from '../links/manifest-format.js';
import { MODEL_JSON_PATH, modelJsonText } from '../render/outputs/model-json.js';
import { keptPages } from './kept-pages.js';
import { offeringKey, offeringKeysOf } from './offering-keys.js';
import { KeyedOfferingJson } from './offering-json.js';
import { KeyedTexts } from './offering-texts.js';

export interface StreamTimings {
  /** Building page data, rendering pages and other output files (CPU). */
  render: number;
  /** Writing (or linking) the files this thread made. */
  write: number;
  /** Scanning pages for ids and links, and the final check of links between pages. */
  links: number;
}

export interface StreamResult {
  /** Every file written, in order (pages first): a path written twice is listed twice. */
  paths: string[];
  /** Problems found by the link check (errors fail the build). */
  diagnostics: Diagnostic[];
  timings: StreamTimings;
  /**
   * With `rebuild`: the site-wide render key, each page's key and its manifest ids and record
   * digest, by output path; and the files kept as the previous output's, with their stamps.
   */
  keys?: {
    siteKey: string;
    pages: Map<string, string>;
    anchors: { ids: Map<string, PackedIds>; digests: Map<string, string>; links: Map<string, readonly string[]> };
    kept: ReadonlyMap<string, FileStamp>;
    /** Where each keyed offering's JSON is in model.json. */
    offeringJson: OfferingRanges;
    /** The files worker left every keyed offering's rows for the next build. */
    views: boolean;
    /** The links of the keyed offerings this build scanned or took from the last, by key. */
    offeringLinks: Record<string, OfferingLinks>;
    /** The duty counts of their sections, by key. */
    sectionCounts: Record<string, number[][]>;
    /** What the records of checklists are made of (anchor-manifest.ts). */
    indexSources?: IndexSources;
    /** The keyed offerings' OSCAL components, by key. */
    components?: ReadonlyMap<string, string>;
  };
  /** Pages taken from the previous output; files written; files linked from the previous output. */
  counts: { reused: number; written: number; linked: number };
}

export interface StreamOptions extends RenderOptions {
  /** Files already in the folder (client assets). */
  existing: Iterable<string>;
  /** Key every page, reuse the previous output's unchanged pages and files (output-reuse.ts). */
  rebuild?: { previous?: PreviousOutput; previousDir?: string };
  /** `dir` is a standby tree to bring up to date (standby.ts). */
  standby?: StandbyFiles;
  /** A files worker started ahead: used on a rebuild, else stopped. */
  filesWorker?: WaitingFilesWorker;
  /** A render worker started ahead: one of the page workers, else stopped. */
  pageWorker?: WaitingPageWorker;
}

/** Write the site's pages and files into `dir`. */
export async function streamSite(site: Site, dir: string, options: StreamOptions): Promise<StreamResult> {
  const { existing, rebuild, standby, filesWorker: waiting, pageWorker: ahead, ...renderOptions } = options;
  let started = performance.now();
  // model.json's offerings: with keys, those of the last build's model.json are not made again.
  const offeringJson = rebuild ? new KeyedOfferingJson(rebuild.previous) : undefined;
  // The offerings' OSCAL components: those the last build of the same render key made are taken.
  const components = rebuild ? new KeyedTexts() : undefined;
  const pipeline = sitePipeline(site, renderOptions, { ...(offeringJson ? { offeringJson } : {}), ...(components ? { components } : {}) });
  const { pages, render } = pipeline;
  const files = pages.map((page) => pageFile(page.url));
  // Two pages for one file is an error; the whole-output check reports it exactly as before.
  if (new Set(files).size !== files.length) {
    waiting?.cancel();
    await ahead?.cancel();
    return inMemory(pipeline, dir, existing, standby);
  }
  const siteKey = rebuild ? renderKey(site, renderOptions, pages) : undefined;
  // The previous build's pages count only when everything they share is unchanged.
  const previous = rebuild?.previous?.renderKey === siteKey ? rebuild?.previous : undefined;
  const keying: PageKeying | undefined = siteKey ? { siteKey, offeringKeys: offeringKeysOf(site.offerings), ...(previous ? { previous } : {}) } : undefined;
  components?.use(previous?.components);
  // Where every thread writes.
  const output = { dir, ...(rebuild?.previousDir ? { previousDir: rebuild.previousDir } : {}), ...(standby ? { standby } : {}) };
  // A rebuild renders few pages: another thread makes the files the model alone gives meanwhile.
  const filesModel = { site, base: renderOptions.base };
  // The previous output's files as recorded: one named after its contents is linked unread while it is still so.
  const recorded = rebuild?.previous && stampsOf(rebuild.previous);
  const filesOutput = { ...output, ...(recorded ? { recorded } : {}) };
  const filesWorker = previous && filesWorkerWanted(pages.length)
    ? (waiting?.start(filesModel, filesOutput) ?? startFilesWorker(filesModel, filesOutput, rebuild?.previous))
    : undefined;
  if (!filesWorker) waiting?.cancel();
  const writer = new FileWriter(dir, rebuild?.previousDir, standby, recorded, rebuild?.previous?.live);
  // With the files worker taking the other large files, this thread writes model.json first:
  // an offering without a key is digested from the text made for it, before pages are keyed.
  if (filesWorker) writer.write(MODEL_JSON_PATH, modelJsonText(site, offeringJson));
  // Pages kept from the previous output unrendered and unread; the threads render the others.
  // An unchanged offering's links and duty counts are those the last build found (page-facts.ts, tables.ts).
  if (previous?.offeringLinks) adoptOfferingLinks(site.offerings, offeringKey, previous.offeringLinks);
  if (rebuild?.previous?.sectionCounts) adoptSectionCounts(site.offerings, offeringKey, rebuild.previous.sectionCounts);
  const { kept, manifest: previousManifest } = keptPages(pages, keying, site.baseUrl);
  const keptOrders = new Set(kept.map((page) => page.order));
  const todo = kept.length > 0 ? pages.map((_, order) => order).filter((order) => !keptOrders.has(order)) : undefined;
  // model.json's time counts as writing.
  const routesTime = performance.now() - started - writer.writeMs;
  const counts = { reused: 0, written: 0, linked: 0 };
  let manifest: ReturnType<typeof manifestOf>;
  let extraPaths: string[];
  let mine: ReturnType<typeof renderPages>;
  // The files worker left every keyed offering's rows for the next build.
  let viewsLeft = false;
  // The files it kept as the previous output's, as the cache recorded them.
  let workerKept: LiveStamps = new Map();
  let sources: IndexSources | undefined;
  const timings: StreamTimings = { render: routesTime, write: 0, links: 0 };
  const fileKeys = new Map<string, string>();
  // Other threads render, scan and write pages too, taking page numbers from one counter.
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const count = pageWorkerCount(todo?.length ?? pages.length);
  const renderWork = { site, options: renderOptions, ...output, counter, ...(keying ? { keying } : {}), ...(todo ? { todo } : {}) };
  const helpers = count > 0 ? startPageWorkers(count, renderWork, ahead) : undefined;
  // Stopped before the build goes on: it may still be laying out the tree (staging.ts).
  if (!helpers) await ahead?.cancel();
  const listed = pages.map((page) => ({ page }));
  try {
    // A file made from offerings alone is kept from the previous output while they are unchanged.
    const place = (file: OutputFile) => {
      if (keying && file.inputs) {
        const key = fileKey(keying.siteKey, file.path, file.inputs);
        fileKeys.set(file.path, key);
        const kept = keying.previous && reusableFile(keying.previous, file.path, key);
        if (kept) return writer.keep(file.path, kept);
      }
      writer.writeOutput(file);
    };
    // The files made from the model alone are made first, while the other threads render pages;
    // then this thread renders pages too.
    // HTML among them (redirect stubs) waits for the manifest: the link check scans it with its record.
    const earlyHtml: { path: string; contents: string }[] = [];
    const earlyPaths: string[] = filesWorker ? [MODEL_JSON_PATH] : [];
    // One list at a time (model.json, the search index, the CSV…): each is written before the
    // next is made, so they are never all in memory together.
    const makeEarly = (part: 'model' | 'other' | 'large') => {
      for (const early of timed(pipeline.fileLists(listed, part), (ms) => (timings.render += ms))) {
        earlyPaths.push(...early.map((file) => file.path));
        earlyHtml.push(...early.filter(isHtml));
        // Taken out of `early` as they are written, so their text can be collected meanwhile.
        for (let file = early.shift(); file; file = early.shift()) if (!isHtml(file)) place(file);
      }
    };
    if (!filesWorker) makeEarly('model');
    // Between its pages, this thread takes in what the other threads have gathered of theirs.
    const takeIn = (into: PagesSoFar, parts: readonly RenderWorkerPart[]): void => {
      for (const { records, links } of parts) {
        for (const [url, record] of records) into.records.set(url, record);
        into.collector.absorb(links);
      }
    };
    const afterPage = helpers ? (soFar: PagesSoFar) => takeIn(soFar, helpers.takeParts()) : undefined;
    mine = renderPages(site, writer, options.base, pages, render, () => Atomics.add(next, 0, 1), keying, todo, afterPage);
    timings.render += mine.render;
    timings.links += mine.links;
    counts.reused += mine.reused + kept.length;
    // Meanwhile the files worker makes the largest files.
    if (filesWorker) makeEarly('other');
    for (const [file, key] of fileKeys) mine.keys.set(file, key);
    started = performance.now();
    // A checklist's record points at the rows of whichever offering lists them first, and a
    // scanned page (a catalog page) at the rows it shows, which may have moved: made again
    // from its ids, as rendering it would (a checklist only when one of its rows' first source
    // moved since the last build). The records of the other kept pages are the previous ones.
    const index = keying ? indexSite(site) : undefined;
    sources = index && indexSources(index);
    const moved = sources ? repeatedIdsMoved(previous?.indexSources, sources) : () => true;
    const remade = (keep: (typeof kept)[number]) => (keep.checklist ? moved(keep.ids) : keep.scanned && keep.record !== undefined);
    const keptUrls: string[] = [];
    for (const keep of kept) {
      const page = pages[keep.order]!;
      mine.keys.set(keep.file, keep.key);
      mine.ids.set(keep.file, keep.ids);
      if (remade(keep)) {
        const record = pageRecord(index!, page, unpackIds(keep.ids));
        mine.records.set(page.url, record);
        mine.digests.set(keep.file, recordDigest(record));
      } else if (keep.record !== undefined) {
        keptUrls.push(page.url);
        mine.digests.set(keep.file, keep.record);
      }
      // A scanned page's links are the ones recorded when it was written.
      if (keep.scanned) mine.pageLinks.set(keep.file, keep.links);
      mine.collector.addKnownPage(keep.file, new LazyIds(keep.ids), keep.links, keep.order);
      writer.keep(keep.file, keep.stamp);
    }
    const { results, parts: untaken } = (await helpers?.done) ?? { results: [], parts: [] };
    takeIn(mine, [...untaken, ...results]);
    for (const theirs of results) {
      for (const [file, key] of theirs.keys) mine.keys.set(file, key);
      for (const [file, ids] of theirs.ids) mine.ids.set(file, ids);
      for (const [file, digest] of theirs.digests) mine.digests.set(file, digest);
      for (const [file, links] of theirs.pageLinks) mine.pageLinks.set(file, links);
      counts.reused += theirs.reused;
      counts.written += theirs.written;
      counts.linked += theirs.linked;
    }
    timings.render += performance.now() - started;
    // The last pages are still being written while the other files are made.
    started = performance.now();
    // Kept pages' records stay in the previous anchors.json, read only if something asks; when
    // every page's record is as the last build recorded it, so is the file. Made, and written,
    // while the files worker finishes (it makes no page).
    const keptRecords = previousManifest && { urls: keptUrls, from: previousManifest.manifest };
    manifest = manifestOf(mine.records, keptRecords);
    const sameFile = previous && previousManifest && sameRecords(mine.digests, previous) ? previousManifest.bytes() : undefined;
    const late = pipeline.files(listed, manifest, 'manifest', sameFile);
    for (const file of late) if (!isHtml(file)) writer.writeOutput(file);
    timings.render += performance.now() - started;
    if (filesWorker) {
      const made = await filesWorker.done;
      // The worker did not have the rows of an offering the last build's worker should have
      // left (its file gone): this thread makes those files after all.
      if ('missing' in made) makeEarly('large');
      else {
        earlyPaths.push(...made.paths);
        earlyHtml.push(...made.html);
        counts.written += made.written;
        counts.linked += made.linked;
        viewsLeft = made.views;
        workerKept = postedStamps(made.kept.paths, made.kept.stamps);
      }
    }
    // After every page in the check's order, whichever thread rendered the last page.
    let order = pages.length;
    for (const file of [...earlyHtml, ...late.filter(isHtml)]) {
      const record = manifest.pages[pageUrlOf(file.path)];
      mine.collector.addPage(file.path, file.contents, record ? () => record : undefined, order++);
      writer.writeOutput(file);
    }
    extraPaths = [...earlyPaths, ...late.map((file) => file.path)];
  } catch (error) {
    await helpers?.stop();
    await filesWorker?.stop();
    throw error;
  }
  timings.write = writer.writeMs;
  counts.written += writer.written;
  counts.linked += writer.linked;
  started = performance.now();
  const paths = [...files, ...extraPaths];
  const all = new Set([...existing, ...paths]);
  const diagnostics = await writtenOutputDiagnostics(mine.collector, dir, all, paths, manifest, site.redirects);
  timings.links += performance.now() - started;
  const anchors = { ids: mine.ids, digests: mine.digests, links: mine.pageLinks };
  const keys = keying && {
    siteKey: keying.siteKey,
    pages: mine.keys,
    anchors,
    kept: new Map([...writer.keptStamps, ...workerKept]),
    offeringJson: offeringJson?.ranges ?? {},
    views: viewsLeft,
    offeringLinks: offeringLinksByKey(site.offerings, offeringKey),
    sectionCounts: sectionCountsByKey(site.offerings, offeringKey),
    ...(components ? { components: components.texts } : {}),
    ...(sources ? { indexSources: sources } : {}),
  };
  return { paths, diagnostics, timings, counts, ...(keys ? { keys } : {}) };
}

/** The size, time and inode the cache recorded of each file of the previous output (not the ids: the files worker is sent these). */
function stampsOf(previous: PreviousOutput): Record<string, FileStamp> {
  const stamps: Record<string, FileStamp> = {};
  for (const [file, { size, mtimeMs, ino }] of Object.entries(previous.files)) stamps[file] = { size, mtimeMs, ino };
  return stamps;
}

/** Whether the manifest pages are those of the previous output, each with the record digest recorded for it. */
function sameRecords(digests: ReadonlyMap<string, string>, previous: PreviousOutput): boolean {
  let recorded = 0;
  for (const record of Object.values(previous.files)) if (record.record !== undefined) recorded++;
  if (recorded !== digests.size) return false;
  for (const [file, digest] of digests) if (previous.files[file]?.record !== digest) return false;
  return true;
}

/** Render everything, check it as a whole, then write it (only for output that already has an error). */
async function inMemory(pipeline: SitePipeline, dir: string, existing: Iterable<string>, standby?: StandbyFiles): Promise<StreamResult> {
  const { site, base } = pipeline;
  const timings: StreamTimings = { render: 0, write: 0, links: 0 };
  let started = performance.now();
  const files = renderAll(pipeline);
  timings.render += performance.now() - started;
  started = performance.now();
  const diagnostics = checkOutput(files, { base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}), existing, redirects: site.redirects });
  timings.links += performance.now() - started;
  const writer = new FileWriter(dir, undefined, standby);
  for (const file of files) writer.writeOutput(file);
  timings.write = writer.writeMs;
  return { paths: files.map((f) => f.path), diagnostics, timings, counts: { reused: 0, written: writer.written, linked: 0 } };
}

/** The items of `items`, adding the milliseconds each takes to make to `add`. */
function* timed<T>(items: Iterable<T>, add: (ms: number) => void): Generator<T> {
  const iterator = items[Symbol.iterator]();
  for (;;) {
    const started = performance.now();
    const next = iterator.next();
    add(performance.now() - started);
    if (next.done) return;
    yield next.value;
  }
}

function isHtml(file: OutputFile): file is OutputFile & { contents: string } {
  return file.path.endsWith('.html') && typeof file.contents === 'string';
}
