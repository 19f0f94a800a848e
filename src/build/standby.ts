/**
 * Two output trees take turns. A swap does not delete the previous output: it is kept in the
 * cache as the standby, and the next build brings the standby up to date in place and swaps it
 * in. Most of its files are already hard links of the live ones, so a rebuild replaces only the
 * files that differ, instead of making a whole new tree (a link and a folder per file) and
 * deleting the old one. The live folder is still replaced by one rename, and nothing served is
 * ever written to: a standby file is always unlinked before it is replaced.
 *
 * The cache records the standby's files (with their inodes) and its folders (with their
 * modification times). A folder whose time differs was changed by someone else (a file added
 * to or removed from the live output, which later became the standby): it is listed again and
 * whatever the record does not know is removed, so the standby holds exactly what was recorded.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { insideOutput } from './out-dir.js';

/** What the cache keeps about the standby tree of an output folder. */
export interface StandbyRecord {
  /** Names the standby's folder in the cache: a folder no record names is left over. */
  token: string;
  /** Its files and their inodes, as recorded when they were live. */
  inodes: Record<string, number>;
  /** Every folder under the tree ('' for its root) and its modification time. */
  dirs: Record<string, number>;
}

/** A claimed standby tree, what the file writer needs to bring it up to date. */
export interface Standby {
  dir: string;
  /** Its name before it was claimed: where it goes back to when the build does not use it. */
  home: string;
  /** Its files: path -> inode (a live file with the same inode is the same file). */
  inodes: Record<string, number>;
  /** Its folders, which need not be made. */
  dirs: string[];
}

function standbyRoot(cacheDir: string): string {
  return path.join(cacheDir, 'standby');
}

function standbyDir(cacheDir: string, folderKey: string, token: string): string {
  return path.join(standbyRoot(cacheDir), `${folderKey}-${token}`);
}

/**
 * Take the recorded standby of an output folder for this build: renamed to a name of this
 * build's own first, so two builds never share one. Undefined when there is none to use.
 */
export async function claimStandby(cacheDir: string, folderKey: string, record: StandbyRecord | undefined): Promise<Standby | undefined> {
  await removeLeftovers(cacheDir, folderKey, record?.token);
  if (!record) return undefined;
  const home = standbyDir(cacheDir, folderKey, record.token);
  const dir = `${home}.claimed-${process.pid}`;
  const claimed = await rename(home, dir).then(
    () => true,
    () => false,
  );
  if (!claimed) return undefined;
  try {
    return { dir, home, ...reconcile(dir, record) };
  } catch {
    // A tree that cannot be listed or cleaned is no use: the build makes a fresh one.
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * A claimed standby the build does not use after all (its content has errors) goes back, for the
 * next build to claim; one that cannot is removed.
 */
export async function releaseStandby(standby: Standby): Promise<void> {
  await rename(standby.dir, standby.home).catch(() => rm(standby.dir, { recursive: true, force: true }));
}

/**
 * Make the tree hold exactly what `record` says, trusting folders whose modification time is
 * unchanged; returns the files (with inodes) and folders it then holds.
 */
function reconcile(dir: string, record: StandbyRecord): Omit<Standby, 'dir' | 'home'> {
  const inodes: Record<string, number> = { ...record.inodes };
  const dirs = Object.keys(record.dirs);
  // What the record holds in each folder, made only for folders listed again (the root's alone, mostly).
  let children: Map<string, Set<string>> | undefined;
  const childrenOf = (folder: string): Set<string> => {
    if (folder === '' && !children) return new Set([...Object.keys(inodes), ...dirs].filter((name) => name !== '' && !name.includes('/')));
    if (!children) {
      children = new Map();
      for (const name of [...Object.keys(inodes), ...dirs]) {
        if (name === '') continue;
        const parent = posixDir(name);
        let set = children.get(parent);
        if (!set) children.set(parent, (set = new Set()));
        set.add(name);
      }
    }
    return children.get(folder) ?? new Set();
  };
  const present: string[] = [];
  // Parents before children: a folder removed as unknown takes its subfolders with it.
  for (const name of dirs.sort()) {
    const full = name === '' ? dir : insideOutput(dir, name);
    const info = lstatSync(full, { throwIfNoEntry: false });
    if (!info?.isDirectory()) {
      for (const file of Object.keys(inodes)) if (file.startsWith(`${name}/`)) delete inodes[file];
      continue;
    }
    present.push(name);
    // The root is always listed: renaming a tree may change its own time.
    if (name !== '' && info.mtimeMs === record.dirs[name]) continue;
    const known = childrenOf(name);
    const found = new Set<string>();
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      const child = name === '' ? entry.name : `${name}/${entry.name}`;
      const expected = known.has(child) && (entry.isDirectory() ? child in record.dirs : entry.isFile() && child in inodes);
      if (!expected) {
        rmSync(path.join(full, entry.name), { recursive: true, force: true });
        continue;
      }
      found.add(child);
      // A file of a changed folder may have been replaced under the same name.
      if (entry.isFile()) inodes[child] = lstatSync(path.join(full, entry.name)).ino;
    }
    for (const child of known) if (!found.has(child) && child in inodes) delete inodes[child];
  }
  return { inodes, dirs: present };
}

function posixDir(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}

/**
 * Keep `tree` (the output just replaced) as the standby of the next build; false when it cannot
 * be moved into the cache (another file system), and the caller deletes it.
 */
export async function keepAsStandby(cacheDir: string, folderKey: string, tree: string): Promise<string | false> {
  // When it was kept, then a random part: old trees of other folders go first (removeLeftovers).
  const token = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(standbyRoot(cacheDir), { recursive: true });
    await rename(tree, standbyDir(cacheDir, folderKey, token));
    return token;
  } catch {
    return false;
  }
}

/** How many output folders keep a standby: each build into a new folder (a test's, say) adds one. */
const MAX_STANDBYS = 8;

/**
 * Remove the standby trees of this output folder that no record names (a build stopped midway,
 * a claimed tree left), and those of other folders beyond the newest MAX_STANDBYS.
 */
async function removeLeftovers(cacheDir: string, folderKey: string, token: string | undefined): Promise<void> {
  const names = (await readdir(standbyRoot(cacheDir)).catch(() => [] as string[])).filter((name) => !claimedByRunningBuild(name));
  const keep = token === undefined ? undefined : path.basename(standbyDir(cacheDir, folderKey, token));
  const mine = names.filter((name) => name.startsWith(`${folderKey}-`));
  const others = names.filter((name) => !name.startsWith(`${folderKey}-`)).sort((a, b) => keptAt(b) - keptAt(a));
  const gone = [...mine.filter((name) => name !== keep), ...others.slice(MAX_STANDBYS - 1)];
  await Promise.all(gone.map((name) => rm(path.join(standbyRoot(cacheDir), name), { recursive: true, force: true })));
}

/** When a standby tree was kept (0 when its name does not say). */
function keptAt(name: string): number {
  const time = /^[0-9a-f]+-([0-9a-z]+)-[0-9a-f]+/.exec(name)?.[1];
  return time ? parseInt(time, 36) : 0;
}

/** A tree a build is bringing up to date right now: its process is alive (maybe this one: a build in another thread). */
function claimedByRunningBuild(name: string): boolean {
  const pid = Number(/\.claimed-(\d+)$/.exec(name)?.[1]);
  if (!pid) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
