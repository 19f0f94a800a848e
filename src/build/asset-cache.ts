/**
 * A cache for the client asset build: the bundle depends only on src/ (src/client and the pure
 * modules it imports from shared/, model/, stack/, search/, links/ and render/), public/,
 * vite.config.ts, Vite's version and the base path, so a content-only rebuild reuses the files
 * of the previous build instead of running Vite again. Set RESPMATRIX_ASSET_CACHE=0 to bypass.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot, publicDir, viteConfigFile } from '../render/paths.js';
import { hashTree } from './cache/fingerprint.js';

export const cacheRoot = path.join(packageRoot, 'node_modules', '.cache', 'respmatrix', 'assets');

/**
 * A key for everything the bundle is made from. Read synchronously: a few hundred small files
 * take a few milliseconds this way, several times that through the thread pool.
 */
export function assetKey(base: string): string {
  const hash = createHash('sha256');
  const vitePackage = path.join(packageRoot, 'node_modules', 'vite', 'package.json');
  hash.update(`base\0${base}\0`);
  for (const file of [viteConfigFile, vitePackage]) {
    hash.update(`${path.relative(packageRoot, file)}\0`).update(readOr(file, 'missing')).update('\0');
  }
  // All of src/, not src/client alone: a change to a module the browser imports must rebuild the bundle.
  hashTree(hash, path.join(packageRoot, 'src'), packageRoot);
  hashTree(hash, publicDir, packageRoot);
  return hash.digest('hex').slice(0, 32);
}

export function cacheEnabled(): boolean {
  return process.env['RESPMATRIX_ASSET_CACHE'] !== '0';
}

function holdsFiles(dir: string): boolean {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).some((entry) => entry.isFile());
  } catch {
    return false;
  }
}

function readOr(file: string, missing: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.from(missing);
  }
}

/** Copy a cached build into outDir; false when there is none (or its folder holds no file). */
export function restoreAssets(key: string, outDir: string): boolean {
  const dir = path.join(cacheRoot, key);
  if (!holdsFiles(dir)) return false;
  cpSync(dir, outDir, { recursive: true });
  return true;
}

/** Store a fresh build (written into `buildDir`, which holds only the asset build) under its key. */
export async function storeAssets(key: string, buildDir: string): Promise<void> {
  await mkdir(cacheRoot, { recursive: true });
  const target = path.join(cacheRoot, key);
  const staging = `${target}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await cp(buildDir, staging, { recursive: true });
  // Another build may have stored the same key meanwhile: same files, keep theirs.
  await rename(staging, target).catch(() => rm(staging, { recursive: true, force: true }));
}
