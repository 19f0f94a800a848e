/**
 * Which output folders a build may replace, and what it may write or remove in the tree it
 * swaps in. The build swaps the whole folder, so it must never be the content folder, the
 * project folder the build runs in, or a folder that holds either; nor a file or a symbolic
 * link (replacing the link would surprise, following it would write elsewhere). Real paths are
 * compared, so a link cannot disguise the content folder.
 */
import { rmdirSync, unlinkSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { within } from '../config/confine.js';

/** The real path of `file`, resolving links in the part of it that exists. */
async function realOf(file: string): Promise<string> {
  const rest: string[] = [];
  let at = path.resolve(file);
  for (;;) {
    try {
      return path.join(await realpath(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(file);
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

/** Why `outDir` must not be built into, or undefined when it may. */
export async function outDirProblem(outDir: string, contentDir: string, projectDir: string): Promise<string | undefined> {
  const out = path.resolve(outDir);
  const info = await lstat(out).catch(() => undefined);
  if (info?.isSymbolicLink()) return `--out ${out} is a symbolic link: give the real folder (it is replaced on every build)`;
  if (info && !info.isDirectory()) return `--out ${out} is not a folder (it would be replaced by the site)`;
  const [realOut, realContent, realProject] = await Promise.all([realOf(out), realOf(contentDir), realOf(projectDir)]);
  if (within(realOut, realContent)) {
    return `--out must not be the content folder or hold it (it is replaced on every build): ${out}`;
  }
  if (within(realOut, realProject)) {
    return `--out must not be the current folder or hold it (it is replaced on every build): ${out}`;
  }
  return undefined;
}

/**
 * A relative path that stays where it is joined: segments of anything but slashes and NUL,
 * none of them "." or "..". A build joins thousands (each page, each folder of a rebuild's tree).
 */
const PLAIN_RELATIVE = /^(?!\.\.?(?:\/|$))(?:[^/\\\0]+\/(?!\.\.?(?:\/|$)))*[^/\\\0]+$/;
/** Roots that are absolute and normalised already (path.resolve gives them back as they are). */
const plainRoots = new Set<string>();

/** `relative` (forward slashes) joined to `root`, or an error if it would leave `root`. */
export function insideOutput(root: string, relative: string): string {
  if (path.sep === '/' && PLAIN_RELATIVE.test(relative) && (plainRoots.has(root) || (path.resolve(root) === root && plainRoots.add(root)))) {
    return root === '/' ? `/${relative}` : `${root}/${relative}`;
  }
  const file = path.resolve(root, relative);
  if (path.isAbsolute(relative) || !within(root, file) || file === root) {
    throw new Error(`refusing to write ${JSON.stringify(relative)}: it is outside the output folder`);
  }
  return file;
}

/**
 * Remove from the tree `root` each of `files` that is not among `written`, then the folders
 * that leaves empty, deepest first (a folder that still holds something stays). What the tree
 * held before the build wrote it: a standby's files (standby.ts), or those laid out ahead
 * (staging.ts), some perhaps never made.
 */
export function removeUnwritten(root: string, files: Iterable<string>, written: ReadonlySet<string>): void {
  const emptied = new Set<string>();
  for (const file of files) {
    if (written.has(file)) continue;
    try {
      unlinkSync(insideOutput(root, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) emptied.add(file.slice(0, slash));
  }
  for (const folder of [...emptied].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(insideOutput(root, folder));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
    }
  }
}
