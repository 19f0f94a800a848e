/**
 * The client asset build: Vite bundles src/client/main.ts and its CSS into hashed files and a
 * manifest, and copies public/. Pages then reference the hashed files through `Assets`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Assets } from '../render/environment.js';
import { assetKey, cachedAssets, cacheEnabled, storeAssets } from './asset-cache.js';
import { packageRoot, viteConfigFile } from '../render/paths.js';
import { siteUrl } from '../render/url.js';

const manifestPath = 'assets/manifest.json';
const entryKey = 'src/client/main.ts';

interface ManifestChunk {
  file: string;
  css?: string[];
  isEntry?: boolean;
}

/**
 * The client assets: found in the cache, else bundled into `buildDir` (made for it, empty).
 * Returns the folder that holds them and what pages reference.
 */
export async function buildAssets(buildDir: string, base: string): Promise<Assets & { cached: boolean; dir: string }> {
  const key = cacheEnabled() ? assetKey(base) : undefined;
  const cached = key !== undefined ? cachedAssets(key) : undefined;
  if (cached === undefined) {
    await mkdir(buildDir, { recursive: true });
    await runVite(buildDir, base);
    if (key !== undefined) await storeAssets(key, buildDir).catch(() => undefined);
  }
  const dir = cached ?? buildDir;
  return { ...(await readManifest(dir, base)), cached: cached !== undefined, dir };
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
