import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../src/build/build-site.js';
import { siteFixture } from '../fixtures/site-fixture.js';

async function listFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), await readFile(file));
  }
  return out;
}

let tmp: string;
let first: Map<string, Buffer>;
let result: BuildResult;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-build-'));
  // Run Vite for real (no asset cache) until the cache test.
  process.env['RESPMATRIX_ASSET_CACHE'] = '0';
  result = await buildSite(siteFixture(), { outDir: path.join(tmp, 'a'), base: '/docs/', contentDir: 'content' });
  first = await listFiles(path.join(tmp, 'a'));
});
afterAll(async () => {
  delete process.env['RESPMATRIX_ASSET_CACHE'];
  await rm(tmp, { recursive: true, force: true });
});

describe('buildSite', () => {
  test('writes pages, hashed assets and outputs, and reports timings', () => {
    for (const file of ['index.html', '404.html', 'offerings/secrets-manager/index.html', 'areas/disaster-recovery/index.html', 'model.json', 'responsibilities.csv', 'anchors.json', 'sitemap.xml', 'robots.txt', 'favicon.svg', 'assets/manifest.json']) {
      expect(first.has(file), file).toBe(true);
    }
    const js = [...first.keys()].filter((f) => /^assets\/main-[\w-]+\.js$/.test(f));
    const css = [...first.keys()].filter((f) => /^assets\/main-[\w-]+\.css$/.test(f));
    expect(js).toHaveLength(1);
    expect(css).toHaveLength(1);
    const home = first.get('index.html')!.toString();
    expect(home).toContain(`<script type="module" src="/docs/${js[0]}"></script>`);
    expect(home).toContain(`<link rel="stylesheet" href="/docs/${css[0]}">`);
    expect(result.timings.assets).toBeGreaterThan(0);
    expect(result.timings.render).toBeGreaterThan(0);
    expect(result.timings.write).toBeGreaterThan(0);
    expect(result.timings.links).toBeGreaterThan(0);
  });

  test('two builds are byte-identical', async () => {
    await buildSite(siteFixture(), { outDir: path.join(tmp, 'b'), base: '/docs/', contentDir: 'content' });
    const second = await listFiles(path.join(tmp, 'b'));
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, bytes] of first) expect(second.get(file)?.equals(bytes), file).toBe(true);
  });

  test('a failed build leaves the previous output as it was and no temporary folder', async () => {
    const out = path.join(tmp, 'c');
    await mkdir(out);
    await writeFile(path.join(out, 'marker.txt'), 'previous');
    const broken = siteFixture();
    // A model the renderer cannot render: an offering without sections' rows array.
    (broken.offerings[0]!.sections[0] as unknown as { rows: unknown }).rows = null;
    await expect(buildSite(broken, { outDir: out, base: '/', contentDir: 'content' })).rejects.toThrow();
    expect(await readdir(out)).toEqual(['marker.txt']);
    expect((await readdir(tmp)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  test('a second build reuses the cached client assets', async () => {
    delete process.env['RESPMATRIX_ASSET_CACHE'];
    await buildSite(siteFixture(), { outDir: path.join(tmp, 'cached'), base: '/docs/', contentDir: 'content' });
    const again = await buildSite(siteFixture(), { outDir: path.join(tmp, 'cached'), base: '/docs/', contentDir: 'content' });
    expect(again.assetsCached).toBe(true);
    const files = await listFiles(path.join(tmp, 'cached'));
    for (const [file, bytes] of first) expect(files.get(file)?.equals(bytes), file).toBe(true);
  });
});
