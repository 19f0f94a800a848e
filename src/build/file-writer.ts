/**
 * Writes files a few at a time while the caller goes on rendering: the page being rendered and
 * at most `limit` pages being written are in memory, never the whole site. Each folder is made
 * once. The first failure is rethrown by the next `write` or by `flush`.
 * Given the previous output folder, a file whose bytes are the same as there is hard-linked
 * from it instead of written (a fresh name in the new folder: the old file is never changed).
 * Given a standby tree (standby.ts) as the root, a file that already is the previous output's
 * is left as it is, and any other is unlinked before it is replaced, so a file the live output
 * shares with the standby is never written to.
 */
import { link, lstat, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { insideOutput } from './out-dir.js';

/** The standby tree being brought up to date: its files' inodes, and its folders. */
export interface StandbyFiles {
  inodes: Readonly<Record<string, number>>;
  dirs: readonly string[];
}

export class FileWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly dirs = new Map<string, Promise<unknown>>();
  private failure: { error: unknown } | undefined;
  /** Milliseconds the caller spent waiting for writes (the rest overlapped with its own work). */
  waited = 0;
  /** Files written, and files the same as in the previous output (linked, or kept in the standby). */
  written = 0;
  linked = 0;
  private readonly standby: StandbyFiles | undefined;

  constructor(
    private readonly root: string,
    private readonly limit = 16,
    /** The previous output folder, to link unchanged files from. */
    private readonly previous?: string,
    /** When `root` is a standby tree: what it holds. */
    standby?: StandbyFiles,
  ) {
    this.standby = standby;
    for (const dir of standby?.dirs ?? []) this.dirs.set(path.resolve(root, dir), Promise.resolve());
  }

  /**
   * Queue one file (path relative to the root, forward slashes); waits only while `limit` writes
   * are pending. `unchanged`: the caller knows the previous output holds these very bytes (a page
   * read back from it), so it is linked without comparing.
   */
  async write(relative: string, contents: string | Uint8Array | (() => Promise<Uint8Array>), unchanged = false): Promise<void> {
    if (this.inFlight.size >= this.limit) {
      const started = performance.now();
      while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
      this.waited += performance.now() - started;
    }
    this.rethrow();
    // Paths come from content (page URLs, redirects): none may climb out of the folder.
    const file = insideOutput(this.root, relative);
    // Encoded now: the bytes live outside the JS heap while they wait, so the page's string
    // dies young instead of being copied by every garbage collection until it is written.
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    const task: Promise<void> = this.place(relative, file, bytes, unchanged)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /**
   * Queue the previous output's file as it is (the caller checked it is the one the last build
   * wrote, with inode `ino`): linked, or left in the standby, without its bytes in memory.
   */
  async keep(relative: string, ino: number): Promise<void> {
    const previous = this.previous;
    if (previous === undefined) throw new Error(`no previous output to keep ${relative} from`);
    // The standby holds that very file already: nothing to queue (most of a rebuild's pages).
    if (this.standby?.inodes[relative] === ino) {
      this.linked++;
      return;
    }
    await this.write(relative, () => readFile(insideOutput(previous, relative)), true);
  }

  /** Wait for every pending write; throws the first failure. */
  async flush(): Promise<void> {
    const started = performance.now();
    await this.settle();
    this.waited += performance.now() - started;
    this.rethrow();
  }

  /** Wait for every pending write, ignoring failures (before removing a failed build). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** `bytes` as a function: the previous output's file, read only when it cannot be linked. */
  private async place(relative: string, file: string, bytes: Uint8Array | (() => Promise<Uint8Array>), unchanged: boolean): Promise<void> {
    const old = this.previous === undefined ? undefined : insideOutput(this.previous, relative);
    const same = old === undefined ? undefined : sameFile(old, bytes, unchanged);
    if (same && this.standby?.inodes[relative] === same.ino) {
      this.linked++;
      return;
    }
    if (this.standby) await clear(file);
    await this.folder(path.dirname(file));
    // Another file system, or links not allowed: write instead.
    if (same && old !== undefined && (await link(old, file).then(() => true, () => false))) {
      this.linked++;
      return;
    }
    await writeFile(file, typeof bytes === 'function' ? await bytes() : bytes);
    this.written++;
  }

  private folder(dir: string): Promise<unknown> {
    let made = this.dirs.get(dir);
    if (!made) {
      made = this.standby ? makeFolderOver(this.root, dir) : mkdir(dir, { recursive: true });
      this.dirs.set(dir, made);
    }
    return made;
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }
}

/**
 * The previous output's file when it holds exactly `bytes` (`unchanged`: known to, by its size).
 * Synchronous: a rebuild compares thousands of small files, and a read of one costs less than
 * the round trip through the thread pool.
 */
function sameFile(old: string, bytes: Uint8Array | (() => unknown), unchanged: boolean): Stats | undefined {
  const info = statSync(old, { throwIfNoEntry: false });
  if (!info?.isFile()) return undefined;
  if (typeof bytes === 'function') return info;
  if (info.size !== bytes.byteLength) return undefined;
  if (unchanged || sameBytes(old, bytes)) return info;
  return undefined;
}

function sameBytes(file: string, bytes: Uint8Array): boolean {
  try {
    return readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** Unlink whatever is at `file` in a standby tree (a folder, when a page became a file). */
async function clear(file: string): Promise<void> {
  await unlink(file).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') await rm(file, { recursive: true, force: true });
  });
}

/** Make `dir` under `root`, unlinking a file of the standby tree that has the name of one of its folders. */
async function makeFolderOver(root: string, dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
    for (let at = dir; at !== root && at.startsWith(root); at = path.dirname(at)) {
      if ((await lstat(at).catch(() => undefined))?.isDirectory() === false) await unlink(at);
    }
    await mkdir(dir, { recursive: true });
  }
}
