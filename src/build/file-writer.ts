/**
 * Writes files a few at a time while the caller goes on rendering: the page being rendered and
 * at most `limit` pages being written are in memory, never the whole site. Each folder is made
 * once. The first failure is rethrown by the next `write` or by `flush`.
 * Given the previous output folder, a file whose bytes are the same as there is hard-linked
 * from it instead of written (a fresh name in the new folder: the old file is never changed).
 */
import { link, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { insideOutput } from './out-dir.js';

export class FileWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly dirs = new Map<string, Promise<unknown>>();
  private failure: { error: unknown } | undefined;
  /** Milliseconds the caller spent waiting for writes (the rest overlapped with its own work). */
  waited = 0;
  /** Files written, and files linked from the previous output. */
  written = 0;
  linked = 0;

  constructor(
    private readonly root: string,
    private readonly limit = 16,
    /** The previous output folder, to link unchanged files from. */
    private readonly previous?: string,
  ) {}

  /**
   * Queue one file (path relative to the root, forward slashes); waits only while `limit` writes
   * are pending. `unchanged`: the caller knows the previous output holds these very bytes (a page
   * read back from it), so it is linked without comparing.
   */
  async write(relative: string, contents: string | Uint8Array, unchanged = false): Promise<void> {
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
    const task: Promise<void> = this.folder(path.dirname(file))
      .then(async () => {
        if (!(await this.linkIfSame(relative, file, bytes, unchanged))) {
          await writeFile(file, bytes);
          this.written++;
        }
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
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

  /** Link the previous output's file when it holds exactly `bytes`; false when it must be written. */
  private async linkIfSame(relative: string, file: string, bytes: Uint8Array, unchanged: boolean): Promise<boolean> {
    if (!this.previous) return false;
    const old = insideOutput(this.previous, relative);
    const info = await stat(old).catch(() => undefined);
    if (!info?.isFile() || info.size !== bytes.byteLength) return false;
    const same = unchanged || (await readFile(old).then((previous) => previous.equals(bytes), () => false));
    // Another file system, or links not allowed: write instead.
    if (!same || !(await link(old, file).then(() => true, () => false))) return false;
    this.linked++;
    return true;
  }

  private folder(dir: string): Promise<unknown> {
    let made = this.dirs.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true });
      this.dirs.set(dir, made);
    }
    return made;
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }
}
