/**
 * Worker thread for parse-sources.ts: receives batches of sources, parses each with the same
 * function as the main thread, and posts the outcomes back (plain data, structured-cloned).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { VFile } from 'vfile';
import type { ParseContext } from '../parse/context.js';
import { parseSourceFile, type ParseOutcome } from '../parse/source.js';

export interface WorkerContext {
  keywords: [string, string][];
  linkBase?: string;
  contentDir?: string;
}

export interface WorkerJob {
  id: number;
  path: string;
  text: string;
}

export type WorkerReply = { id: number; outcome: ParseOutcome } | { id: number; error: string };

const data = workerData as WorkerContext;
const ctx: ParseContext = { keywords: new Map(data.keywords) };
if (data.linkBase !== undefined) ctx.linkBase = data.linkBase;
if (data.contentDir !== undefined) ctx.contentDir = data.contentDir;

parentPort?.on('message', (jobs: WorkerJob[]) => {
  const replies: WorkerReply[] = jobs.map((job) => {
    try {
      return { id: job.id, outcome: parseSourceFile(new VFile({ path: job.path, value: job.text }), ctx) };
    } catch (error) {
      return { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  });
  parentPort?.postMessage(replies);
});
