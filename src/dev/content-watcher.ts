/**
 * Watches the content folder for the dev server: one fs.watch per folder, whose events name the
 * file that changed. Vite's watcher (chokidar) lists the whole folder again, a stat per file,
 * whenever one of its files changes: with 1,000 sources that cost this thread about as much as
 * the reload itself. Folders made later are watched when they appear; links to folders inside
 * the content folder are followed (once: a link back up the tree is not).
 */
import { readdirSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { within } from '../config/confine.js';

/** Folders that hold no content. */
const SKIPPED = new Set(['.git', 'node_modules']);

export interface ContentWatcher {
  close(): void;
}

/** Calls `onChange` with the path (relative to `root`) of each file or folder that changes. */
export function watchContent(root: string, onChange: (relative: string) => void): ContentWatcher {
  const realRoot = realpathSync(root);
  /** Watched folder -> its watcher and real path. */
  const watched = new Map<string, { watcher: FSWatcher; real: string }>();

  const unwatch = (dir: string): void => {
    for (const [at, { watcher }] of watched) {
      if (!within(dir, at)) continue;
      watcher.close();
      watched.delete(at);
    }
  };

  const watchTree = (dir: string): void => {
    const real = realOf(dir);
    if (!real || !within(realRoot, real) || [...watched.values()].some((w) => w.real === real)) return;
    try {
      const watcher = watch(dir, (event, name) => changed(dir, event, name));
      watcher.on('error', () => unwatch(dir));
      watched.set(dir, { watcher, real });
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (!SKIPPED.has(entry.name) && (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full)))) watchTree(full);
      }
    } catch {
      // Gone meanwhile: its parent's watcher reports that.
      unwatch(dir);
    }
  };

  const changed = (dir: string, event: string, name: string | null): void => {
    const full = name ? path.join(dir, name) : dir;
    // A folder made, moved or deleted: watch what is there now.
    if (event === 'rename' && full !== dir && !SKIPPED.has(path.basename(full))) {
      unwatch(full);
      if (isDirectory(full)) watchTree(full);
    }
    onChange(path.relative(root, full));
  };

  watchTree(root);
  return { close: () => unwatch(root) };
}

function realOf(dir: string): string | undefined {
  try {
    return realpathSync(dir);
  } catch {
    return undefined;
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
