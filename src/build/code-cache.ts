/**
 * Loads the bundled CLI (lib/bundle/, CommonJS) with V8's code cache. Node 20 compiles every
 * module of a process from source, and on a small site that is a third of the build: here each
 * bundle file's compiled code (with the functions the last run compiled) is kept under
 * node_modules/.cache/respmatrix/v8 and handed to V8 on the next start. V8 checks the cache
 * against the source and its own version and flags, and compiles as usual when it does not
 * match. RESPMATRIX_CODE_CACHE=0 turns it off; a cache that cannot be read or written only
 * means compiling.
 * Worker threads load the same bundle files: the bundle holds this module too (as code-cache.js),
 * and a worker started with `startWorker` loads it first, so it reads the code the main
 * thread left (each worker would otherwise compile the bundle again). Only the main thread writes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { isMainThread, Worker, type WorkerOptions } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The part of Node's CommonJS loader this hooks into (not in its published types). */
interface LoaderModule {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const bundleDir = path.join(here, '..', 'bundle');
/** Whether this is the bundle's copy of the module (the compiled modules of lib/ load as they are). */
const inBundle = here === path.resolve(bundleDir);
const cacheDir = path.join(bundleDir, '..', '..', 'node_modules', '.cache', 'respmatrix', 'v8');
/** Entries of earlier bundles go once this old (a live one is only written again). */
const PRUNE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/** Runs the bundle's `main.js` and returns its exports. */
export function requireBundle(): { main(argv: string[]): Promise<number> } {
  if (enabled()) installCodeCache();
  return createRequire(import.meta.url)(path.join(bundleDir, 'main.js')) as { main(argv: string[]): Promise<number> };
}

function enabled(): boolean {
  return process.env['RESPMATRIX_CODE_CACHE'] !== '0';
}

/** A worker thread of the bundle that loads this module first, which hooks the cache in. */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (inBundle && enabled()) {
    try {
      return new Worker(url, { ...options, execArgv: [...process.execArgv, '--require', path.join(bundleDir, 'code-cache.js')] });
    } catch (error) {
      // Node flags a worker may not be given (V8's, such as --max-old-space-size): a worker
      // that inherits them as usual, and compiles its code.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    }
  }
  return new Worker(url, options);
}

// Loaded by a worker thread with --require (startWorker): its bundle files use the cache too.
if (!isMainThread && inBundle && enabled()) installCodeCache();

function installCodeCache(): void {
  const prototype = (Module as unknown as { prototype: LoaderModule }).prototype;
  const compile = prototype._compile;
  const fresh: { script: vm.Script; file: string }[] = [];
  prototype._compile = function (this: LoaderModule, content: string, filename: string): unknown {
    // A file that imports an ES module (the asset build's Vite) compiles as usual: a script
    // made from cached code loses the hook that import() needs.
    if (path.dirname(filename) !== bundleDir || content.includes('import(')) return compile.call(this, content, filename);
    // Hashed piece by piece: a template string of the whole source would be copied flat first
    // (a megabyte of fresh memory per thread at each start). The digest is the same.
    const key = createHash('sha256').update(`${process.version}\0${filename}\0`).update(content).digest('hex').slice(0, 32);
    const file = path.join(cacheDir, `${key}.bin`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    if (isMainThread && (!cachedData || script.cachedDataRejected === true)) fresh.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  // At exit the cache also holds what this run compiled lazily (most functions are).
  process.once('exit', () => {
    if (fresh.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
      for (const { script, file } of fresh) {
        const staging = `${file}.${process.pid}.tmp`;
        writeFileSync(staging, script.createCachedData());
        renameSync(staging, file);
      }
      const old = Date.now() - PRUNE_AFTER_MS;
      for (const name of readdirSync(cacheDir)) {
        const file = path.join(cacheDir, name);
        if (statSync(file).mtimeMs < old) unlinkSync(file);
      }
    } catch {
      // A read-only or full disk: the next start compiles again.
    }
  });
}
