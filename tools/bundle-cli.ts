/**
 * Bundles the compiled CLI (lib/) into lib/bundle/: one module graph of a few files instead of
 * several hundred small modules from lib/ and node_modules. Node spends most of a small build
 * resolving and compiling those modules, in the main thread and again in every worker thread.
 *
 * The entries keep their names (main.js, the three workers and code-cache.js) because the code
 * starts its workers with `new URL('./parse-worker.js', import.meta.url)`, and lib/bundle/ sits
 * at the same depth as lib/<folder>/, so paths computed from import.meta.url stay right.
 * Vite stays outside: only the asset build loads it, and only when its cache misses.
 * The bundle is CommonJS (a package.json in lib/bundle/ says so): Node 20 can hand V8 a code
 * cache for CommonJS only, which bin/respmatrix.js does (src/build/code-cache.ts).
 *
 * Usage (part of `npm run compile`): node lib-tools/tools/bundle-cli.js
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { BUNDLE_FINGERPRINT_FILE, hashCode } from '../src/build/cache/fingerprint.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = path.join(repo, 'lib');
const outDir = path.join(lib, 'bundle');

await rm(outDir, { recursive: true, force: true });
await build({
  cwd: repo,
  input: {
    main: path.join(lib, 'cli', 'main.js'),
    'parse-worker': path.join(lib, 'build', 'parse-worker.js'),
    'render-worker': path.join(lib, 'build', 'render-worker.js'),
    'files-worker': path.join(lib, 'build', 'files-worker.js'),
    // Loaded first by the workers, so they read V8's code cache (src/build/code-cache.ts).
    'code-cache': path.join(lib, 'build', 'code-cache.js'),
  },
  platform: 'node',
  external: [/^node:/, 'vite'],
  logLevel: 'warn',
  output: { dir: outDir, format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', minify: { compress: false, mangle: false } },
});
await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
// The parse cache and page keys are keyed by the bundle's code: hashed once here, not on every build.
await writeFile(path.join(outDir, BUNDLE_FINGERPRINT_FILE), `${hashCode(path.join(repo, 'package.json'), outDir, ['.'])}\n`);
