/**
 * Writes the files of a build, each as soon as it is given: the page being rendered is the
 * only one in memory, never the whole site. Each folder is made once. Writes are synchronous:
 * a page is a few tens of KB, and one blocking call per file costs less CPU than the thread
 * pool's round trips for opening, writing and closing it (at 1,000 offerings the thread pool
 * version spent about a second of the threads' time in them).
 * Given the previous output folder, a file whose bytes are the same as there is hard-linked
 * from it instead of written (a fresh name in the new folder: the old file is never changed).
 * Given a standby tree (standby.ts) as the root, a file that already is the previous output's
 * is left as it is, and any other is unlinked before it is replaced, so a file the live output
 * shares with the standby is never written to.
 */
import { closeSync, constants, fstatSync, ftruncateSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { TextPieces, type OutputFile, type PreviousBytes } from '../render/page.js';
import { insideOutput } from './out-dir.js';
import { isByteRange } from '../shared/shapes.js';

/** The standby tree being brought up to date: its files' inodes, and its folders. */
export interface StandbyFiles {
  inodes: Readonly<Record<string, number>>;
  dirs: readonly string[];
}

/** What the cache recorded of a file of the previous output (output-reuse.ts). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** Whether `file` is still the one a build wrote: a file with the size, time and inode recorded then. */
export function stillAsRecorded(file: string, stamp: FileStamp): boolean {
  const info = statSync(file, { throwIfNoEntry: false });
  return info?.isFile() === true && sameStamp(info, stamp);
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/**
 * Stamps of the previous output's files as they were a moment ago, path -> stamp: a rebuild's
 * files worker takes them while it waits for the model (as many as it can before the model
 * comes), sparing the main thread a stat per file.
 */
export type LiveStamps = ReadonlyMap<string, FileStamp>;

/** Stamps as a thread posts them (stampsToPost): `paths[i]`'s size, time and inode at 3i, 3i+1 and 3i+2 of `numbers`. */
export function postedStamps(paths: readonly string[], numbers: Float64Array): LiveStamps {
  const stamps = new Map<string, FileStamp>();
  paths.forEach((file, i) => stamps.set(file, { size: numbers[3 * i]!, mtimeMs: numbers[3 * i + 1]!, ino: numbers[3 * i + 2]! }));
  return stamps;
}

/** Stamps to post to another thread: a path list and one array of numbers (cheaper to copy than objects). */
export function stampsToPost(stamps: Iterable<readonly [string, FileStamp]>): { paths: string[]; stamps: Float64Array } {
  const paths: string[] = [];
  const numbers: number[] = [];
  for (const [file, { size, mtimeMs, ino }] of stamps) {
    paths.push(file);
    numbers.push(size, mtimeMs, ino);
  }
  return { paths, stamps: Float64Array.from(numbers) };
}

/**
 * Whether the file `relative` of the previous output `dir` is still the one recorded as `stamp`:
 * by its stamp in `live` when it was taken, else by looking (a file whose stamp was not taken,
 * or that was not a file then).
 */
export function stillAsRecordedIn(dir: string, relative: string, stamp: FileStamp, live: LiveStamps | undefined): boolean {
  const now = live?.get(relative);
  return now ? sameStamp(now, stamp) : stillAsRecorded(insideOutput(dir, relative), stamp);
}

export class FileWriter {
  private readonly dirs = new Set<string>();
  /** Milliseconds spent writing (and linking) files. */
  writeMs = 0;
  /** Files written, and files the same as in the previous output (linked, or kept in the standby). */
  written = 0;
  linked = 0;
  private readonly standby: StandbyFiles | undefined;
  /** Files kept as the previous output's very file (the same inode): stamped as the cache recorded it, so not taken again. */
  readonly keptStamps = new Map<string, FileStamp>();

  constructor(
    private readonly root: string,
    /** The previous output folder, to link unchanged files from. */
    private readonly previous?: string,
    /** When `root` is a standby tree: what it holds. */
    standby?: StandbyFiles,
    /** The previous output's files as the last build recorded them: a file still so is the one it wrote. */
    private readonly recorded?: Readonly<Record<string, FileStamp>>,
    /** Those files as they are, when taken ahead. */
    private readonly live?: LiveStamps,
  ) {
    this.standby = standby;
    for (const dir of standby?.dirs ?? []) this.dirs.add(path.resolve(root, dir));
  }

  /**
   * Write one file (path relative to the root, forward slashes). `unchanged`: the caller knows
   * the previous output holds these very bytes (a page read back from it), so it is linked
   * without comparing.
   */
  write(relative: string, contents: OutputFile['contents'], unchanged = false): void {
    const started = performance.now();
    // Paths come from content (page URLs, redirects): none may climb out of the folder.
    const file = insideOutput(this.root, relative);
    this.keptStamps.delete(relative);
    if (contents instanceof TextPieces) this.placePieces(relative, file, contents);
    else this.place(relative, file, contents, unchanged);
    this.writeMs += performance.now() - started;
  }

  /**
   * Write one output file. One named after its contents is the same as the previous output's
   * file of its name when that file is still the one the last build wrote (as recorded): linked
   * without reading it. Any other is compared byte for byte.
   */
  writeOutput(file: OutputFile): void {
    const stamp = file.namedByContents ? this.recorded?.[file.path] : undefined;
    // Kept as the other files the previous output holds unchanged: its bytes are not even made.
    if (stamp !== undefined && this.previous !== undefined && stillAsRecordedIn(this.previous, file.path, stamp, this.live)) this.keep(file.path, stamp);
    else this.write(file.path, file.contents);
  }

  /**
   * The previous output's file as it is (the caller checked it is the one the last build
   * wrote, as `stamp` says): linked, or left in the standby, never read unless it must be copied.
   */
  keep(relative: string, stamp: FileStamp): void {
    const previous = this.previous;
    if (previous === undefined) throw new Error(`no previous output to keep ${relative} from`);
    // The standby holds that very file already: nothing to do (most of a rebuild's pages).
    if (this.standby?.inodes[relative] === stamp.ino) {
      this.linked++;
      this.keptStamps.set(relative, stamp);
      return;
    }
    const started = performance.now();
    const linkedToOld = this.place(relative, insideOutput(this.root, relative), () => readFileSync(insideOutput(previous, relative)), true);
    if (linkedToOld) this.keptStamps.set(relative, stamp);
    this.writeMs += performance.now() - started;
  }

  /**
   * `contents` as a function: the previous output's file, read only when it cannot be linked.
   * Returns whether the file is the previous output's (linked, or already in the standby).
   */
  private place(relative: string, file: string, contents: string | Uint8Array | (() => Uint8Array), unchanged: boolean): boolean {
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    const old = this.previous === undefined ? undefined : insideOutput(this.previous, relative);
    const same = old === undefined ? undefined : sameFile(old, bytes, unchanged);
    if (same && this.standby?.inodes[relative] === same.ino) {
      this.linked++;
      return true;
    }
    if (this.standby) clear(file);
    this.folder(path.dirname(file));
    // Another file system, or links not allowed: write instead.
    if (same && old !== undefined && linked(old, file)) {
      this.linked++;
      return true;
    }
    writeOver(file, typeof bytes === 'function' ? bytes() : bytes);
    this.written++;
    return false;
  }

  /**
   * A text in pieces, written piece by piece and compared with the previous output's file on
   * the way: when they turn out the same, the new file gives way to a link to the old one.
   * Bytes taken from the previous file (model.json's unchanged offerings) are copied from it
   * through one small buffer, never read whole: a catalog's model.json is tens of megabytes,
   * each of its pages a page fault to read into memory.
   */
  private placePieces(relative: string, file: string, text: TextPieces): void {
    const old = this.previous === undefined ? undefined : insideOutput(this.previous, relative);
    if (this.standby) clear(file);
    this.folder(path.dirname(file));
    // The previous file, open to compare with as we go and to copy runs of.
    let from: number | undefined;
    let opened = false;
    const previousFile = (): number | undefined => {
      if (!opened) {
        opened = true;
        from = old === undefined ? undefined : openFile(old);
      }
      return from;
    };
    // Its size once a piece takes bytes of it, checked to be the file the last build wrote.
    let taken: number | undefined;
    const checkRange = ({ previous: [start, end] }: PreviousBytes): void => {
      if (taken === undefined) {
        const stamp = this.recorded?.[relative];
        const fd = previousFile();
        if (fd === undefined || (stamp !== undefined && !stillAsRecordedIn(this.previous as string, relative, stamp, this.live))) {
          throw new Error(`${relative}: the previous output's file, which this build takes bytes of, is gone or changed`);
        }
        taken = fstatSync(fd).size;
      }
      if (!isByteRange([start, end], taken)) throw new Error(`${relative}: bytes ${start}-${end} are not in the previous output's file`);
    };
    let same = old !== undefined;
    let at = 0;
    const out = openOver(file);
    // Pieces are many and often small (a comma between offerings): encoded into one reused buffer,
    // written and compared a chunk at a time.
    let filled = 0;
    const put = (bytes: Uint8Array): void => {
      writeSync(out, bytes);
      if (same) same = readsAt(previousFile(), at, bytes);
      at += bytes.byteLength;
    };
    const flush = (): void => {
      if (filled > 0) put(chunkBuffer.subarray(0, filled));
      filled = 0;
    };
    const add = (piece: string): void => {
      // UTF-8 takes at most three bytes per UTF-16 code unit: most pieces fit without counting.
      if (piece.length * 3 > CHUNK_BYTES - filled) {
        const size = Buffer.byteLength(piece, 'utf8');
        if (size > CHUNK_BYTES - filled) flush();
        // A piece larger than the buffer is written as it is.
        if (size > CHUNK_BYTES) return put(Buffer.from(piece, 'utf8'));
      }
      filled += chunkBuffer.write(piece, filled, 'utf8');
    };
    const addBytes = (bytes: Uint8Array): void => {
      if (bytes.byteLength > CHUNK_BYTES - filled) flush();
      if (bytes.byteLength > CHUNK_BYTES) return put(bytes);
      chunkBuffer.set(bytes, filled);
      filled += bytes.byteLength;
    };
    // Pieces that continue each other in the previous file (unchanged offerings and the commas
    // between them) join into one run of it: one copy instead of thousands of pieces.
    let run: [number, number] | undefined;
    const endRun = (): void => {
      if (!run) return;
      flush();
      same = copyRange(previousFile() as number, run[0], run[1], out, at, same);
      at += run[1] - run[0];
      run = undefined;
    };
    try {
      for (const piece of text.pieces()) {
        if (typeof piece === 'string') {
          if (run && piece.length <= RUN_TEXT_BYTES) {
            const bytes = Buffer.from(piece, 'utf8');
            if (bytes.byteLength <= RUN_TEXT_BYTES && readsAt(previousFile(), run[1], bytes)) {
              run[1] += bytes.byteLength;
              continue;
            }
          }
          endRun();
          add(piece);
          continue;
        }
        if (piece instanceof Uint8Array) {
          endRun();
          addBytes(piece);
          continue;
        }
        checkRange(piece);
        if (run?.[1] === piece.previous[0]) run[1] = piece.previous[1];
        else {
          endRun();
          run = [piece.previous[0], piece.previous[1]];
        }
      }
      endRun();
      flush();
      cutTo(out, at);
      // And nothing more in the previous file.
      if (same) {
        const previousFd = previousFile();
        same = previousFd !== undefined && fstatSync(previousFd).size === at;
      }
    } finally {
      closeSync(out);
      if (from !== undefined) closeSync(from);
    }
    // The same bytes: the previous output's file takes the new one's place, as any unchanged file.
    if (same && old !== undefined) {
      unlinkSync(file);
      if (linked(old, file)) {
        this.linked++;
        return;
      }
      writeFileSync(file, readFileSync(old));
    }
    this.written++;
  }

  private folder(dir: string): void {
    if (this.dirs.has(dir)) return;
    if (this.standby) makeFolderOver(this.root, dir);
    else mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }
}

/**
 * Write `bytes` as the whole of `file`, made if missing. A file that is there (laid out empty
 * ahead, staging.ts) is cut to size after it is written, not emptied when opened: on ext4,
 * emptying a file makes its close start writing it to disk at once (auto_da_alloc), which cost
 * about 25 µs more a file here, thousands of files a cold build.
 */
function writeOver(file: string, bytes: Uint8Array): void {
  const fd = openOver(file);
  try {
    writeFileSync(fd, bytes);
    cutTo(fd, bytes.byteLength);
  } finally {
    closeSync(fd);
  }
}

/** The file open as `fd`, written from its start, cut after the `size` bytes written when it was longer. */
function cutTo(fd: number, size: number): void {
  if (fstatSync(fd).size > size) ftruncateSync(fd, size);
}

/** `file` open to write from its start, made if missing, not emptied (writeOver). */
function openOver(file: string): number {
  return openSync(file, constants.O_WRONLY | constants.O_CREAT);
}

/** A file descriptor to read `file` with, when it is a file. */
function openFile(file: string): number | undefined {
  try {
    const fd = openSync(file, 'r');
    if (fstatSync(fd).isFile()) return fd;
    closeSync(fd);
  } catch {
    // No previous file: nothing to compare with.
  }
  return undefined;
}

/** Pieces of a TextPieces file are written in chunks of about this many bytes. */
const CHUNK_BYTES = 1 << 20;

/** Text pieces up to this long may continue a run of the previous file (separators, not content). */
const RUN_TEXT_BYTES = 16;

/**
 * Buffers that text pieces are encoded into, runs of a previous file copied through, and both
 * compared with: reused, so their pages are touched once (a buffer per piece, joined into a new
 * one per chunk, took fresh memory for every megabyte of model.json and the CSV).
 */
const chunkBuffer = Buffer.allocUnsafe(CHUNK_BYTES);
const copyBuffer = Buffer.allocUnsafe(CHUNK_BYTES);
const compareBuffer = Buffer.allocUnsafe(CHUNK_BYTES);

/** Copies bytes `start`-`end` of the file of `from` onto `out`; returns whether the output is still the same as `from` (when `same` so far), these bytes being at `at`. */
function copyRange(from: number, start: number, end: number, out: number, at: number, same: boolean): boolean {
  for (let position = start; position < end; ) {
    const read = readSync(from, copyBuffer, 0, Math.min(copyBuffer.length, end - position), position);
    if (read === 0) throw new Error(`the previous file ended at byte ${position}, before ${end}`);
    const bytes = copyBuffer.subarray(0, read);
    writeSync(out, bytes);
    // A run at its own place is the same bytes; elsewhere it is compared.
    if (same && position !== at) same = readsAt(from, at, bytes);
    position += read;
    at += read;
  }
  return same;
}

/** Whether the file of `fd` holds `bytes` at `position` (no file: no). */
function readsAt(fd: number | undefined, position: number, bytes: Uint8Array): boolean {
  if (fd === undefined) return false;
  for (let done = 0; done < bytes.byteLength; ) {
    const length = Math.min(compareBuffer.length, bytes.byteLength - done);
    let filled = 0;
    while (filled < length) {
      const read = readSync(fd, compareBuffer, filled, length - filled, position + done + filled);
      if (read === 0) return false;
      filled += read;
    }
    if (Buffer.compare(compareBuffer.subarray(0, length), bytes.subarray(done, done + length)) !== 0) return false;
    done += length;
  }
  return true;
}

function linked(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
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
function clear(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') rmSync(file, { recursive: true, force: true });
  }
}

/** Make `dir` under `root`, unlinking a file of the standby tree that has the name of one of its folders. */
function makeFolderOver(root: string, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
    for (let at = dir; at !== root && at.startsWith(root); at = path.dirname(at)) {
      if (lstatSync(at, { throwIfNoEntry: false })?.isDirectory() === false) unlinkSync(at);
    }
    mkdirSync(dir, { recursive: true });
  }
}
