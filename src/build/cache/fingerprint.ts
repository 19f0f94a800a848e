/**
 * A fingerprint of the code that turns a source into a ParsedSource: the respmatrix version and
 * the bytes of the parsing modules, so a cache entry never outlives the code that wrote it
 * (a version bump alone would miss local edits and unreleased builds).
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders (relative to src/ or lib/, with their subfolders) whose modules decide what parsing yields. */
const CODE_DIRS = ['parse', 'config', 'shared'];
/** Single modules outside those folders that parsing uses. */
const CODE_FILES = /^diagnostics\.(js|ts)$/;

const memo = new Map<string, string>();

/**
 * `parse`: the modules parsing runs (the parse cache's key). `all`: every module (rendered
 * pages' keys). Bundled, the modules are mixed into the bundle's chunks, so both hash them all.
 */
export function codeFingerprint(scope: 'parse' | 'all' = 'parse'): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Unbundled, this module lives in <src|lib>/build/cache; bundled, in lib/bundle.
  const bundled = path.basename(here) === 'bundle';
  // Bundled, both scopes hash the same files: once, and at bundle time when it wrote the result.
  const key = bundled ? 'bundle' : scope;
  const known = memo.get(key) ?? (bundled ? bundleFingerprint(here) : undefined);
  if (known) {
    memo.set(key, known);
    return known;
  }
  const root = bundled ? here : path.resolve(here, '..', '..');
  // The package's root: above src/ or lib/, and above lib/bundle/.
  const packageJson = path.join(root, bundled ? '../..' : '..', 'package.json');
  const fingerprint = hashCode(packageJson, root, bundled || scope === 'all' ? ['.'] : CODE_DIRS, !bundled && scope === 'parse' ? CODE_FILES : undefined);
  memo.set(key, fingerprint);
  return fingerprint;
}

/**
 * The hash of the package (its package.json) and the code under `root`: the modules in `dirs`
 * (with their subfolders), and those directly in `root` whose names match `extra`.
 */
export function hashCode(packageJson: string, root: string, dirs: readonly string[], extra?: RegExp): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(packageJson));
  const files: string[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (/\.(js|ts)$/.test(name)) files.push(path.join(dir, name));
    }
  }
  if (extra) for (const name of readdirSync(root)) if (extra.test(name)) files.push(name);
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Every file under `dir` into `hash`, in name order: each as its name relative to `root`, a NUL,
 * its bytes and a NUL. A folder that does not exist adds nothing. For the few small files of a
 * cache key (templates, the client's sources).
 */
export function hashTree(hash: Hash, dir: string, root: string = dir): void {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (!statSync(file).isFile()) continue;
    hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
}

/** The file `npm run compile` writes beside the bundle: the fingerprint of its code. */
export const BUNDLE_FINGERPRINT_FILE = 'fingerprint.txt';

function bundleFingerprint(dir: string): string | undefined {
  try {
    return readFileSync(path.join(dir, BUNDLE_FINGERPRINT_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
