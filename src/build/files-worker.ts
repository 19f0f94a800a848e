/**
 * Worker thread for a rebuild (stream-site.ts): makes the largest of the files the model alone
 * gives, the search index and the CSV (largeOutputs), and writes them, while the main thread
 * writes model.json, keeps and renders pages and makes the other files. It gets what those
 * files read of the model (rows-view.ts) as soon as the build has the model, and makes the files
 * meanwhile; the second message says where to write them (or the worker is stopped, when the
 * build renders everything after all). Posts back every path it made, the HTML among them (none
 * today: HTML waits for the anchor manifest) and what it wrote.
 *
 * While it waits for the model it claims the output's standby tree for the build (standby.ts:
 * listing its folders is work the main thread would do after loading the content), then reads
 * what the last rebuild's worker left of unchanged offerings: their rows (the main thread sends
 * them without, when the output record says they were left), their search words
 * (search/offering-words.ts), CSV lines, search records' JSON and those records' shape; then it
 * takes the stamps of the previous output's files, which the main thread checks the files it
 * keeps against. Where it has every text of an unchanged offering, it does not read its rows at
 * all. It leaves this build's rows, words and texts for the next, after its reply. An offering
 * sent without its rows that it does not have after all (the file gone) makes it answer
 * `missing`, and the main thread makes these files itself.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writevSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { isViewSections, type RowsView, type ViewSection } from '../model/rows-view.js';
import { OfferingWords } from '../search/offering-words.js';
import { codeFingerprint } from './cache/fingerprint.js';
import { FileWriter, stampsToPost, type FileStamp, type LiveStamps, type StandbyFiles } from './file-writer.js';
import { largeOutputs } from './outputs.js';
import { ViewsFile, viewsFilePieces, type TextKind, type ViewsEntry } from './views-file.js';
import type { SearchIndexFile } from '../search/record.js';
import type { RecordJson } from '../search/split.js';
import { asOfferingShape, offeringRuns, offeringShape, RecordsWithoutText, type OfferingShape } from '../search/records.js';
import { claimStandby, releaseStandby, type Standby, type StandbyRecord } from './standby.js';
import { insideOutput } from './out-dir.js';
import type { OfferingLines } from '../render/outputs/csv.js';

/** First message: what the files are made of. */
export interface FilesWorkerModel {
  /** What those files read of the model (rows-view.ts). */
  site: RowsView;
  base: string;
  /** Each offering's key (offering-keys.ts), null for one without: its search words are made. */
  keys: (string | null)[];
  /** The offerings sent without their sections: this thread has them from the last build, by key. */
  held: boolean[];
}

/** Second message: where they go (as for the main thread's FileWriter). */
export interface FilesWorkerOutput {
  dir: string;
  previousDir?: string;
  standby?: StandbyFiles;
  recorded?: Record<string, FileStamp>;
}

export type FilesWorkerReply =
  | {
      paths: string[];
      html: { path: string; contents: string }[];
      written: number;
      linked: number;
      /** The files kept as the previous output's very files, with the stamps the cache recorded (as postedStamps reads them). */
      kept: { paths: string[]; stamps: Float64Array };
      render: number;
      write: number;
      views: boolean;
    }
  /** An offering sent without its sections is not (whole) in the last build's file: the main thread makes the files. */
  | { missing: true }
  | { error: string };

/** The standby tree to claim while the worker waits for the model (prepareFilesWorker). */
export interface StandbyClaim {
  cacheDir: string;
  folderKey: string;
  record: StandbyRecord;
  /** The output folder: nothing is claimed when it is not there. */
  outDir: string;
}

/**
 * What the worker posts before its reply, while it waits: the standby it claimed (null: none),
 * and the stamps of the previous output's files as they are (`paths[i]`: size, time, inode at
 * 3i, 3i+1, 3i+2).
 */
export type AheadNote = { note: 'claimed'; standby: Standby | null } | { note: 'live'; paths: string[]; stamps: Float64Array };

/** The previous output's files (as its record lists them) to take the stamps of. */
export interface LiveFiles {
  dir: string;
  files: string[];
}

/** Where the last build's files worker left its files (output-reuse.ts), read while this one waits. */
export interface WorkerFiles {
  words: string;
  views: string;
}

/** What the last build's worker left: its files, their words, and their rows and texts. */
let last: { files: WorkerFiles; words: Uint8Array | undefined; views: ViewsFile } | undefined;

/**
 * A digest of what every offering's texts of one kind (search words, CSV lines, search records)
 * depend on besides the offering: the code and `values`.
 */
