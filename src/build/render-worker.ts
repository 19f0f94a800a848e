/**
 * Worker thread for stream-site.ts: renders, scans and writes pages of the site alongside the
 * main thread, both drawing page numbers from one shared counter, and posts back what the link
 * check and the anchor manifest need from those pages (plain data), every few pages and the
 * rest with its reply. Its work comes as one message, so a worker can be started before the
 * content is loaded (preparePageWorker); until then it may be sent files and folders to make
 * (staging.ts).
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { PageRecord } from '../links/anchors-baseline.js';
import type { Site } from '../model/types.js';
import { FileWriter, type StandbyFiles } from './file-writer.js';
import { entriesAfter, type CollectedLinks, type CollectedMark } from '../links/link-collector.js';
import type { PackedIds } from '../links/packed-ids.js';
import { renderPages, type PageKeying, type PagesSoFar } from './render-pages.js';
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
  /**
   * Where to post what it has gathered every few pages (RenderWorkerPart), for the main thread
   * to take in between its own pages instead of all at the end, while this thread waits.
   */
  partsPort?: MessagePort;
}

/** Records and link-check state gathered since the last such message (the reply holds the rest). */
export interface RenderWorkerPart {
  records: [string, PageRecord][];
  links: CollectedLinks;
}

/** What to make in the staging tree while the content loads. */
export interface RenderWorkerLayout {
  tree: string;
  layout: Layout;
}

export type RenderWorkerReply =
  | {
      /** Records and links gathered since the last RenderWorkerPart. */
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

/** Pages between two messages of what has been gathered: few enough that the main thread takes it in as it goes. */
const PAGES_PER_MESSAGE = 32;

/** Posts to `port` what a thread has gathered since its last part; `rest()` gives what is left for the reply. */
function partSender(port: MessagePort | undefined): { afterPage?: (soFar: PagesSoFar) => void; rest(soFar: PagesSoFar): RenderWorkerPart } {
  let sent = 0;
  let mark: CollectedMark | undefined;
  const rest = ({ collector, records }: PagesSoFar): RenderWorkerPart => {
    const fresh = entriesAfter(records, sent);
    sent = records.size;
    const collected = collector.collectedSince(mark);
    mark = collected.mark;
    return { records: fresh, links: collected.links };
  };
  if (!port) return { rest };
  let pages = 0;
  const afterPage = (soFar: PagesSoFar): void => {
    if (++pages % PAGES_PER_MESSAGE === 0) port.postMessage(rest(soFar) satisfies RenderWorkerPart);
  };
  return { afterPage, rest };
}

function run(data: RenderWorkerData): RenderWorkerReply {
  const { pages, render } = sitePipeline(data.site, data.options);
  const counter = new Int32Array(data.counter);
  const writer = new FileWriter(data.dir, data.previousDir, data.standby);
  const sender = partSender(data.partsPort);
  const result = renderPages(data.site, writer, data.options.base, pages, render, () => Atomics.add(counter, 0, 1), data.keying, data.todo, sender.afterPage);
  return {
    ...sender.rest(result),
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
