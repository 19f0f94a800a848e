import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateContent } from '../../tools/synthetic/generate.js';
import { Prng } from '../../tools/synthetic/prng.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'respmatrix-synthetic-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function readAll(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of await readdir(dir, { recursive: true })) {
    const full = path.join(dir, name);
    if (name.endsWith('.md') || name.endsWith('.yaml')) files.set(name, await readFile(full));
  }
  return files;
}

describe('generateContent', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateContent(a, { offerings: 20, seed: 42 });
    await generateContent(b, { offerings: 20, seed: 42 });
    await generateContent(c, { offerings: 20, seed: 43 });
    const [fa, fb, fc] = [await readAll(a), await readAll(b), await readAll(c)];
    expect([...fa.keys()].sort()).toEqual([...fb.keys()].sort());
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name) ?? Buffer.alloc(0)), name).toBe(true);
    expect(fa.get('site.yaml')?.equals(fc.get('site.yaml') ?? Buffer.alloc(0))).toBe(false);
  });

  it('declares exactly the requested offerings, about 25 rows each, in the IBM dialect', async () => {
    const dir = await tempDir();
    const result = await generateContent(dir, { offerings: 40, seed: 3 });
    const site = await readFile(path.join(dir, 'site.yaml'), 'utf8');
    expect(site.match(/^ {2}- id: svc-/gm)).toHaveLength(40);
    expect(result.rows / result.offerings).toBeGreaterThan(20);
    expect(result.rows / result.offerings).toBeLessThan(32);
    const text = (await Promise.all(result.files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n');
    // The table-row trap: a caption line directly under a table's last row.
    expect(text).toMatch(/\|\r?\n\{: caption="Table \d+\./);
    expect(text).toMatch(/^### .*\r?\n\{: #[a-z-]+-(std|ded)\}/m);
    expect(text).toContain('{{site.data.keyword.attribute-definition-list}}');
    expect(text).toMatch(/\]\(\/docs\/svc-\d{4}\?topic=/);
    expect(text).toMatch(/ \\n [-*] /);
    expect(text).toMatch(/\| {2}\|/);
    // Every keyref used in the sources is defined in keywords.yaml.
    const keywords = await readFile(path.join(dir, 'keywords.yaml'), 'utf8');
    const defined = new Set([...keywords.matchAll(/^([\w-]+):/gm)].map((m) => m[1]));
    defined.add('attribute-definition-list');
    for (const m of text.matchAll(/\{\{site\.data\.keyword\.([\w-]+)\}\}/g)) expect(defined).toContain(m[1]);
  });

  it('rejects a count that is not a positive integer', async () => {
    await expect(generateContent(await tempDir(), { offerings: 0, seed: 1 })).rejects.toThrow(RangeError);
  });
});

describe('Prng', () => {
  it('is deterministic and stays in range', () => {
    const a = new Prng(9);
    const b = new Prng(9);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
  });
});

describe('generated content through the parser', () => {
  it('loads with no errors and yields every offering and row', async () => {
    const { loadSite } = await import('../../src/build/load-site.js');
    const dir = await tempDir();
    const result = await generateContent(dir, { offerings: 30, seed: 11 });
    const { site, diagnostics } = await loadSite(dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(site?.offerings).toHaveLength(30);
    const rows = site?.offerings.flatMap((o) => o.sections.flatMap((s) => s.rows)) ?? [];
    expect(rows).toHaveLength(result.rows);
    // Caption lines under tables are attributes, never rows; every task matched tasks.yaml.
    expect(rows.filter((r) => r.task.includes('{:'))).toEqual([]);
    const tasksYaml = await readFile(path.join(dir, 'tasks.yaml'), 'utf8');
    const taskIds = new Set([...tasksYaml.matchAll(/^- id: ([\w-]+)$/gm)].map((m) => m[1]));
    expect(rows.filter((r) => !taskIds.has(r.taskId))).toEqual([]);
    expect(site?.offerings.find((o) => o.id.endsWith('-ded'))?.sections.every((s) => s.anchor.endsWith('-ded'))).toBe(true);
  });
});
