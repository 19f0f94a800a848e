/**
 * Where the cache lives: `node_modules/.cache/respmatrix` of the project being built (the
 * convention of Babel, ESLint and others, and ignored by git). No node_modules, no cache.
 * RESPMATRIX_CACHE=0 turns it off; RESPMATRIX_CACHE_DIR puts it elsewhere.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function defaultCacheDir(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['RESPMATRIX_CACHE'] === '0') return undefined;
  if (env['RESPMATRIX_CACHE_DIR']) return path.resolve(cwd, env['RESPMATRIX_CACHE_DIR']);
  const modules = path.join(cwd, 'node_modules');
  return existsSync(modules) ? path.join(modules, '.cache', 'respmatrix') : undefined;
}
