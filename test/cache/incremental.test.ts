import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadSite } from '../../src/build/load-site.js';
import { generateContent } from '../../tools/synthetic/generate.js';

let root = '';
let content = '';
let cacheDir = '';
let firstSource = '';
let sources = 0;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'respmatrix-incremental-'));
  content = path.join(root, 'content');
  cacheDir = path.join(root, 'cache');
  const generated = await generateContent(content, { offerings: 8, seed: 21 });
  firstSource = path.join(content, generated.files[0] as string);
  sources = generated.sources;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Edit one duty of one source: the kind of change a maintainer pushes. */
async function editOneSource(): Promise<void> {
  const text = await readFile(firstSource, 'utf8');
  // The first body row: the line after the first delimiter row.
  const edited = text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Edited duty. ');
  expect(edited).not.toBe(text);
  await writeFile(firstSource, edited);
}

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), await readFile(full));
  }
  return out;
}

async function build(out: string, env: Record<string, string>): Promise<number> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const io = { stdout: () => {}, stderr: (t: string) => void process.stderr.write(t), cwd: root, env: process.env };
    return await main(['build', '--content', content, '--out', out, '--quiet'], io);
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('incremental builds', () => {
  it('re-parses only the edited source and loads the same model as a clean parse', async () => {
    const cold = await loadSite(content, { cacheDir, workers: 0 });
    expect(cold.stats).toMatchObject({ sources, fromCache: 0, parsed: sources });
    const warm = await loadSite(content, { cacheDir, workers: 0 });
    expect(warm.stats).toMatchObject({ fromCache: sources, parsed: 0 });
    expect(warm.site).toEqual(cold.site);
    expect(warm.diagnostics).toEqual(cold.diagnostics);

    await editOneSource();
    const edited = await loadSite(content, { cacheDir, workers: 0 });
    expect(edited.stats).toMatchObject({ fromCache: sources - 1, parsed: 1 });
    const clean = await loadSite(content, { cacheDir: false, workers: 0 });
    expect(JSON.stringify(edited.site)).toBe(JSON.stringify(clean.site));
    expect(JSON.stringify(edited.site)).toContain('Edited duty.');
  });

  it('writes a dist/ byte-identical to a clean build', async () => {
    await loadSite(content, { cacheDir, workers: 0 });
    await editOneSource();
    expect(await build(path.join(root, 'cached'), { RESPMATRIX_CACHE_DIR: cacheDir })).toBe(0);
    expect(await build(path.join(root, 'clean'), { RESPMATRIX_CACHE: '0' })).toBe(0);
    const [cached, clean] = [await tree(path.join(root, 'cached')), await tree(path.join(root, 'clean'))];
    expect([...cached.keys()].sort()).toEqual([...clean.keys()].sort());
    expect(cached.size).toBeGreaterThan(10);
    for (const [file, bytes] of cached) expect(bytes.equals(clean.get(file) as Buffer), file).toBe(true);
  }, 180_000);
});
