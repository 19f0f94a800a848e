/**
 * What a browser fetches for a query on a built site, found by running the code the browser
 * runs (sharded.ts) over the written files: the manifest and every part the query loads.
 * Used by the bench (bench/weight.mjs); Node only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SEARCH_INDEX_PATH } from './index.js';
import type { Filters } from './query.js';
import type { SearchManifest } from './record.js';
import { SplitIndex } from './sharded.js';

export interface QueryPlan {
  /** Site-relative paths, the manifest first. */
  files: string[];
  /** Milliseconds from having every file's text to the results (parsing and ranking), wall clock and CPU. */
  answerMs: number;
  answerCpuMs: number;
}

/** The files a first query (as the header box runs it: 8 hits, no filter) fetches, and how long it takes once they are there. */
export async function planQuery(
  dir: string,
  query: string,
  filters: Filters = {},
  limit = 8,
): Promise<QueryPlan> {
  const folder = path.posix.dirname(SEARCH_INDEX_PATH);
  const texts = new Map<string, string>();
  const read = async (file: string): Promise<string> => {
    const text = texts.get(file) ?? (await readFile(path.join(dir, file), 'utf8'));
    texts.set(file, text);
    return text;
  };
  const run = async (): Promise<void> => {
    const manifest = JSON.parse(await read(SEARCH_INDEX_PATH)) as SearchManifest;
    await new SplitIndex(
      manifest,
      async (part) => JSON.parse(await read(`${folder}/${part}`)) as unknown,
    ).search(query, filters, limit);
  };
  await run();
  // Again with every text in memory: what remains is the work done after the last part arrives.
  const start = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(cpu);
  return { files: [...texts.keys()], answerMs: performance.now() - start, answerCpuMs: (user + system) / 1000 };
}

export async function filesForQuery(dir: string, query: string): Promise<string[]> {
  return (await planQuery(dir, query)).files;
}
