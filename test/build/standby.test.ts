/**
 * Rebuilds that bring the kept previous output (the standby) up to date instead of making a new
 * tree: every output must equal a clean build of the same content, whatever happened to the
 * live folder meanwhile, and a file the live output shares with the standby is never written.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { claimStandby } from '../../src/build/standby.js';
import { previousOutput } from '../../src/build/output-reuse.js';
import { generateContent } from '../../tools/synthetic/generate.js';

let root = '';
let content = '';
let cacheDir = '';
let sources: string[] = [];
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'respmatrix-standby-'));
  content = path.join(root, 'content');
  cacheDir = path.join(root, 'cache');
  const generated = await generateContent(content, { offerings: 6, seed: 7 });
  sources = generated.files.map((file) => path.join(content, file));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function build(out: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const result = { code: 0, stdout: '', stderr: '' };
  try {
    const io = {
      stdout: (t: string) => void (result.stdout += t),
      stderr: (t: string) => void (result.stderr += t),
      cwd: root,
      env: process.env,
    };
    result.code = await main(['build', '--content', content, '--out', out, '--timings'], io);
    return result;
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

const cached = (out: string) => build(out, { RESPMATRIX_CACHE_DIR: cacheDir });

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

async function folders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** The same files with the same bytes. */
function expectSameFiles(actual: Map<string, Buffer>, wanted: Map<string, Buffer>): void {
  expect([...actual.keys()].sort()).toEqual([...wanted.keys()].sort());
  for (const [file, bytes] of wanted) expect(actual.get(file)?.equals(bytes), file).toBe(true);
}

/** `out` holds exactly what a clean build of the same content writes, files and folders. */
async function expectClean(out: string): Promise<void> {
  const clean = path.join(root, 'clean');
  await rm(clean, { recursive: true, force: true });
  expect((await build(clean, { RESPMATRIX_CACHE: '0' })).code).toBe(0);
  expectSameFiles(await tree(out), await tree(clean));
  expect(await folders(out)).toEqual(await folders(clean));
}

/** Builds `out` twice: from the second build on, the replaced output is kept as the standby. */
async function buildWithStandby(out: string): Promise<void> {
  expect((await cached(out)).code).toBe(0);
  expect((await cached(out)).code).toBe(0);
}

async function editRow(file: string, word: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const edited = text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, `$1${word} `);
  expect(edited).not.toBe(text);
  await writeFile(file, edited);
}

/** The standby trees kept for output folders. */
async function standbys(): Promise<string[]> {
  return (await readdir(path.join(cacheDir, 'standby')).catch(() => [])).map((name) => path.join(cacheDir, 'standby', name));
}

