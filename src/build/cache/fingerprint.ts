/**
 * A fingerprint of the code that turns a source into a ParsedSource: the respmatrix version and
 * the bytes of the parsing modules, so a cache entry never outlives the code that wrote it
 * (a version bump alone would miss local edits and unreleased builds).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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
  const known = memo.get(scope);
  if (known) return known;
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Unbundled, this module lives in <src|lib>/build/cache; bundled, in lib/bundle.
  const bundled = path.basename(here) === 'bundle';
  const root = bundled ? here : path.resolve(here, '..', '..');
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(root, '..', bundled ? '..' : '.', 'package.json')));
  const files: string[] = [];
  for (const dir of bundled || scope === 'all' ? ['.'] : CODE_DIRS) {
    for (const name of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (/\.(js|ts)$/.test(name)) files.push(path.join(dir, name));
    }
  }
  if (!bundled && scope === 'parse') for (const name of readdirSync(root)) if (CODE_FILES.test(name)) files.push(name);
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(readFileSync(path.join(root, file)));
  }
  const fingerprint = hash.digest('hex').slice(0, 16);
  memo.set(scope, fingerprint);
  return fingerprint;
}
