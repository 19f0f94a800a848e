/**
 * The staging folder a cold build writes the site into before it swaps it in (build-site.ts),
 * made as the sources start to parse, with the files every offering gets (its page, its
 * checklist, its comparison data) laid out in it meanwhile by the render worker waiting for its
 * pages: their folders, and the files themselves, empty, for the build to write over. That
 * thread has nothing else to do then, and on some file systems each new file or folder costs
 * far more right after many were deleted (a clean build into the same place deletes the last
 * output first). The offerings' ids are known before parsing (site.yaml's, else each source's
 * file name). What the build did not write over is removed before the swap (removeUnwritten).
 */
import { closeSync, mkdirSync, mkdtempSync, openSync } from 'node:fs';
import path from 'node:path';
import { pageFile } from '../render/page.js';
import { checklistPageUrl, offeringDataPath, offeringPageUrl } from '../shared/site-paths.js';
import { insideOutput } from './out-dir.js';

/** What is made in the tree ahead of the pages: the folders of `files` (relative to it), then the files, empty, when `withFiles`. */
export interface Layout {
  files: string[];
  withFiles: boolean;
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
  return { dir, tree: path.join(dir, 'site'), layout: { files: made, withFiles: files } };
}

/** Folders or files made between two looks at the worker's messages. */
const AT_ONCE = 32;

/**
 * Make the layout in `tree` (a render worker, while the content parses), until `stopped` (its
 * pages have come: the threads make the rest as they write). A file is made only where there
 * is none, so one a thread has written meanwhile is never emptied. What cannot be made is made,
 * or reported, when the build writes it.
 */
export async function layOut(tree: string, { files, withFiles }: Layout, stopped: () => boolean): Promise<void> {
  const folders = new Set(files.map((file) => path.posix.dirname(file)));
  const steps = [
    ...[...folders].map((folder) => () => mkdirSync(insideOutput(tree, folder), { recursive: true })),
    ...(withFiles ? files : []).map((file) => () => closeSync(openSync(insideOutput(tree, file), 'wx'))),
  ];
  let done = 0;
  for (const step of steps) {
    if (stopped()) return;
    try {
      step();
    } catch {
      // As above.
    }
    if (++done % AT_ONCE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
