/**
 * Worker thread for stream-site.ts on a rebuild: makes the largest of the files the model
 * alone gives (the search index, model.json, the CSV) and writes them, while the main thread
 * keeps and renders pages and makes the other files. Posts back every path it made, the HTML among them (none today:
 * HTML waits for the anchor manifest) and what it wrote.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Site } from '../model/types.js';
import { FileWriter, type StandbyFiles } from './file-writer.js';
import { sitePipeline, type RenderOptions } from './pipeline.js';

export interface FilesWorkerData {
  site: Site;
  options: RenderOptions;
  dir: string;
  previousDir?: string;
  standby?: StandbyFiles;
}

export type FilesWorkerReply =
  | { paths: string[]; html: { path: string; contents: string }[]; written: number; linked: number; render: number; write: number }
  | { error: string };

const data = workerData as FilesWorkerData;

async function run(): Promise<FilesWorkerReply> {
  const started = performance.now();
  const pipeline = sitePipeline(data.site, data.options);
  const early = pipeline.files(
    pipeline.pages.map((page) => ({ page })),
    undefined,
    'large',
  );
  const render = performance.now() - started;
  const writer = new FileWriter(data.dir, undefined, data.previousDir, data.standby);
  const html: { path: string; contents: string }[] = [];
  try {
    for (const file of early) {
      if (file.path.endsWith('.html') && typeof file.contents === 'string') html.push({ path: file.path, contents: file.contents });
      else await writer.write(file.path, file.contents);
    }
    await writer.flush();
  } catch (error) {
    await writer.settle();
    throw error;
  }
  return { paths: early.map((file) => file.path), html, written: writer.written, linked: writer.linked, render, write: writer.waited };
}

run().then(
  (reply) => parentPort?.postMessage(reply),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
