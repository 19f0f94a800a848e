/**
 * The staging folder a cold build writes the site into before it swaps it in (build-site.ts),
 * made as the sources start to parse, with the folders of every offering's pages (its page and
 * its checklist) made in it meanwhile by the render worker waiting for its pages: that thread
 * has nothing else to do then, and on some file systems each new folder costs far more right
 * after many were deleted (a clean build into the same place deletes the last output first).
 * The offerings' ids are known before parsing (site.yaml's, else each source's file name); a
 * folder no page ended up in is removed before the swap.
 */
import { mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { checklistPageUrl, offeringPageUrl } from '../render/url.js';
import { insideOutput } from './out-dir.js';

export interface Staging {
  /** The staging folder, removed after the build. */
  dir: string;
  /** Where the site is written in it. */
  tree: string;
  /** The folders made in the tree ahead of the pages, relative to it. */
  folders: string[];
}

/** The staging folder name for `outDir`: a hidden sibling, made unique by mkdtemp. */
export function stagingPrefix(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}-build-`);
}

/**
 * A fresh staging folder beside `outDir`, with the folders to make in its tree for offerings of
 * `offeringIds`; undefined when the output folder's parent does not exist yet (the build makes
 * it only once the content has loaded without errors).
 */
export function stagingFor(outDir: string, offeringIds: readonly string[]): Staging | undefined {
  let dir: string;
  try {
    dir = mkdtempSync(stagingPrefix(outDir));
  } catch {
    return undefined;
  }
  const folders = [...new Set(offeringIds)].flatMap((id) => [offeringPageUrl(id), checklistPageUrl(id)].map((url) => url.replace(/\/$/, '')));
  return { dir, tree: path.join(dir, 'site'), folders };
}

/** Make `folders` in `tree` (a render worker, while the content parses). A folder that cannot be made is made, or reported, when its page is written. */
export function makeFolders(tree: string, folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      mkdirSync(insideOutput(tree, folder), { recursive: true });
    } catch {
      // As above.
    }
  }
}

/**
 * Remove the folders of `folders` (and the folders they are in) that hold none of the files
 * `written`, so the tree holds only what the build wrote. Only empty folders are removed.
 */
export function removeUnusedFolders(tree: string, folders: readonly string[], written: Iterable<string>): void {
  const used = new Set<string>();
  const withParents = new Set<string>();
  for (const file of written) {
    for (let dir = path.posix.dirname(file); dir !== '.' && !used.has(dir); dir = path.posix.dirname(dir)) used.add(dir);
  }
  for (const folder of folders) {
    for (let dir = folder; dir !== '.' && !withParents.has(dir); dir = path.posix.dirname(dir)) withParents.add(dir);
  }
  // The deepest first, so a folder is empty by the time its parent is tried.
  const unused = [...withParents].filter((dir) => !used.has(dir)).sort((a, b) => b.split('/').length - a.split('/').length);
  for (const dir of unused) {
    try {
      rmdirSync(insideOutput(tree, dir));
    } catch {
      // Never made, or not empty: nothing of the build's to remove.
    }
  }
}
