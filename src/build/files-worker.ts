/**
 * Worker thread for a rebuild (stream-site.ts): makes the largest of the files the model alone
 * gives, the search index and the CSV (largeOutputs), and writes them, while the main thread
 * writes model.json, keeps and renders pages and makes the other files. It gets what those
 * files read of the model (rows-view.ts) as soon as the build has the model, and makes the files
 * meanwhile; the second message says where to write them (or the worker is stopped, when the
 * build renders everything after all). Posts back every path it made, the HTML among them (none
 * today: HTML waits for the anchor manifest) and what it wrote. The search words of unchanged
 * offerings come from the last rebuild's (search/offering-words.ts), read while it waits for the
 * model, and this build's are left for the next.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { RowsView } from '../model/rows-view.js';
import type { OutputFile } from '../render/page.js';
import { OfferingWords } from '../search/offering-words.js';
import { codeFingerprint } from './cache/fingerprint.js';
import { FileWriter, type FileStamp, type StandbyFiles } from './file-writer.js';
import { largeOutputs } from './outputs.js';

/** First message: what the files are made of. */
export interface FilesWorkerModel {
  /** What those files read of the model (rows-view.ts). */
  site: RowsView;
  base: string;
  /** Each offering's key (offering-keys.ts), null for one without: its search words are made. */
  keys: (string | null)[];
}

/** Second message: where they go (as for the main thread's FileWriter). */
export interface FilesWorkerOutput {
  dir: string;
  previousDir?: string;
  standby?: StandbyFiles;
  recorded?: Record<string, FileStamp>;
}

export type FilesWorkerReply =
  | { paths: string[]; html: { path: string; contents: string }[]; written: number; linked: number; render: number; write: number }
  | { error: string };

/** Sent first, if at all: the search words of the last build are read while the worker waits. */
interface WordsMessage {
  wordsFile: string;
}

let lastWords: { file: string; bytes: Uint8Array | undefined } | undefined;

/** What every offering's search words depend on besides the offering: the code, area titles and task titles. */
function wordsContext(site: RowsView): string {
  return createHash('sha256').update(codeFingerprint('all')).update('\0').update(JSON.stringify([site.areas, site.tasks])).digest('hex');
}

function make({ site, base, keys }: FilesWorkerModel): { files: OutputFile[]; render: number; words?: OfferingWords } {
  const started = performance.now();
  const words = lastWords && new OfferingWords(wordsContext(site), lastWords.bytes);
  const files = largeOutputs(site, base, words && { words, keys });
  return { files, render: performance.now() - started, ...(words ? { words } : {}) };
}

/** Best effort, like every cache: a file not written only makes the next rebuild number every word. */
function saveWords(words: OfferingWords, file: string): void {
  const temporary = `${file}.${process.pid}-${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, words.file());
    renameSync(temporary, file);
  } catch {
    // A read-only or full cache folder.
  }
}

function write({ files, render, words }: ReturnType<typeof make>, output: FilesWorkerOutput): FilesWorkerReply {
  const writer = new FileWriter(output.dir, output.previousDir, output.standby, output.recorded);
  const html: { path: string; contents: string }[] = [];
  for (const file of files) {
    if (file.path.endsWith('.html') && typeof file.contents === 'string') html.push({ path: file.path, contents: file.contents });
    else writer.writeOutput(file);
  }
  // Before the reply, which ends this thread.
  if (words && lastWords) saveWords(words, lastWords.file);
  return { paths: files.map((file) => file.path), html, written: writer.written, linked: writer.linked, render, write: writer.writeMs };
}

let made: Promise<ReturnType<typeof make>> | undefined;
parentPort?.on('message', (message: WordsMessage | { model: FilesWorkerModel } | { output: FilesWorkerOutput }) => {
  if ('wordsFile' in message) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(message.wordsFile);
    } catch {
      // None yet.
    }
    lastWords = { file: message.wordsFile, bytes };
    return;
  }
  if ('model' in message) {
    made = new Promise((resolve) => resolve(make(message.model)));
    made.catch(() => undefined);
    return;
  }
  (made ?? Promise.reject(new Error('no model to make the files of')))
    .then((files) => write(files, message.output))
    .then(
      (reply) => parentPort?.postMessage(reply),
      (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});
