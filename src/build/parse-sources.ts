/**
 * Parses every source of a build, reusing cached results: a source whose cache key (its bytes,
 * the keywords it uses, the link base, the code) is unchanged is not parsed again. What is left
 * is parsed in worker threads, alongside this thread, when there is enough of it to pay for
 * starting them. A worker costs about 0.25 s of start-up, 0.1-0.2 s to copy the results back
 * and its own warm-up. Measured on 2 shared cores, loadSite without cache (1 worker + this
 * thread vs this thread alone): 603 sources 2.29-2.84 s vs 2.27-2.98 s, 1,027 sources
 * 3.40-3.79 s vs 3.78-4.61 s, 1,825 sources 5.29-5.86 s vs 5.83-6.24 s.
 * Results come back in input order whatever ran where, so output stays deterministic.
 */
import { availableParallelism } from 'node:os';
import { startWorker } from './code-cache.js';
import type { VFile } from 'vfile';
import { codeFingerprint } from './cache/fingerprint.js';
import { sourceKey } from './cache/keys.js';
import { encodeEntry, packContext, ParsePack, writePack } from './cache/pack.js';
import { DiskStore } from './cache/store.js';
import type { FileMemo } from '../config/file-memo.js';
import type { ParseContext } from '../parse/context.js';
import type { ParseOutcome } from '../parse/source.js';
import type { WorkerContext, WorkerJob, WorkerReply } from './parse-worker.js';

export interface ParseSourcesOptions {
  /** Folder of the parse cache; undefined: no cache. */
  cacheDir?: string;
  /**
   * The pack of this content folder (cache/pack.ts) and its file: looked up before the one-file
   * entries, and written again after a build whose sources or stamps changed (not under a memo:
   * the dev server keeps outcomes in memory, and reads the pack on its first load only).
   * Without `pack`, read from `packFile` when needed. Closed once this load is done with it.
   */
  pack?: ParsePack;
  packFile?: string;
  /**
   * Upper bound on worker threads; 0 parses in this thread. Default: RESPMATRIX_WORKERS, else
   * by amount of work and cores.
   */
  workers?: number;
  /** Called after each source is available (from the cache or parsed). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Kept in memory between loads (the dev server): the outcomes by cache key (left holding those
   * of this load's sources), and each source's key while its text and the keywords are unchanged.
   */
  memo?: { outcomes: Map<string, ParseOutcome>; files: FileMemo };
}

/** A source to parse: its text, and its stamp (cache/pack.ts) when it may be recorded. */
export interface SourceText {
  file: VFile;
  stamp?: string;
}

/** A source the pack vouches for by its stamp: not read, its key and outcome known. */
export interface KnownSource {
  path: string;
  stamp: string;
  key: string;
  outcome: ParseOutcome;
}

export type SourceInput = SourceText | KnownSource;

export interface ParseStats {
  sources: number;
  fromCache: number;
  /** Of those from the cache, how many the pack vouched for by their stamp, unread. */
  unread: number;
  parsed: number;
  workers: number;
}

/**
 * Below this many sources to parse, workers cost more than they save: each loads the parser and
 * warms it up again, and its results are copied back. Measured on 2 cores, cold: 1,000 sources
 * parse in 2.3-2.5 s in this thread alone and in 2.8-3.0 s with a worker; 5,000 in 8.8 s alone
 * and 7.9 s with one.
 */
export const WORKER_THRESHOLD = 2500;
/** Cache entries not rewritten for this long are deleted (checked once a day). */
const PRUNE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
/** Sources handed to a worker at a time: small enough to balance, large enough to batch. */
const CHUNK = 6;

/** What every cache key of a build with `ctx` depends on besides the source (the pack's context). */
export function cacheContext(ctx: ParseContext): string {
  return packContext(codeFingerprint(), ctx.linkBase, ctx.keywords);
}