function contextOf(values: readonly unknown[]): string {
  return createHash('sha256').update(codeFingerprint('all')).update('\0').update(JSON.stringify(values)).digest('hex');
}

/**
 * Texts of one kind made of the offerings (by their place in the site): those the last build
 * left (by key, made of the same context) and those made now, to leave for the next. As
 * OfferingLines, the CSV's lines.
 */
class KeptTexts implements OfferingLines {
  readonly made = new Map<number, string>();

  constructor(
    readonly kind: TextKind,
    private readonly keys: readonly (string | null)[],
    private readonly views: ViewsFile,
    readonly context: string,
  ) {}

  /** The text the last build left for the offering at `index`, as the UTF-8 bytes it wrote. */
  known(index: number): Buffer | undefined {
    const key = this.keys[index];
    return key ? this.views.text(this.kind, key, this.context) : undefined;
  }

  placed(index: number, text: string): void {
    this.made.set(index, text);
  }

  /** The offering's text for the next build: made now, else as left. */
  bytes(index: number): Uint8Array | undefined {
    const made = this.made.get(index);
    return made === undefined ? this.known(index) : Buffer.from(made);
  }
}

/**
 * Each search record's JSON (splitIndex), an offering's taken from `kept` when the last build
 * left them for the same place in the site (its records name the offering by that place), as
 * "<place>\n<record>\n<record>…" (JSON holds no raw line break): as the bytes left, not decoded.
 * An offering whose records were made from its shape (`shaped`) has no text to make them of.
 */
function docJsonOf(file: SearchIndexFile, kept: KeptTexts, shaped: (offering: number) => boolean): RecordJson[] {
  const json: RecordJson[] = [];
  for (const [offering, first, end] of offeringRuns(file.docs)) {
    const left = offering >= 0 ? kept.known(offering) : undefined;
    const lines = left && linesOf(left);
    if (lines && lines[0]?.toString('latin1') === String(offering) && lines.length - 1 === end - first) {
      for (let i = 1; i < lines.length; i++) json.push(lines[i]!);
    } else if (offering >= 0 && shaped(offering)) {
      throw new RecordsWithoutText(offering);
    } else {
      const made = file.docs.slice(first, end).map((doc) => JSON.stringify(doc));
      json.push(...made);
      if (offering >= 0) kept.placed(offering, `${offering}\n${made.join('\n')}`);
    }
  }
  return json;
}

/**
 * The lines of UTF-8 `bytes`, as views of them (a line break is never part of another
 * character's bytes). Found in its Latin-1 text, whose characters are its bytes: a search of a
 * string costs far less than one of a buffer, or a loop over the bytes in code run once.
 */
