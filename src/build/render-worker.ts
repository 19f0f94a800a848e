/**
 * Worker thread for stream-site.ts: renders, scans and writes pages of the site alongside the
 * main thread, both drawing page numbers from one shared counter, and posts back what the link
 * check and the anchor manifest need from those pages (plain data). Its work comes as one
 * message, so a worker can be started before the content is loaded (preparePageWorker); until
 * then it may be sent files and folders to make (staging.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { PageRecord } from '../links/anchors-baseline.js';
import type { Site } from '../model/types.js';
import { FileWriter, type StandbyFiles } from './file-writer.js';
import type { CollectedLinks } from '../links/link-collector.js';
import type { PackedIds } from '../links/packed-ids.js';
import { renderPages, type PageKeying } from './render-pages.js';
import { sitePipeline, type RenderOptions } from './pipeline.js';
import { layOut, type Layout } from './staging.js';

export interface RenderWorkerData {
  site: Site;
  options: RenderOptions;
  dir: string;
  /** One Int32: the next page to render. */
  counter: SharedArrayBuffer;
  keying?: PageKeying;
  /** The page numbers to render (the others are kept from the previous output). */
  todo?: number[];
  /** The previous output folder, to link unchanged files from. */
  previousDir?: string;
  /** `dir` is a standby tree to bring up to date. */
  standby?: StandbyFiles;
}

/** What to make in the staging tree while the content loads. */
export interface RenderWorkerLayout {
  tree: string;
  layout: Layout;
}

export type RenderWorkerReply =
  | {
      records: [string, PageRecord][];
      links: CollectedLinks;
      keys: [string, string][];
      ids: [string, PackedIds][];
      digests: [string, string][];
      pageLinks: [string, readonly string[]][];
      reused: number;
      written: number;
      linked: number;
    }
  | { error: string };

function run(data: RenderWorkerData): RenderWorkerReply {
  const { pages, render } = sitePipeline(data.site, data.options);
  const counter = new Int32Array(data.counter);
  const writer = new FileWriter(data.dir, data.previousDir, data.standby);
  const result = renderPages(data.site, writer, data.options.base, pages, render, () => Atomics.add(counter, 0, 1), data.keying, data.todo);
  return {
    records: [...result.records],
    links: result.collector.collected(),
    keys: [...result.keys],
    ids: [...result.ids],
    digests: [...result.digests],
    pageLinks: [...result.pageLinks],
    reused: result.reused,
    written: writer.written,
    linked: writer.linked,
  };
}

function reply(data: RenderWorkerData): void {
  try {
    parentPort?.postMessage(run(data));
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

let pagesCame = false;
parentPort?.on('message', (message: RenderWorkerData | RenderWorkerLayout) => {
  if ('layout' in message) void layOut(message.tree, message.layout, () => pagesCame);
  else {
    pagesCame = true;
    reply(message);
  }
});
