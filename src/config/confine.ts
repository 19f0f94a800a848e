/**
 * Confinement of content reads: content comes from pull requests, and a symbolic link or a `..`
 * path could otherwise publish any file the build machine can read. Every content file is read
 * through `confine`, which resolves real paths and refuses anything that leaves the content
 * folder (the caller reports it as `unsafe-path` at the place that named the file). Links that
 * stay inside the folder are fine.
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

export type Confined =
  /** Inside the folder: read `real`. */
  | { kind: 'inside'; real: string }
  /** Does not exist (or is a dangling link): nothing to read. */
  | { kind: 'missing' }
  /** Leaves the folder: `via` is the `..` path or the symbolic link, `target` where it leads. */
  | { kind: 'outside'; via: string; target: string; link: boolean };

const realRoots = new Map<string, string>();

/** The content folder's real path (itself possibly behind a link, such as macOS's /tmp). */
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = realpathSync.native(root);
    } catch {
      real = root;
    }
    realRoots.set(root, real);
  }
  return real;
}

/** Whether `file` is `dir` or inside it (both absolute, already resolved). */
export function within(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** `relative` (to the folder, forward slashes) as shown to users. */
function shown(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * Where `relative` (a path under the absolute folder `root`) really is. `..` that climbs out and
 * links whose real target is outside are `outside`; the link named is the first one on the way.
 */
export function confine(root: string, relative: string): Confined {
  const file = path.resolve(root, relative);
  if (!within(root, file)) return { kind: 'outside', via: relative, target: file, link: false };
  let real: string;
  try {
    // The system's realpath: one call, where Node's own looks at each folder of the path in turn.
    real = realpathSync.native(file);
  } catch {
    return { kind: 'missing' };
  }
  if (within(realRoot(root), real)) return { kind: 'inside', real };
  return { kind: 'outside', via: firstLink(root, file) ?? shown(root, file), target: real, link: true };
}

/** The first symbolic link on the path from `root` down to `file`, relative to `root`. */
function firstLink(root: string, file: string): string | undefined {
  let at = root;
  for (const part of path.relative(root, file).split(path.sep)) {
    at = path.join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return shown(root, at);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The sentence for an `unsafe-path` diagnostic; `prefix` says what named the path. */
export function unsafePathMessage(outside: Extract<Confined, { kind: 'outside' }>, prefix = ''): string {
  const how = outside.link ? 'is a symbolic link to' : 'leads to';
  return `${prefix}"${outside.via}" ${how} ${outside.target}, outside the content folder: not read`;
}
