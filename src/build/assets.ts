/**
 * The client asset build: Vite bundles src/client/main.ts and its CSS into hashed files and a
 * manifest, and copies public/. Pages then reference the hashed files through `Assets`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Assets } from '../render/environment.js';
import { assetKey, cacheEnabled, restoreAssets, storeAssets } from './asset-cache.js';
import { packageRoot, viteConfigFile } from '../render/paths.js';
import { siteUrl } from '../render/url.js';

const manifestPath = 'assets/manifest.json';
const entryKey = 'src/client/main.ts';

interface ManifestChunk {
  file: string;
  css?: string[];
  isEntry?: boolean;
}

/** Bundle (or restore from the cache) the client assets into outDir, which must be empty. */
export async function buildAssets(outDir: string, base: string): Promise<Assets & { cached: boolean }> {
  const key = cacheEnabled() ? assetKey(base) : undefined;
  const cached = key !== undefined && restoreAssets(key, outDir);
  if (!cached) {
    await runVite(outDir, base);
    if (key !== undefined) await storeAssets(key, outDir).catch(() => undefined);
  }
  return { ...(await readManifest(outDir, base)), cached };
}

async function runVite(outDir: string, base: string): Promise<void> {
  // Loaded only when the cache misses: importing Vite alone costs a content-only build ~0.4 s.
  const { build } = await import('vite');
  await build({
    configFile: viteConfigFile,
    root: packageRoot,
    base,
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: false },
  });
}

async function readManifest(outDir: string, base: string): Promise<Assets> {
  const manifest = JSON.parse(await readFile(path.join(outDir, manifestPath), 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest[entryKey];
  if (!entry) throw new Error(`Vite manifest has no entry for ${entryKey}`);
  return {
    scripts: [siteUrl(base, entry.file)],
    styles: (entry.css ?? []).map((file) => siteUrl(base, file)),
  };
}

/** What the dev server's pages reference: Vite's client and the unbundled entry. */
export function devAssets(base: string): Assets {
  return { scripts: [siteUrl(base, '@vite/client'), siteUrl(base, entryKey)], styles: [] };
}
