/**
 * Worker threads that render pages alongside the main thread (render-worker.ts). Each page
 * goes to whichever thread draws its number from the shared counter first; what the threads
 * collect is merged in page order, so the output is the same whatever ran where. On a rebuild,
 * where few pages are rendered, one thread makes the files the model alone gives instead
 * (files-worker.ts).
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import { startWorker } from './code-cache.js';
import type { RenderWorkerData, RenderWorkerLayout, RenderWorkerReply, RenderWorkerPart } from './render-worker.js';
import type { Layout } from './staging.js';
import type { AheadNote, FilesWorkerModel, FilesWorkerOutput, FilesWorkerReply, StandbyClaim } from './files-worker.js';
import { postedStamps, type LiveStamps } from './file-writer.js';
import type { Standby } from './standby.js';
import type { PreviousOutput } from './output-reuse.js';
import type { Site } from '../model/types.js';
import { rowsView } from '../model/rows-view.js';
import { offeringKeysOf } from './offering-keys.js';

/**
 * Below this many pages a worker costs more than it saves: it loads the modules, receives a
 * copy of the model and builds the page list again before it renders its first page.
 */
export const PAGE_WORKER_THRESHOLD = 150;

/** RESPMATRIX_WORKERS as a number; undefined when unset (or not a number). */
function workerLimit(): number | undefined {
  const value = process.env['RESPMATRIX_WORKERS'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Workers to start besides this thread: RESPMATRIX_WORKERS=0 none, =N up to N whatever the size; else by cores and pages. */
export function pageWorkerCount(pages: number): number {
  // Workers load the compiled modules; under a TypeScript test runner render in this thread.
  if (!import.meta.url.endsWith('.js')) return 0;
  const limit = workerLimit();
  if (limit === 0 || (limit === undefined && pages < PAGE_WORKER_THRESHOLD)) return 0;
  return Math.max(1, Math.min(limit ?? Infinity, availableParallelism() - 1, 3));
}

/**
 * A worker's young generation, in MB (V8 lets it grow to 48). Its every new 4 KiB page costs a
 * page fault, and on a virtual machine a fault can cost 10 µs (measured on the machines the
 * bench runs on): grown to the full size, a worker's young generation took some 8,000 faults,
 * more than the scavenges it spared. Capped, cold builds of the bench's 100 offerings took
 * about 30-55 ms less (of some 1,200), and those of 1,000 offerings and rebuilds no more.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

type RenderResult = Exclude<RenderWorkerReply, { error: string }>;

export interface PageWorkers {
  /** The workers' results, once each has run out of pages, with the parts they posted before that were not taken. */
  done: Promise<{ results: RenderResult[]; parts: RenderWorkerPart[] }>;
  /** The parts the workers have posted of their pages since the last call, to take in while this thread renders too. */
  takeParts(): RenderWorkerPart[];
  /** Stop them (the build failed in this thread). */
  stop(): Promise<void>;
}

/**
 * A worker's one reply, or its failure (an error reply, a crash, an exit without a reply). The
 * worker is stopped on its reply, unless it `endsItself` (it has more to do after the reply).
 * Messages that are not replies (`isReply`) are left to other listeners.
 */
function replyOf<T extends object>(worker: Worker, failed: string, endsItself = false, isReply = (_message: object) => true): Promise<Exclude<T, { error: string }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: T) => {
      if (!isReply(reply)) return;
      worker.off('message', onMessage);
      if (!endsItself) void worker.terminate();
      if ('error' in reply) reject(new Error(`${failed}: ${String(reply.error)}`));
      else resolve(reply as Exclude<T, { error: string }>);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${failed}: the worker exited with code ${code}`)));
  });
}

/** A render worker started before its pages are known: it loads its code meanwhile. */
export interface WaitingPageWorker {
  /** Lay out the staging tree while it waits (staging.ts). */
  layOut(tree: string, layout: Layout): void;
  /** Render: the worker is sent its pages (it stops laying out the tree then). */
  start(data: RenderWorkerData): { worker: Worker; done: Promise<RenderResult> };
  /** Not needed after all: resolves once the worker has stopped. */
  cancel(): Promise<void>;
}

/**
 * A worker started before its work is known, listened to from the start (one that fails while
 * it waits fails the build that uses it) and, until it is given work (`ref`), not keeping the
 * process alive.
 */
function waitingWorker<T extends object>(
  url: URL, failed: string, endsItself = false, isReply?: (message: object) => boolean,
): { worker: Worker; done: Promise<Exclude<T, { error: string }>> } {
  const worker = startWorker(url, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  const done = replyOf<T>(worker, failed, endsItself, isReply);
  done.catch(() => undefined);
  worker.unref();
  return { worker, done };
}

export function preparePageWorker(): WaitingPageWorker {
  const { worker, done } = waitingWorker<RenderWorkerReply>(new URL('./render-worker.js', import.meta.url), 'rendering pages failed');
  return {
    layOut: (tree, layout) => worker.postMessage({ tree, layout } satisfies RenderWorkerLayout),
    start: (work) => {
      worker.ref();
      worker.postMessage(work, work.partsPort ? [work.partsPort] : []);
      return { worker, done };
    },
    cancel: async () => void (await worker.terminate()),
  };
}

/**
 * A render worker to start while the content loads, when no output of a previous build is
 * recorded (every page will be rendered) and `sources` make enough pages to want one.
 */
export function pageWorkerAhead(previous: PreviousOutput | undefined, sources: number): WaitingPageWorker | undefined {
  // Each source gives at least an offering page and its checklist.
  return !previous && pageWorkerCount(2 * sources) > 0 ? preparePageWorker() : undefined;
}

/** `count` render workers for `data`, the first of them `ahead` when one was started ahead. */
export function startPageWorkers(count: number, data: RenderWorkerData, ahead?: WaitingPageWorker): PageWorkers {
  // Each worker posts what it has gathered every few pages on a port of its own, read here
  // between this thread's pages (receiveMessageOnPort) rather than all at the end.
  const ports = Array.from({ length: count }, () => new MessageChannel());
  const started = ports.map(({ port2 }, i) => (i === 0 && ahead ? ahead : preparePageWorker()).start({ ...data, partsPort: port2 }));
  const workers = started.map(({ worker }) => worker);
  const takeParts = (): RenderWorkerPart[] => {
    const parts: RenderWorkerPart[] = [];
    for (const { port1 } of ports) {
      for (let part = receiveMessageOnPort(port1); part; part = receiveMessageOnPort(port1)) parts.push(part.message as RenderWorkerPart);
    }
    return parts;
  };
  const closePorts = () => {
    for (const { port1 } of ports) port1.close();
  };
  // A worker posts its last parts before its reply: they are all there once the replies are.
  const done = Promise.all(started.map((one) => one.done))
    .then((results) => ({ results, parts: takeParts() }))
    .finally(closePorts);
  // A worker may fail while this thread is still rendering: the failure waits for `done`.
  done.catch(() => undefined);
  return {
    done,
    takeParts,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
      closePorts();
    },
  };
}

/** Whether a rebuild of a site of `pages` pages makes its model's files in another thread. */
export function filesWorkerWanted(pages: number): boolean {
  const limit = workerLimit();
  return import.meta.url.endsWith('.js') && limit !== 0 && (limit !== undefined || pages >= PAGE_WORKER_THRESHOLD) && availableParallelism() > 1;
}

export interface FilesWorker {
  /** The worker's result (its failure waits for the promise to be awaited). */
  done: Promise<Exclude<FilesWorkerReply, { error: string }>>;
  stop(): Promise<void>;
}

/** The model a files worker makes its files of (sent as what they read of it: FilesWorkerModel). */
export interface FilesModel {
  site: Site;
  base: string;
}

/** A files worker started before its work is known: it loads its code meanwhile. */
export interface WaitingFilesWorker {
  /** The model to make the files of: it makes them while the build goes on. */
  model(model: FilesModel): void;
  /** Write them into `output` (the model is sent first if it was not). */
  start(model: FilesModel, output: FilesWorkerOutput): FilesWorker;
  /**
   * The standby tree it claimed for the build while it waited (standby.ts), now the caller's;
   * undefined when it was not asked to claim one.
   */
  standby(): Promise<Standby | undefined> | undefined;
  /** The previous output's files as they were while it waited; undefined when it was not asked (or could not). */
  live(): Promise<LiveStamps | undefined>;
  /** Not needed after all: a standby it claimed and the caller did not take goes back. */
  cancel(): void;
}

const isNote = (message: object): message is AheadNote => 'note' in message;

/** The first note of a kind the worker posts; undefined when it ends (or fails) without one. */
function noteOf<K extends AheadNote['note']>(worker: Worker, done: Promise<unknown>, note: K): Promise<Extract<AheadNote, { note: K }> | undefined> {
  return new Promise((resolve) => {
    const onMessage = (message: object) => {
      if (!isNote(message) || message.note !== note) return;
      worker.off('message', onMessage);
      resolve(message as Extract<AheadNote, { note: K }>);
    };
    worker.on('message', onMessage);
    worker.once('exit', () => resolve(undefined));
    done.catch(() => resolve(undefined));
  });
}

function startingFilesWorker() {
  const isReply = (message: object) => !isNote(message);
  return waitingWorker<FilesWorkerReply>(new URL('./files-worker.js', import.meta.url), "making the site's files failed", true, isReply);
}

/** A files worker loading its code, not yet told what it is for (prepareFilesWorker). */
export type BootingFilesWorker = ReturnType<typeof startingFilesWorker>;

/** A files worker that starts loading its code now, when this machine and configuration would use one at all. */
export function bootFilesWorker(): BootingFilesWorker | undefined {
  return filesWorkerWanted(PAGE_WORKER_THRESHOLD) ? startingFilesWorker() : undefined;
}

/**
 * `previous`: the output the rebuild starts from. The worker reads the search words and rows its
 * files worker left while it waits, and the offerings whose rows it left are sent without them.
 * With the cache folder, it claims the output's standby tree meanwhile too. `booted`: the
 * worker, when one was started before the output's record was read.
 */
export function prepareFilesWorker(previous?: PreviousOutput, cacheDir?: string, booted?: BootingFilesWorker): WaitingFilesWorker {
  const { worker, done } = booted ?? startingFilesWorker();
  const files = previous?.workerFiles;
  const claim: StandbyClaim | undefined = previous?.standby && cacheDir
    ? { cacheDir, folderKey: previous.folderKey, record: previous.standby, outDir: previous.dir }
    : undefined;
  if (files) worker.postMessage({ files, ...(claim ? { claim } : {}), live: { dir: previous.dir, files: Object.keys(previous.files) } });
  // Its notes: the standby it claimed (none when it could not, or it failed), the previous output's stamps.
  const claimed = claim && files ? noteOf(worker, done, 'claimed').then((note) => note?.standby ?? undefined) : undefined;
  const live = files ? noteOf(worker, done, 'live').then((note) => note && postedStamps(note.paths, note.stamps)) : Promise.resolve(undefined);
  let taken = false;
  // The keyed offerings of the last build, when its files worker left their rows.
  const held = previous?.views ? (previous.offeringJson ?? {}) : {};
  let sent = false;
  const model = ({ site, base }: FilesModel): void => {
    if (sent) return;
    sent = true;
    const keys = offeringKeysOf(site.offerings);
    const heldRows = keys.map((key) => key !== null && Object.hasOwn(held, key));
    const data: FilesWorkerModel = { site: rowsView(site, (o) => heldRows[o] === true), base, keys, held: heldRows };
    worker.postMessage({ model: data });
  };
  let started = false;
  // While the caller waits for a note, the worker keeps the process alive (as once started).
  const awaited = <T>(note: Promise<T>): Promise<T> => {
    worker.ref();
    return note.finally(() => {
      if (!started) worker.unref();
    });
  };
  return {
    model,
    start: (data, output) => {
      model(data);
      started = true;
      worker.ref();
      worker.postMessage({ output });
      return { done, stop: async () => void (await worker.terminate()) };
    },
    standby: () => {
      taken = true;
      return claimed && awaited(claimed);
    },
    live: () => awaited(live),
    cancel: () => {
      if (!claimed || taken) return void worker.terminate();
      // The worker gives the tree back and ends; the process waits for it.
      worker.ref();
      worker.postMessage({ release: true });
    },
  };
}

/**
 * A files worker to start while the content loads, when the output folder's last build
 * recorded enough pages to want one on a rebuild (streamSite uses it, or stops it): `booted`
 * when one was started already, which is stopped when none is wanted.
 */
export function filesWorkerFor(previous: PreviousOutput | undefined, cacheDir: string, booted?: BootingFilesWorker): WaitingFilesWorker | undefined {
  const pages = previous ? Object.values(previous.files).filter((file) => file.key !== undefined).length : 0;
  if (previous && filesWorkerWanted(pages)) return prepareFilesWorker(previous, cacheDir, booted);
  void booted?.worker.terminate();
  return undefined;
}

export function startFilesWorker(model: FilesModel, output: FilesWorkerOutput, previous?: PreviousOutput): FilesWorker {
  return prepareFilesWorker(previous).start(model, output);
}