export async function parseSources(
  inputs: SourceInput[],
  ctx: ParseContext,
  options: ParseSourcesOptions = {},
): Promise<{ outcomes: ParseOutcome[]; keys: (string | undefined)[]; stats: ParseStats; saved: Promise<void> }> {
  const store = options.cacheDir ? new DiskStore<ParseOutcome>(`${options.cacheDir}/parse`) : undefined;
  const memo = options.memo;
  const code = store || memo ? codeFingerprint() : '';
  const keys = inputs.map((input) => {
    if ('key' in input) return input.key;
    if (!store && !memo) return undefined;
    const file = input.file;
    const text = String(file.value);
    const key = () => sourceKey({ path: file.path, text, keywords: ctx.keywords, code, ...(ctx.linkBase ? { linkBase: ctx.linkBase } : {}) });
    return memo ? memo.files.derived(file.path, [text, ctx.keywords, ctx.linkBase, code], key) : key();
  });
  const outcomes: (ParseOutcome | undefined)[] = inputs.map((input, i) => {
    if ('key' in input) return input.outcome;
    const key = keys[i];
    return key ? memo?.outcomes.get(key) : undefined;
  });
  // Entries copied as they are into the next pack: those decoded from this one.
  const packed = new Set(inputs.flatMap((input) => ('key' in input ? [input.key] : [])));
  let pack = options.pack;
  // The dev server's later loads miss only what was just edited: not worth reading the pack for.
  const firstLoad = !memo || memo.outcomes.size === 0;
  if (store && options.packFile && firstLoad && outcomes.some((o, i) => !o && keys[i])) {
    pack ??= ParsePack.read(options.packFile);
    keys.forEach((key, i) => {
      if (!key || outcomes[i]) return;
      outcomes[i] = pack?.get(key);
      if (outcomes[i]) packed.add(key);
    });
  }
  const unknown = keys.flatMap((key, i) => (key && !outcomes[i] ? [i] : []));
  if (store) await inBatches(unknown, async (i) => void (outcomes[i] = await store.get(keys[i] as string)));
  const total = inputs.length;
  let done = outcomes.filter(Boolean).length;
  options.onProgress?.(done, total);
  const missing = inputs.map((_, i) => i).filter((i) => !outcomes[i]);
  const files = inputs.map((input) => ('file' in input ? input.file : undefined));
  const workers = workerCount(missing.length, options.workers ?? envWorkers());
  const finished = (index: number, outcome: ParseOutcome): void => {
    outcomes[index] = outcome;
    options.onProgress?.(++done, total);
  };
  if (missing.length > 0) {
    // The parser (remark and its plugins, most of the CLI's code) loads only when a source is
    // not in the cache: a rebuild of unchanged content never compiles it.
    const { parseSourceFile } = await import('../parse/source.js');
    try {
      if (workers > 0) await parseInWorkers(files, missing, ctx, workers, finished, parseSourceFile);
      else for (const i of missing) finished(i, parseSourceFile(files[i] as VFile, ctx));
    } catch (error) {
      pack?.close();
      throw error;
    }
  }
  // Written while the caller goes on with the outcomes (which it only reads); the pack's
  // entries are copied into the next one, if it is written, and it is closed after that.
  const saved = (store ? Promise.all([
    options.packFile && !memo ? savePack(options.packFile, pack, packed, cacheContext(ctx), inputs, keys, outcomes as ParseOutcome[]) : undefined,
    inBatches(missing, (i) => {
      const key = keys[i];
      const outcome = outcomes[i];
      return key && outcome ? store.set(key, outcome) : Promise.resolve();
    }),
  ]).then(() => store.prune(PRUNE_AFTER_MS)).then(() => {}, () => {}) : Promise.resolve()).finally(() => pack?.close());
  if (memo) {
    memo.outcomes.clear();
    keys.forEach((key, i) => key && memo.outcomes.set(key, outcomes[i] as ParseOutcome));
  }
  return {
    outcomes: outcomes as ParseOutcome[],
    keys,
    saved,
    stats: { sources: total, fromCache: total - missing.length, unread: inputs.filter((input) => 'key' in input).length, parsed: missing.length, workers },
  };
}

/**
 * A pack that misses at most this share of a catalog's sources is not written again: each
 * costs the next builds a read and a one-file entry, where writing the pack again costs as
 * much as reading it (tens of megabytes). Sources it misses are read and hashed again.
 */
const PACK_SLACK = 1 / 50;

/**
 * Writes the pack of this build, unless the one read misses few enough of its sources (PACK_SLACK:
 * with another stamp or key, or an entry that could not be decoded) that the one-file entries
 * serve them.
 */
