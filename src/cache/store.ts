/**
 * A content-addressed store on disk: one JSON file per key under `<dir>/<2 hex>/<key>.json`.
 * Writes go to a temporary name and are renamed into place, so concurrent builds and an
 * interrupted build never leave a half-written entry; an unreadable entry is a miss.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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

  /** Best effort: a cache that cannot be written only makes the next build slower. */
  async set(key: string, value: T): Promise<void> {
    const file = this.#file(key);
    const dir = path.dirname(file);
    const tmp = `${file}.${process.pid}-${++counter}.tmp`;
    try {
      if (!this.#madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.#madeDirs.add(dir);
      }
      await writeFile(tmp, JSON.stringify(value));
      await rename(tmp, file);
    } catch {
      // Read-only or full disk: keep building without the cache.
    }
  }
}
