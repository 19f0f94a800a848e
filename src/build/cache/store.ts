/**
 * A content-addressed store on disk: one JSON file per key under `<dir>/<2 hex>/<key>.json`.
 * Writes go to a temporary name and are renamed into place, so concurrent builds and an
 * interrupted build never leave a half-written entry; an unreadable entry is a miss.
 * Every edit writes a new entry, so `prune` drops entries not rewritten for a while (at most
 * once a day; an entry pruned while still useful costs one parse), and the packs
 * (cache/pack.ts) in the folder's subfolders likewise.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

export class DiskStore<T> {
  readonly dir: string;
  #madeDirs = new Set<string>();

  constructor(dir: string) {
    this.dir = dir;
  }

  #file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.#file(key), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /**
   * An entry written by setWithBody: its value, and the bytes after it. A body in the same file
   * as the value is replaced with it, never one without the other.
   */
  async getWithBody(key: string): Promise<{ value: T; body: Buffer } | undefined> {
    try {
      const bytes = await readFile(this.#file(key));
      const end = bytes.indexOf(10);
      if (end < 0) return undefined;
      return { value: JSON.parse(bytes.toString('utf8', 0, end)) as T, body: bytes.subarray(end + 1) };
    } catch {
      return undefined;
    }
  }

  /** Best effort: a cache that cannot be written only makes the next build slower. */
  async set(key: string, value: T): Promise<void> {
    // Encoded before the first await: the caller may go on using `value`.
    await this.#write(key, JSON.stringify(value));
  }

  /**
   * `value` on the entry's first line (JSON has no raw newline), then `body` as it is: its
   * pieces written as they are, not copied into one buffer first (an output's record is megabytes).
   */
  async setWithBody(key: string, value: T, body: readonly Uint8Array[]): Promise<void> {
    await this.#write(key, [Buffer.from(`${JSON.stringify(value)}\n`), ...body]);
  }

  async #write(key: string, contents: string | readonly Uint8Array[]): Promise<void> {
    const file = this.#file(key);
    const dir = path.dirname(file);
    const tmp = `${file}.${process.pid}-${++counter}.tmp`;
    try {
      if (!this.#madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.#madeDirs.add(dir);
      }
      await (typeof contents === 'string' ? writeFile(tmp, contents) : writePieces(tmp, contents));
      await rename(tmp, file);
    } catch {
      // Read-only or full disk: keep building without the cache.
      await rm(tmp, { force: true }).catch(() => {});
    }
  }

  /** Deletes entries older than `maxAgeMs`, if the last pruning was more than a day ago. */
  async prune(maxAgeMs: number, now: number = Date.now()): Promise<number> {
    const marker = path.join(this.dir, '.pruned');
    const last = await stat(marker).then((s) => s.mtimeMs, () => 0);
    if (now - last < DAY) return 0;
    let removed = 0;
    try {
      for (const entry of await readdir(this.dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(json|pack|words|views)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const info = await stat(file).catch(() => undefined);
        if (info && now - info.mtimeMs > maxAgeMs) {
          await rm(file, { force: true });
          removed += 1;
        }
      }
      await mkdir(this.dir, { recursive: true });
      await writeFile(marker, '');
    } catch {
      // A cache that cannot be pruned still works.
    }
    return removed;
  }
}

const DAY = 24 * 60 * 60 * 1000;

/** Writes `pieces` one after another into a new `file` with as few calls as the system allows; throws on a short write. */
export async function writePieces(file: string, pieces: readonly Uint8Array[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const { bytesWritten } = await handle.writev(pieces);
    if (bytesWritten !== pieces.reduce((sum, piece) => sum + piece.byteLength, 0)) throw new Error('short write');
  } finally {
    await handle.close();
  }
}
