/**
 * A cache for the client asset build: the bundle depends only on src/ (src/client and the pure
 * modules it imports from shared/, model/, stack/, search/, links/ and render/), public/,
 * vite.config.ts, Vite's version and the base path, so a content-only rebuild reuses the files
 * of the previous build instead of running Vite again. Set RESPMATRIX_ASSET_CACHE=0 to bypass.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../render/paths.js';
import { stampOf } from './cache/pack.js';

export const cacheRoot = path.join(packageRoot, 'node_modules', '.cache', 'respmatrix', 'assets');

/**
 * A key for everything the bundle is made from (`root`: the package). Its files' stamps name
 * the key they gave last time (in `memoDir`), as the parse cache's pack does for sources: a
 * build whose client sources are unchanged reads and hashes none of them (some 200 files).
 */
export function assetKey(base: string, root: string = packageRoot, memoDir: string = path.join(cacheRoot, 'keys')): string {
  const files = assetInputs(root);
  const stamps = stampsOf(base, root, files);
  const memo = stamps && path.join(memoDir, stamps);
  const known = memo && readOr(memo, '').toString();
  if (known && /^[0-9a-f]{32}$/.test(known)) return known;
  const hash = createHash('sha256');
  hash.update(`base\0${base}\0`);
  for (const file of files) hash.update(`${path.relative(root, file)}\0`).update(readOr(file, 'missing')).update('\0');
  const key = hash.digest('hex').slice(0, 32);
  if (memo) writeAtomically(memo, key);
  return key;
}

/**
 * What the bundle is made from: Vite's configuration and version, then all of src/ (not
 * src/client alone: a change to a module the browser imports must rebuild the bundle) and
 * public/, each folder's files in name order.
 */
function assetInputs(root: string): string[] {
  const files = [path.join(root, 'vite.config.ts'), path.join(root, 'node_modules', 'vite', 'package.json')];
  for (const dir of ['src', 'public'].map((name) => path.join(root, name))) {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    // A symbolic link counts as the file it names (stampOf then trusts no stamp).
    const names = entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => path.join(entry.parentPath, entry.name));
    files.push(...names.sort());
  }
  return files;
}

/** A digest of `files`' names and stamps, or undefined when one has none to trust (stampOf). */
function stampsOf(base: string, root: string, files: readonly string[]): string | undefined {
  const since = Date.now();
  const hash = createHash('sha256').update(`${ASSET_KEY_FORMAT}\0${base}\0`);
  for (const file of files) {
    const stamp = stampOf(file, since);
    if (stamp === undefined) return undefined;
    hash.update(`${path.relative(root, file)}\0${stamp}\0`);
  }
  return hash.digest('hex');
}

/** Bump when what assetKey hashes changes: keys remembered by stamps then go unused. */
const ASSET_KEY_FORMAT = 1;

/** Best effort, like the cache it belongs to: a key not remembered is hashed again next time. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    return;
  }
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
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

/**
 * The folder of the cached build of `key`, undefined when there is none (or it holds no file).
 * Read in place: a key's folder is renamed into the cache whole and never written again.
 */
export function cachedAssets(key: string): string | undefined {
  const dir = path.join(cacheRoot, key);
  return holdsFiles(dir) ? dir : undefined;
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
