/**
 * Content files kept in memory between loads (the dev server), so a reload after one edit reads
 * one file, not the whole folder, and redoes only the work that depends on what changed.
 *
 * A file is read again when its stamp changes: device, inode, size, modification and change
 * time. The change time cannot be set back, so any write (or a file replaced by another) shows.
 * Symbolic links are read again every time: where they lead decides whether they may be read at
 * all, and the stamp of the link says nothing about that. Each load starts with `begin()`; what
 * a load does not use is dropped at the next, so deleted files do not linger.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import type { Diagnostic } from '../diagnostics.js';

interface ReadEntry {
  stamp: string;
  text: string | undefined;
  diagnostics: Diagnostic[];
}

interface DerivedEntry {
  inputs: readonly unknown[];
  value: unknown;
}

export class FileMemo {
  private reads = new Map<string, ReadEntry>();
  private previousReads = new Map<string, ReadEntry>();
  private derivations = new Map<string, DerivedEntry>();
  private previousDerivations = new Map<string, DerivedEntry>();

  /** Starts a load. */
  begin(): void {
    this.previousReads = this.reads;
    this.reads = new Map();
    this.previousDerivations = this.derivations;
    this.derivations = new Map();
  }

  /** The watcher saw `relative` change: read it again whatever its stamp says. */
  forget(relative: string): void {
    this.reads.delete(relative);
  }

  /**
   * Whether `relative` still holds the text the last load read (a save often comes as two
   * events, truncate and write: the second needs no reload). Links and unread files: false.
   */
  unchanged(contentDir: string, relative: string): boolean {
    const entry = this.reads.get(relative);
    if (entry?.text === undefined) return false;
    const file = path.resolve(contentDir, relative);
    try {
      return !lstatSync(file).isSymbolicLink() && readFileSync(file, 'utf8') === entry.text;
    } catch {
      return false;
    }
  }

  /**
   * `relative` as `read` gives it (a fresh VFile each time: parsing adds messages to it), from
   * memory while its stamp is unchanged. The diagnostics of the read are replayed.
   */
  async read(
    contentDir: string,
    relative: string,
    diagnostics: Diagnostic[],
    read: (diagnostics: Diagnostic[]) => Promise<VFile | undefined>,
  ): Promise<VFile | undefined> {
    const stamp = stampOf(path.resolve(contentDir, relative));
    let entry = this.previousReads.get(relative);
    if (stamp === undefined || entry?.stamp !== stamp) {
      // Stamp first, then read: a write in between makes the next load read the file again.
      const own: Diagnostic[] = [];
      const file = await read(own);
      entry = { stamp: stamp ?? '', text: file === undefined ? undefined : String(file.value), diagnostics: own };
    }
    if (stamp !== undefined) this.reads.set(relative, entry);
    diagnostics.push(...entry.diagnostics);
    return entry.text === undefined ? undefined : new VFile({ path: relative, value: entry.text });
  }

  /**
   * What `make` gives for `relative` (one value per file) and `inputs`, made again only when an
   * input changed. Inputs compare with ===: texts by value, objects (the keywords of an unchanged
   * keywords.yaml, say) by identity, which a value derived here keeps while its inputs do.
   */
  derived<T>(relative: string, inputs: readonly unknown[], make: () => T): T {
    const known = this.previousDerivations.get(relative);
    const same = known !== undefined && known.inputs.length === inputs.length && known.inputs.every((v, i) => v === inputs[i]);
    const entry = same ? known : { inputs, value: make() };
    this.derivations.set(relative, entry);
    return entry.value as T;
  }
}

/** Undefined for links and missing files: those are read every time. */
function stampOf(file: string): string | undefined {
  try {
    const s = lstatSync(file);
    return s.isSymbolicLink() ? undefined : `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return undefined;
  }
}
