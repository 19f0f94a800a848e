/**
 * The staging folder a cold build writes the site into before it swaps it in (build-site.ts),
 * made as the sources start to parse, with the files every offering gets (its page, its
 * checklist, its comparison data) laid out in it meanwhile by the render worker waiting for its
 * pages: their folders, and the files themselves, empty, for the build to write over. That
 * thread has nothing else to do then, and on some file systems each new file or folder costs
 * far more right after many were deleted (a clean build into the same place deletes the last
 * output first). The offerings' ids are known before parsing (site.yaml's, else each source's
 * file name). Whatever no page or file of the build ended up in is removed before the swap.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { pageFile } from '../render/page.js';
import { checklistPageUrl, offeringDataPath, offeringPageUrl } from '../render/url.js';
import { insideOutput } from './out-dir.js';

/** What is made in the tree ahead of the pages, relative to it. */
export interface Layout {
  folders: string[];
  /** Made empty, after the folders. */
  files: string[];
}

export interface Staging {
  /** The staging folder, removed after the build. */
  dir: string;
  /** Where the site is written in it. */
  tree: string;
  layout: Layout;
}

/** The staging folder name for `outDir`: a hidden sibling, made unique by mkdtemp. */
export function stagingPrefix(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}-build-`);
}

/**
 * A fresh staging folder beside `outDir`, with the layout of offerings of `offeringIds`: their
 * files too unless the build may link them from a previous output instead (`files` false: a
 * link is never made over a file). Undefined when the output folder's parent does not exist
 * yet (the build makes it only once the content has loaded without errors).
 */
export function stagingFor(outDir: string, offeringIds: readonly string[], files: boolean): Staging | undefined {
  let dir: string;
  try {
    dir = mkdtempSync(stagingPrefix(outDir));
  } catch {
    return undefined;
  }
  const ids = [...new Set(offeringIds)];
  const made = ids.flatMap((id) => [pageFile(offeringPageUrl(id)), pageFile(checklistPageUrl(id)), offeringDataPath(id)]);
  const folders = [...new Set(made.map((file) => path.posix.dirname(file)))];
  return { dir, tree: path.join(dir, 'site'), layout: { folders, files: files ? made : [] } };
}

/** Folders or files made between two looks at the worker's messages. */
const AT_ONCE = 32;

/**
 * Make the layout in `tree` (a render worker, while the content parses), until `stopped` (its
 * pages have come: the threads make the rest as they write). A file is made only where there
 * is none, so one a thread has written meanwhile is never emptied. What cannot be made is made,
 * or reported, when the build writes it.
 */
export async function layOut(tree: string, { folders, files }: Layout, stopped: () => boolean): Promise<void> {
  const steps = [
    ...folders.map((folder) => () => mkdirSync(insideOutput(tree, folder), { recursive: true })),
    ...files.map((file) => () => closeSync(openSync(insideOutput(tree, file), 'wx'))),
  ];
  for (let i = 0; i < steps.length && !stopped(); i++) {
    try {
      steps[i]!();
    } catch {
      // As above.
    }
    if (i % AT_ONCE === AT_ONCE - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Remove what the layout made that is not among the files `written` (empty files, then the
 * folders that hold none of them, deepest first), so the tree holds only what the build wrote.
 * A folder that is not empty is left.
 */
export function removeUnused(tree: string, { folders, files }: Layout, written: ReadonlySet<string>): void {
  for (const file of files) if (!written.has(file)) attempt(() => unlinkSync(insideOutput(tree, file)));
  const used = new Set<string>();
  for (const file of written) {
    for (let dir = path.posix.dirname(file); dir !== '.' && !used.has(dir); dir = path.posix.dirname(dir)) used.add(dir);
  }
  const made = new Set<string>();
  for (const folder of folders) {
    for (let dir = folder; dir !== '.' && !made.has(dir); dir = path.posix.dirname(dir)) made.add(dir);
  }
  const unused = [...made].filter((dir) => !used.has(dir)).sort((a, b) => b.split('/').length - a.split('/').length);
  for (const dir of unused) attempt(() => rmdirSync(insideOutput(tree, dir)));
}

/** Never made, or (a folder) not empty: nothing of the layout's to remove. */
function attempt(remove: () => void): void {
  try {
    remove();
  } catch {
    // As above.
  }
}
