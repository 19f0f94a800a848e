/**
 * Worker thread for a rebuild (stream-site.ts): makes the largest of the files the model alone
 * gives, the search index and the CSV (largeOutputs), and writes them, while the main thread
 * writes model.json, keeps and renders pages and makes the other files. It gets what those
 * files read of the model (rows-view.ts) as soon as the build has the model, and makes the files
 * meanwhile; the second message says where to write them (or the worker is stopped, when the
 * build renders everything after all). Posts back every path it made, the HTML among them (none
 * today: HTML waits for the anchor manifest) and what it wrote.
 */
import { parentPort } from 'node:worker_threads';
import type { RowsView } from '../model/rows-view.js';
import type { OutputFile } from '../render/page.js';
import { FileWriter, type FileStamp, type StandbyFiles } from './file-writer.js';
import { largeOutputs } from './outputs.js';

/** First message: what the files are made of. */
export interface FilesWorkerModel {
  /** What those files read of the model (rows-view.ts). */
  site: RowsView;
  base: string;
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

function make({ site, base }: FilesWorkerModel): { files: OutputFile[]; render: number } {
  const started = performance.now();
  return { files: largeOutputs(site, base), render: performance.now() - started };
}

function write({ files, render }: ReturnType<typeof make>, output: FilesWorkerOutput): FilesWorkerReply {
  const writer = new FileWriter(output.dir, output.previousDir, output.standby, output.recorded);
  const html: { path: string; contents: string }[] = [];
  for (const file of files) {
    if (file.path.endsWith('.html') && typeof file.contents === 'string') html.push({ path: file.path, contents: file.contents });
    else writer.writeOutput(file);
  }
  return { paths: files.map((file) => file.path), html, written: writer.written, linked: writer.linked, render, write: writer.writeMs };
}

let made: Promise<ReturnType<typeof make>> | undefined;
parentPort?.on('message', (message: { model: FilesWorkerModel } | { output: FilesWorkerOutput }) => {
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