describe('rebuilds through the standby tree', () => {
  it('stays byte-identical to clean builds over edits, an added and a removed offering', async () => {
    const out = path.join(root, 'site');
    await buildWithStandby(out);
    expect(await standbys()).toHaveLength(1);
    for (const [i, file] of sources.slice(0, 3).entries()) {
      await editRow(file, `Edited${i}`);
      const result = await cached(out);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\(\d+ files written, [1-9]\d* unchanged\)/);
      await expectClean(out);
    }
    // An offering goes: its pages and their folders go too.
    const removed = sources.at(-1) as string;
    const siteFile = path.join(content, 'site.yaml');
    const [savedSource, savedSite] = [await readFile(removed), await readFile(siteFile, 'utf8')];
    const id = path.basename(removed, '.md');
    const withoutIt = savedSite.replace(new RegExp(`  - id: ${id}\n(?:    .*\n)*`), '');
    expect(withoutIt).not.toBe(savedSite);
    await unlink(removed);
    await writeFile(siteFile, withoutIt);
    expect((await cached(out)).code).toBe(0);
    await expectClean(out);
    expect((await cached(out)).code).toBe(0);
    await expectClean(out);
    // And comes back.
    await writeFile(removed, savedSource);
    await writeFile(siteFile, savedSite);
    expect((await cached(out)).code).toBe(0);
    await expectClean(out);
    expect(await standbys()).toHaveLength(1);
  }, 240_000);

  it("records every file of the output with its size, time and inode, those kept from the previous output too", async () => {
    const out = path.join(root, 'recorded');
    await buildWithStandby(out);
    await editRow(sources[1] as string, 'Recorded');
    const result = await cached(out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\(\d+ files written, [1-9]\d* unchanged\)/);
    const recorded = await previousOutput(cacheDir, out);
    const files = Object.entries(recorded?.files ?? {});
    expect(files.map(([file]) => file).sort()).toEqual([...(await tree(out)).keys()].map((file) => file.split(path.sep).join('/')).sort());
    for (const [file, { size, mtimeMs, ino }] of files) {
      const info = await stat(path.join(out, file));
      expect({ size, mtimeMs, ino }, file).toEqual({ size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
    }
  });

  it('keeps unchanged pages when an edit moves anchors, and writes the anchors.json a clean build writes', async () => {
    const out = path.join(root, 'anchors');
    const file = sources[2] as string;
    const first = sources[0] as string;
    const saved = await readFile(file, 'utf8');
    const savedFirst = await readFile(first, 'utf8');
    const lineAbove = async (source: string) =>
      writeFile(source, (await readFile(source, 'utf8')).replace(/(\r?\n\|[^\n]*\|\r?\n\| ----)/, '\n\nA note above the table.\n$1'));
    await buildWithStandby(out);
    const anchors = () => readFile(path.join(out, 'anchors.json'), 'utf8');
    const before = await anchors();
    try {
      // A word: the records, and so the manifest's text, stay as they were.
      await editRow(file, 'Reworded');
      let result = await cached(out);
      expect(result.stdout + result.stderr).toMatch(/ [1-9]\d* pages reused unrendered/);
      expect(await anchors()).toBe(before);
      await expectClean(out);
      // A line above the table: this offering's anchors now point further down, the other pages are kept.
      await lineAbove(file);
      result = await cached(out);
      expect(result.stdout + result.stderr).toMatch(/ [1-9]\d* pages reused unrendered/);
      expect(await anchors()).not.toBe(before);
      await expectClean(out);
      // The same in the first offering: the rows the other offerings' kept checklists point at
      // (a row id's first offering) move, and so do those checklists' records.
      const moved = await anchors();
      await lineAbove(first);
      result = await cached(out);
      expect(result.stdout + result.stderr).toMatch(/ [1-9]\d* pages reused unrendered/);
      expect(await anchors()).not.toBe(moved);
      await expectClean(out);
    } finally {
      await writeFile(file, saved);
      await writeFile(first, savedFirst);
    }
  }, 240_000);

  it('never writes to a file the live output has: the replaced output keeps its bytes', async () => {
    const out = path.join(root, 'shared');
    await buildWithStandby(out);
    const before = await tree(out);
    await editRow(sources[1] as string, 'Shared');
    expect((await cached(out)).code).toBe(0);
    // The output just replaced is now the standby, file for file as it was served.
    const kept = await standbyFor(out);
    expect(kept).toBeDefined();
    expectSameFiles(await tree(kept as string), before);
    await expectClean(out);
  }, 240_000);

  it('drops what others added to or removed from the live output, and replaced files', async () => {
    const out = path.join(root, 'tampered');
    await buildWithStandby(out);
    // Changes made to the live folder between builds: it becomes the standby of the build after next.
    await writeFile(path.join(out, 'CNAME'), 'docs.example.com\n');
    const offeringDir = path.join(out, 'offerings', (await readdir(path.join(out, 'offerings')))[0] as string);
    await writeFile(path.join(offeringDir, 'notes.txt'), 'added by hand');
    await writeFile(path.join(out, 'sitemap.xml.tmp'), 'x');
    await rename(path.join(out, 'sitemap.xml.tmp'), path.join(out, 'robots.txt'));
    await unlink(path.join(out, 'model.json'));
    await rm(path.join(out, 'checklist'), { recursive: true });
    for (const word of ['One', 'Two', 'Three']) {
      await editRow(sources[2] as string, word);
      expect((await cached(out)).code).toBe(0);
      await expectClean(out);
    }
  }, 240_000);

  it('a failed rebuild leaves the live output as it was and the next one is still clean', async () => {
    const out = path.join(root, 'failing');
    await buildWithStandby(out);
    const before = await tree(out);
    const file = sources[3] as string;
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1See [nothing](https://example.com/offerings/no-such-offering/). '));
    const failed = await cached(out);
    await writeFile(file, text);
    expect(failed.code).toBe(1);
    expectSameFiles(await tree(out), before);
    await editRow(file, 'Recovered');
    expect((await cached(out)).code).toBe(0);
    await expectClean(out);
    expect((await cached(out)).code).toBe(0);
    await expectClean(out);
  }, 240_000);

  it('reports a link broken on a kept page as a clean build does', async () => {
    const out = path.join(root, 'kept-link');
    const [from, to] = [sources[4] as string, sources[0] as string];
    const target = path.basename(to, '.md');
    const [fromText, toText] = [await readFile(from, 'utf8'), await readFile(to, 'utf8')];
    // A row of the target offering, linked from another offering, then removed from the target only.
    await writeFile(to, toText.replace(/(\| ----[^\n]*\r?\n)/, '$1| Zebra audit | Keep the audit trail. | Review the audit trail. |\n'));
    try {
      expect((await cached(out)).code).toBe(0);
      const html = await readFile(path.join(out, 'offerings', target, 'index.html'), 'utf8');
      const row = /id="([^"]*zebra-audit[^"]*)"/.exec(html)?.[1];
      expect(row).toBeDefined();
      await writeFile(from, fromText.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, `$1See [that row](https://example.com/offerings/${target}/#${row}). `));
      expect((await cached(out)).code).toBe(0);
      expect((await cached(out)).code).toBe(0);
      await writeFile(to, toText);
      const failed = await cached(out);
      const clean = await build(path.join(root, 'kept-link-clean'), { RESPMATRIX_CACHE: '0' });
      expect(failed.code).toBe(1);
      expect(clean.code).toBe(1);
      const diagnostics = (text: string) => text.split('\n').filter((line) => /^\S+:\d+:\d+/.test(line));
      expect(diagnostics(failed.stderr).join('\n')).toContain(row as string);
      // The linking offering's pages are unchanged: kept from the previous output, and read back only for the report.
      expect(diagnostics(failed.stderr)).toEqual(diagnostics(clean.stderr));
    } finally {
      await writeFile(from, fromText);
      await writeFile(to, toText);
    }
  }, 240_000);
});

/** The standby tree kept for the output folder `out` (the cache names it by the folder's real path). */
async function standbyFor(out: string): Promise<string | undefined> {
  const key = createHash('sha256').update(await realpath(out)).digest('hex');
  const found = (await standbys()).filter((dir) => path.basename(dir).startsWith(`${key}-`));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

describe('standby trees in the cache', () => {
  it('keeps those of a few output folders only, the most recently kept', async () => {
    const cache = path.join(root, 'many');
    const standbyRoot = path.join(cache, 'standby');
    const names = Array.from({ length: 12 }, (_, i) => `${'ab'.repeat(32)}${i.toString(16)}-${(Date.UTC(2026, 0, 1) + i * 1000).toString(36)}-0000000${i.toString(16)}`);
    for (const name of names) await mkdir(path.join(standbyRoot, name, 'offerings'), { recursive: true });
    const claimed = await claimStandby(cache, 'cd'.repeat(32), undefined);
    expect(claimed).toBeUndefined();
    expect((await readdir(standbyRoot)).sort()).toEqual(names.slice(-7).sort());
  });
});