function linesOf(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    lines.push(bytes.subarray(start, end));
    start = end + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

/**
 * The files of the model. An offering sent without its sections is read as the shape of its
 * search records when the last build left that, with its CSV lines (its records' JSON and words
 * are taken from the last build too): its sections are not even parsed. Should a text it needs
 * not be there after all (a damaged cache), the files are made again from every offering's sections.
 */
function make(model: FilesWorkerModel) {
  const started = performance.now();
  try {
    return makeFiles(model, started, true);
  } catch (error) {
    if (error instanceof RecordsWithoutText) return makeFiles(model, started, false);
    throw error;
  }
}

function makeFiles({ site, base, keys, held }: FilesWorkerModel, started: number, byShape: boolean) {
  const views = last?.views;
  const texts: KeptTexts[] = [];
  const kept = (from: ViewsFile, kind: TextKind, context: string) => {
    const made = new KeptTexts(kind, keys, from, context);
    texts.push(made);
    return made;
  };
  // The CSV's lines, and the shapes of search records, of offerings the last build left them for.
  const lines = views && kept(views, 'csv', contextOf([base, site.baseUrl ?? null, site.parties, site.areas, site.tasks]));
  const shapes = views && kept(views, 'shape', contextOf([]));
  const shaped = new Map<number, OfferingShape>();
  // An offering sent without its sections takes those the last build left under its key: parsed
  // now, or, for one read as its shape, only if something reads them (nothing does).
  for (const [o, offering] of site.offerings.entries()) {
    if (!held[o]) continue;
    const sections = (): ViewSection[] | undefined => {
      const value = views?.sections(keys[o] ?? '');
      return isViewSections(value) ? value : undefined;
    };
    const shape = byShape && lines?.known(o) !== undefined ? parsedShape(shapes?.known(o)) : undefined;
    if (shape) {
      shaped.set(o, shape);
      const read = (): ViewSection[] => {
        const value = sections();
        if (!value) throw new Error(`the rows of offering ${o} are not in the last build's file`);
        return value;
      };
      Object.defineProperty(offering, 'sections', { configurable: true, enumerable: true, get: read });
      continue;
    }
    const value = sections();
    // Not there, or not as this code writes it (a damaged file): the main thread makes the files.
    if (!value) return { missing: true } as const;
    // Defined, not assigned: on the second try the first may have left a getter in its place.
    Object.defineProperty(offering, 'sections', { configurable: true, enumerable: true, writable: true, value });
  }
  const shapeOf = (o: number) => shaped.get(o);
  const words = last && new OfferingWords(contextOf([site.areas, site.tasks]), last.words);
  const docJson = views && ((file: SearchIndexFile) => docJsonOf(file, kept(views, 'docs', contextOf([file.areas, site.tasks])), (o) => shaped.has(o)));
  const files = largeOutputs(site, base, {
    ...(words ? { reuse: { words, keys } } : {}),
    ...(lines ? { lines } : {}),
    ...(docJson ? { docJson, shapeOf } : {}),
  });
  // The shapes of offerings the last build left none for, for the next.
  site.offerings.forEach((offering, o) => {
    if (keys[o] != null && !shaped.has(o) && !parsedShape(shapes?.known(o))) shapes?.placed(o, JSON.stringify(offeringShape(offering.sections)));
  });
  return { files, render: performance.now() - started, site, keys, held, texts, ...(words ? { words } : {}) };
}

/** A shape as the last build left it; undefined when there is none, or not one. */
function parsedShape(text: Buffer | undefined): OfferingShape | undefined {
  try {
    return text === undefined ? undefined : asOfferingShape(JSON.parse(text.toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Pieces per writev call: what a system takes at least (POSIX IOV_MAX is 1,024 on Linux). */
const WRITEV_MAX = 1024;

/** Best effort, like every cache: a file not written only makes the next rebuild do more. */
function save(file: string, pieces: Iterable<string | Uint8Array>): boolean {
  const temporary = `${file}.${process.pid}-${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(temporary, 'w');
    try {
      // Many pieces a call (a views file has two per offering), each call writing them all.
      const buffers = Array.from(pieces, (piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece));
      for (let at = 0; at < buffers.length; at += WRITEV_MAX) {
        const batch = buffers.slice(at, at + WRITEV_MAX);
        const size = batch.reduce((sum, piece) => sum + piece.byteLength, 0);
        if (writevSync(fd, batch) !== size) throw new Error('short write');
      }
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    return true;
  } catch {
    // A read-only or full cache folder.
    return false;
  }
}

/**
 * Every keyed offering's sections, for the next build's main thread to send them without: those
 * this build held as the bytes it read, the others made.
 */
function* viewsOf(site: RowsView, keys: readonly (string | null)[], held: readonly boolean[], views: ViewsFile, texts: readonly KeptTexts[]): Generator<ViewsEntry> {
  for (const [o, offering] of site.offerings.entries()) {
    const key = keys[o];
    if (key == null) continue;
    const made = Object.fromEntries(texts.map((kept) => [kept.kind, kept.bytes(o)]));
    const sections = held[o] ? views.bytes(key) : Buffer.from(JSON.stringify(offering.sections));
    // Held but not in the file after all (its shape and texts were): left out, for the next build to send.
    if (sections) yield [key, sections, made];
  }
}

function write(made: ReturnType<typeof make>, output: FilesWorkerOutput): { reply: FilesWorkerReply; leave?: () => void } {
  if ('missing' in made) return { reply: { missing: true } };
  const { files, render } = made;
  const writer = new FileWriter(output.dir, output.previousDir, output.standby, output.recorded, live && output.previousDir === live.dir ? live.stamps : undefined);
  const html: { path: string; contents: string }[] = [];
  for (const file of files) {
    if (file.path.endsWith('.html') && typeof file.contents === 'string') html.push({ path: file.path, contents: file.contents });
    else writer.writeOutput(file);
  }
  const reply = {
    paths: files.map((file) => file.path), html, written: writer.written, linked: writer.linked, kept: stampsToPost(writer.keptStamps), render, write: writer.writeMs, views: last !== undefined,
  };
  return { reply, leave: () => leave(made) };
}

/**
 * What the next build's worker reads (WorkerFiles), saved after the reply: the main thread
 * goes on meanwhile, and records that this build left its rows (`views`) before they are
 * saved. A save that fails leaves the next build's worker without rows it is sent without:
 * it answers `missing` then.
 */
function leave({ site, keys, held, words, texts }: Exclude<ReturnType<typeof make>, { missing: true }>): void {
  if (!last) return;
  if (words) save(last.files.words, [words.file()]);
  const contexts = Object.fromEntries(texts.map((kept) => [kept.kind, kept.context]));
  save(last.files.views, viewsFilePieces(viewsOf(site, keys, held, last.views, texts), contexts));
}

function readOr<T>(read: () => T, none: T): T {
  try {
    return read();
  } catch {
    return none;
  }
}

/**
 * Claim the output folder's standby tree (standby.ts) for the build, as its main thread would
 * after loading the content: the main thread takes it, or has it given back (`release`).
 */
async function claimAhead({ cacheDir, folderKey, record, outDir }: StandbyClaim): Promise<Standby | undefined> {
  try {
    // As the main thread, which reuses nothing of a folder that is not there.
    if (!statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) return undefined;
    return await claimStandby(cacheDir, folderKey, record);
  } catch {
    return undefined;
  }
}

/** Files stat'ed between two looks at the messages (a model that arrives cuts the stamps short). */
const STAMPS_AT_ONCE = 256;
let modelCame = false;
let stopStamps = (): void => undefined;

/**
 * Take the stamps of `files` (paths with forward slashes) that are files in `dir`, a few at a
 * time, and post them (the note 'live') once all are taken or the model has come: the main
 * thread looks at the others itself.
 */
function takeStamps({ dir, files }: LiveFiles): void {
  const stamps = new Map<string, FileStamp>();
  let at = 0;
  let posted = false;
  stopStamps = () => {
    if (posted) return;
    posted = true;
    live = { dir, stamps };
    parentPort?.postMessage({ note: 'live', ...stampsToPost(stamps) } satisfies AheadNote);
  };
  const some = (): void => {
    if (posted) return;
    if (modelCame) return stopStamps();
    for (const end = Math.min(at + STAMPS_AT_ONCE, files.length); at < end; at++) {
      const file = files[at]!;
      try {
        const info = statSync(insideOutput(dir, file), { throwIfNoEntry: false });
        if (info?.isFile()) stamps.set(file, info);
      } catch {
        // Not a path of the output: the main thread does not keep it.
      }
    }
    if (at < files.length) setImmediate(some);
    else stopStamps();
  };
  some();
}

/** The standby claimed, then the last build's files read: the model's files wait for both. */
let ready: Promise<void> = Promise.resolve();
let claimed: Promise<Standby | undefined> = Promise.resolve(undefined);
let made: Promise<ReturnType<typeof make>> | undefined;
/** The stamps of the previous output's files (in `dir`), taken while waiting: this thread's writer uses them too. */
let live: { dir: string; stamps: LiveStamps } | undefined;

type Message = { files: WorkerFiles; claim?: StandbyClaim; live?: LiveFiles } | { model: FilesWorkerModel } | { output: FilesWorkerOutput } | { release: true };
parentPort?.on('message', (message: Message) => {
  if ('files' in message) {
    const { files, claim, live: liveFiles } = message;
    if (claim) {
      claimed = claimAhead(claim);
      void claimed.then((standby) => parentPort?.postMessage({ note: 'claimed', standby: standby ?? null } satisfies AheadNote));
    }
    // Read after the claim, which the main thread waits for sooner; the previous output's
    // stamps after that, for when the main thread keeps pages.
    ready = claimed.then(() => {
      last = {
        files,
        words: readOr<Uint8Array | undefined>(() => readFileSync(files.words), undefined),
        views: ViewsFile.read(files.views),
      };
      if (liveFiles !== undefined) takeStamps(liveFiles);
    });
    return;
  }
  if ('release' in message) {
    void claimed
      .then((standby) => standby && releaseStandby(standby))
      .finally(() => parentPort?.close());
    return;
  }
  if ('model' in message) {
    const { model } = message;
    // The model's files come first: the stamps not taken yet are left to the main thread.
    modelCame = true;
    stopStamps();
    made = ready.then(() => make(model));
    made.catch(() => undefined);
    return;
  }
  (made ?? Promise.reject(new Error('no model to make the files of')))
    .then((files) => write(files, message.output))
    .then(
      ({ reply, leave }) => {
        parentPort?.postMessage(reply);
        leave?.();
      },
      (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    // The thread ends when its files are saved (the main thread does not stop it after the reply).
    .finally(() => parentPort?.close());
});