async function savePack(
  file: string,
  previous: ParsePack | undefined,
  packed: Set<string>,
  context: string,
  inputs: SourceInput[],
  keys: (string | undefined)[],
  outcomes: ParseOutcome[],
): Promise<void> {
  const stamped: [string, string, string][] = [];
  const entries = new Map<string, number>();
  inputs.forEach((input, i) => {
    const key = keys[i];
    if (!key) return;
    if (!entries.has(key)) entries.set(key, i);
    const stamp = input.stamp;
    if (stamp !== undefined) stamped.push(['key' in input ? input.path : input.file.path, stamp, key]);
  });
  // Sources without a stamp are read every time, but their entries count.
  const stampedKeys = new Set(stamped.map(([, , key]) => key));
  const unstamped = [...entries.keys()].filter((key) => !packed.has(key) && !stampedKeys.has(key)).length;
  if (previous && previous.misses(context, stamped, packed) + unstamped <= Math.floor(stamped.length * PACK_SLACK)) return;
  const texts: [string, Buffer][] = [...entries].map(([key, i]) => [key, (packed.has(key) ? previous?.raw(key) : undefined) ?? encodeEntry(outcomes[i] as ParseOutcome)]);
  await writePack(file, context, stamped, texts);
}

/** RESPMATRIX_WORKERS=0 parses in the main thread; =N allows at most N workers. */
function envWorkers(): number | undefined {
  const value = process.env['RESPMATRIX_WORKERS'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Worker threads to start besides this thread, which parses too (it would wait otherwise). */
function workerCount(work: number, limit: number | undefined): number {
  // Workers load the compiled modules; under a TypeScript test runner parse in this thread.
  if (!import.meta.url.endsWith('.js') || limit === 0) return 0;
  if (limit === undefined && work < WORKER_THRESHOLD) return 0;
  const spare = Math.max(1, availableParallelism() - 1);
  return Math.max(1, Math.min(limit ?? spare, Math.ceil(work / CHUNK)));
}

async function parseInWorkers(
  files: (VFile | undefined)[],
  indexes: number[],
  ctx: ParseContext,
  count: number,
  finished: (index: number, outcome: ParseOutcome) => void,
  parseSourceFile: (file: VFile, ctx: ParseContext) => ParseOutcome,
): Promise<void> {
  const data: WorkerContext = { keywords: [...ctx.keywords] };
  if (ctx.linkBase !== undefined) data.linkBase = ctx.linkBase;
  if (ctx.contentDir !== undefined) data.contentDir = ctx.contentDir;
  const queue = [...indexes];
  const url = new URL('./parse-worker.js', import.meta.url);
  let failed = false;
  const runners = Array.from({ length: count }, () => {
    const worker = startWorker(url, { workerData: data });
    return new Promise<void>((resolve, reject) => {
      let outstanding = 0;
      const fail = (error: Error): void => {
        failed = true;
        void worker.terminate();
        reject(error);
      };
      const next = (): void => {
        const chunk = queue.splice(0, CHUNK);
        if (chunk.length === 0) {
          if (outstanding === 0) void worker.terminate().then(() => resolve(), reject);
          return;
        }
        outstanding += 1;
        const jobs: WorkerJob[] = chunk.map((i) => ({ id: i, path: (files[i] as VFile).path, text: String((files[i] as VFile).value) }));
        worker.postMessage(jobs);
      };
      worker.on('message', (replies: WorkerReply[]) => {
        outstanding -= 1;
        for (const reply of replies) {
          if ('error' in reply) return fail(new Error(`parsing ${(files[reply.id] as VFile).path} failed: ${reply.error}`));
          finished(reply.id, reply.outcome);
        }
        next();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && code !== 1) fail(new Error(`parse worker exited with code ${code}`));
      });
      // Two chunks in flight, so a worker never waits while this thread is busy parsing.
      next();
      next();
    });
  });
  // This thread parses from the same queue, one source at a time, yielding between sources
  // so replies from the workers are handled promptly.
  const here = (async () => {
    while (queue.length > 0 && !failed) {
      const index = queue.shift() as number;
      finished(index, parseSourceFile(files[index] as VFile, ctx));
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  await Promise.all([...runners, here]);
}

/** Runs `task` over `items` at most 64 at a time (bounded open files), results in order. */
async function inBatches<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 64) out.push(...(await Promise.all(items.slice(i, i + 64).map(task))));
  return out;
}
