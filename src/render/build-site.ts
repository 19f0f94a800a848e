/**
 * Writes the site for a model into `outDir` atomically: everything goes to a sibling
 * temporary folder first and is swapped in only when complete, so a failed build leaves
 * the previous output as it was.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Site } from '../model/types.js';

export interface BuildOptions {
  outDir: string;
  /** Public base path of the site, starting and ending with `/`. */
  base: string;
  contentDir: string;
}

export async function buildSite(site: Site, options: BuildOptions): Promise<void> {
  const outDir = path.resolve(options.outDir);
  const parent = path.dirname(outDir);
  const tmpDir = path.join(parent, `.${path.basename(outDir)}-tmp-${process.pid}`);
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  try {
    await writeFile(path.join(tmpDir, 'model.json'), JSON.stringify(site, null, 2) + '\n');
    await swapIn(tmpDir, outDir);
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true });
    throw error;
  }
}

async function swapIn(tmpDir: string, outDir: string): Promise<void> {
  const oldDir = `${tmpDir}-old`;
  await rm(oldDir, { recursive: true, force: true });
  await rename(outDir, oldDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(tmpDir, outDir);
  await rm(oldDir, { recursive: true, force: true });
}
