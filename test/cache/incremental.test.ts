import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { LoadMemo, loadSite, type LoadResult } from '../../src/build/load-site.js';
import { generateContent } from '../../tools/synthetic/generate.js';

/** A load with the parse cache, returning once the cache is written (loadSite leaves that running). */
async function cachedLoad(dir: string, cacheDir: string): Promise<LoadResult> {
  const loaded = await loadSite(dir, { cacheDir, workers: 0 });
  await loaded.saved;
  return loaded;
}

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

/** The same files, byte for byte, in both folders; returns how many. */
async function expectSameFiles(dir: string, expected: string): Promise<number> {
  const [actual, wanted] = [await tree(dir), await tree(expected)];
  expect([...actual.keys()].sort()).toEqual([...wanted.keys()].sort());
  for (const [file, bytes] of actual) expect(bytes.equals(wanted.get(file) as Buffer), file).toBe(true);
  return actual.size;
}

const TABLE_HEAD = '| Task | IBM responsibilities | Your responsibilities |\n|---|---|---|\n';
/** A one-row offering most small sites below start from (their tests edit its "You ask."). */
const ALPHA = `# Alpha\n\n## Change management\n\n${TABLE_HEAD}| Rotate keys | IBM rotates. | You ask. |\n`;

/**
 * A content folder of a few sources (name -> Markdown) and its own cache: `build` builds it
 * into `out` with the cache, `buildClean` into `clean` without, each returning the exit code
 * and what it reported.
 */
async function smallSite(name: string, siteYaml: string, sources: Record<string, string>) {
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'sources'), { recursive: true });
  await writeFile(path.join(dir, 'site.yaml'), siteYaml);
  for (const [source, text] of Object.entries(sources)) await writeFile(path.join(dir, 'sources', `${source}.md`), text);
  // The cache is where the environment says, as for the command: set for the build, then restored.
  const run = async (target: string, vars: Record<string, string>) => {
    let stderr = '';
    const saved = { ...process.env };
    Object.assign(process.env, vars);
    try {
      const code = await main(['build', '--content', dir, '--out', target, '--quiet'], {
        stdout: () => undefined, stderr: (t: string) => void (stderr += t), cwd: root, env: process.env,
      });
      return { code, stderr };
    } finally {
      for (const key of Object.keys(vars)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  };
  const [out, clean] = [path.join(root, `${name}-out`), path.join(root, `${name}-clean`)];
  return {
    out,
    clean,
    build: () => run(out, { RESPMATRIX_CACHE_DIR: path.join(root, `${name}-cache`) }),
    buildClean: () => run(clean, { RESPMATRIX_CACHE: '0' }),
    edit: async (source: string, change: (text: string) => string) => {
      const file = path.join(dir, 'sources', `${source}.md`);
      await writeFile(file, change(await readFile(file, 'utf8')));
    },
    /** Build twice with the cache: the second build leaves a whole record and a standby for the next. */
    warm: async () => {
      for (let i = 0; i < 2; i++) expect((await run(out, { RESPMATRIX_CACHE_DIR: path.join(root, `${name}-cache`) })).code).toBe(0);
    },
    /** A clean build of the same content writes what `out` holds. */
    expectClean: async () => {
      expect((await run(clean, { RESPMATRIX_CACHE: '0' })).code).toBe(0);
      await expectSameFiles(out, clean);
    },
    /** The cache's record of `out`: its JSON on the first line, the bytes it points into after it. */
    recordFile: async () => {
      const folder = path.join(root, `${name}-cache`, 'outputs');
      return path.join(folder, ...(await readdir(folder, { recursive: true })).filter((f) => f.endsWith('.json')));
    },
  };
}

/** Inode of every file: a file linked from the previous output keeps its inode. */
async function inodes(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), (await stat(path.join(entry.parentPath, entry.name))).ino);
  }
  return out;
}

async function build(out: string, env: Record<string, string>, capture?: { stdout: string; stderr: string }): Promise<number> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const io = {
      stdout: (t: string) => void (capture ? (capture.stdout += t) : undefined),
      stderr: (t: string) => void (capture ? (capture.stderr += t) : process.stderr.write(t)),
      cwd: root,
      env: process.env,
    };
    return await main(['build', '--content', content, '--out', out, ...(capture ? ['--timings'] : ['--quiet'])], io);
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('incremental builds', () => {
  it('re-parses only the edited source and loads the same model as a clean parse', async () => {
    const cold = await cachedLoad(content, cacheDir);
    expect(cold.stats).toMatchObject({ sources, fromCache: 0, parsed: sources });
    const warm = await cachedLoad(content, cacheDir);
    expect(warm.stats).toMatchObject({ fromCache: sources, parsed: 0 });
    expect(warm.site).toEqual(cold.site);
    expect(warm.diagnostics).toEqual(cold.diagnostics);

    await editOneSource();
    const edited = await cachedLoad(content, cacheDir);
    expect(edited.stats).toMatchObject({ fromCache: sources - 1, parsed: 1 });
    const clean = await loadSite(content, { cacheDir: false, workers: 0 });
    expect(JSON.stringify(edited.site)).toBe(JSON.stringify(clean.site));
    expect(JSON.stringify(edited.site)).toContain('Edited duty.');
  });

  it('keeps parsed sources in memory between loads (the dev server), with the same model as a clean parse', async () => {
    const memo = new LoadMemo();
    const first = await loadSite(content, { cacheDir: false, workers: 0, memo });
    expect(first.stats).toMatchObject({ fromCache: 0, parsed: sources });
    expect(memo.outcomes.size).toBe(sources);
    const again = await loadSite(content, { cacheDir: false, workers: 0, memo });
    expect(again.stats).toMatchObject({ fromCache: sources, parsed: 0 });
    expect(JSON.stringify(again.site)).toBe(JSON.stringify(first.site));

    await editOneSource();
    const edited = await loadSite(content, { cacheDir: false, workers: 0, memo });
    expect(edited.stats).toMatchObject({ fromCache: sources - 1, parsed: 1 });
    expect(memo.outcomes.size).toBe(sources);
    const clean = await loadSite(content, { cacheDir: false, workers: 0 });
    expect(JSON.stringify(edited.site)).toBe(JSON.stringify(clean.site));
    expect(edited.diagnostics).toEqual(clean.diagnostics);
  });

  it('reloads with the dev memo to the model and diagnostics of a fresh load, whatever changes', async () => {
    const dir = path.join(root, 'dev-content');
    const generated = await generateContent(dir, { offerings: 8, seed: 5 });
    const [first, second, third] = generated.files as [string, string, string];
    const memo = new LoadMemo();
    const change = async (relative: string, edit: (text: string) => string): Promise<void> => {
      const file = path.join(dir, relative);
      const text = await readFile(file, 'utf8');
      const edited = edit(text);
      expect(edited, relative).not.toBe(text);
      await writeFile(file, edited);
    };
    /** The memo load after a change (told which file changed, as the watcher does) equals a fresh load. */
    const same = async (step: string, changed: string[] = []) => {
      for (const relative of changed) memo.files.forget(relative);
      const reloaded = await loadSite(dir, { cacheDir: false, workers: 0, memo });
      const fresh = await loadSite(dir, { cacheDir: false, workers: 0 });
      expect(JSON.stringify(reloaded.site), step).toBe(JSON.stringify(fresh.site));
      expect(reloaded.diagnostics, step).toEqual(fresh.diagnostics);
      return { reloaded, fresh };
    };

    const start = await same('first load');
    expect(start.reloaded.stats).toMatchObject({ parsed: generated.sources });
    const unchanged = await same('nothing changed');
    expect(unchanged.reloaded.stats).toMatchObject({ parsed: 0 });

    // Not told which file changed: its stamp shows it.
    await change(first, (t) => t.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Edited duty. '));
    const edited = await same('edited source');
    expect(edited.reloaded.stats).toMatchObject({ parsed: 1 });
    expect(JSON.stringify(edited.reloaded.site)).toContain('Edited duty.');

    await copyFile(path.join(dir, second), path.join(dir, 'sources', 'added.md'));
    expect((await same('added source', ['sources/added.md'])).reloaded.stats).toMatchObject({ parsed: 1 });
    await unlink(path.join(dir, third));
    const deleted = await same('deleted source', [third]);
    expect(deleted.reloaded.diagnostics.some((d) => d.file === 'site.yaml' && d.severity === 'error')).toBe(true);

    // A keyword's new value re-parses the sources that use it, and only those.
    await change('keywords.yaml', (t) => t.replace(/^(svc-0001_short: ")/m, '$1Renamed '));
    const keyword = await same('edited keyword', ['keywords.yaml']);
    expect(keyword.reloaded.stats).toMatchObject({ parsed: 1 });
    expect(JSON.stringify(keyword.reloaded.site)).toContain('Renamed ');

    await change('tasks.yaml', (t) => t.replace(/^- id: monitoring$/m, '- id: watching').replace('title: "Monitoring"', 'title: "Watching"'));
    await same('edited tasks', ['tasks.yaml']);
    await change('site.yaml', (t) => t.replace(/^title: .*$/m, 'title: "Renamed site"').replace(/^(\s+name: ")/m, '$1Renamed offering '));
    expect(JSON.stringify((await same('edited site', ['site.yaml'])).reloaded.site)).toContain('Renamed offering ');

    // Errors and warnings with their positions, then fixed again.
    await change(second, (t) => t.replace('{{site.data.keyword.cloud_notm}}', '{{site.data.keyword.no-such-keyword}}'));
    const broken = await same('unknown keyword', [second]);
    expect(broken.reloaded.diagnostics.some((d) => d.file === second && d.message.includes('no-such-keyword'))).toBe(true);
    await change('tasks.yaml', (t) => `${t}- id: [not, an, id]\n`);
    await same('invalid tasks.yaml', ['tasks.yaml']);
    // No keywords.yaml: every keyref is unknown, and stays so without parsing again.
    const keywords = await readFile(path.join(dir, 'keywords.yaml'), 'utf8');
    await unlink(path.join(dir, 'keywords.yaml'));
    await same('no keywords.yaml', ['keywords.yaml']);
    expect((await same('still no keywords.yaml')).reloaded.stats).toMatchObject({ parsed: 0 });
    await writeFile(path.join(dir, 'keywords.yaml'), keywords);
    await same('keywords.yaml back', ['keywords.yaml']);
    await change(second, (t) => t.replace('{{site.data.keyword.no-such-keyword}}', '{{site.data.keyword.cloud_notm}}'));
    await change('tasks.yaml', (t) => t.replace('- id: [not, an, id]\n', ''));
    const fixed = await same('fixed', [second, 'tasks.yaml']);
    expect(fixed.reloaded.diagnostics.filter((d) => d.severity === 'error' && d.file !== 'site.yaml')).toEqual([]);
  });

  it('writes a dist/ byte-identical to a clean build', async () => {
    await cachedLoad(content, cacheDir);
    await editOneSource();
    expect(await build(path.join(root, 'cached'), { RESPMATRIX_CACHE_DIR: cacheDir })).toBe(0);
    expect(await build(path.join(root, 'clean'), { RESPMATRIX_CACHE: '0' })).toBe(0);
    expect(await expectSameFiles(path.join(root, 'cached'), path.join(root, 'clean'))).toBeGreaterThan(10);
  }, 180_000);

  it('rebuilds after one edit by rendering and writing only what changed, byte-identical to a clean build', async () => {
    const out = path.join(root, 'rebuilt');
    const env = { RESPMATRIX_CACHE_DIR: cacheDir };
    expect(await build(out, env)).toBe(0);
    const before = await inodes(out);
    const unchanged = { stdout: '', stderr: '' };
    expect(await build(out, env, unchanged)).toBe(0);
    expect(unchanged.stdout).toMatch(/\(0 files written, \d+ unchanged\)/);
    expect(unchanged.stderr).toMatch(new RegExp(`; ${[...before.keys()].filter((f) => f.endsWith('.html')).length} pages reused unrendered`));

    await editOneSource();
    const edited = { stdout: '', stderr: '' };
    expect(await build(out, env, edited)).toBe(0);
    const after = await inodes(out);
    const [, written] = /\((\d+) files written, (\d+) unchanged\)/.exec(edited.stdout) ?? [];
    const rewritten = [...after].filter(([file, ino]) => before.get(file) !== ino).map(([file]) => file);
    // The edited offering's page is new; most pages are the previous files, linked.
    const offering = path.basename(firstSource).replace(/\.md$/, '');
    expect(rewritten).toContain(path.join('offerings', offering, 'index.html'));
    expect(rewritten.filter((f) => f.startsWith('offerings' + path.sep))).toHaveLength(1);
    expect(rewritten.length).toBeLessThan(after.size / 2);
    // Copied client assets aside, what the build wrote is what changed.
    expect(rewritten.filter((f) => !f.startsWith('assets' + path.sep) && f !== 'favicon.svg')).toHaveLength(Number(written));
    expect(edited.stderr).toMatch(/; [1-9]\d* pages reused unrendered/);

    expect(await build(path.join(root, 'clean-after-edit'), { RESPMATRIX_CACHE: '0' })).toBe(0);
    await expectSameFiles(out, path.join(root, 'clean-after-edit'));
  }, 180_000);

  it("rebuilds an offering whose source is unchanged when an edit elsewhere changes its model, as a clean build does", async () => {
    // A task derived from a row name is one task per name and area: the first source to name it
    // gets the plain id, a later one in another area the id with its area. Renaming the first
    // source's row changes the second offering's task id though its source is the same.
    const site = await smallSite('registry', 'title: Registry\n', {
      alpha: ALPHA,
      beta: `# Beta\n\n## Incident and operations management\n\n${TABLE_HEAD}| Rotate keys | IBM watches. | You rotate. |\n`,
    });
    await site.warm();
    const beta = () => readFile(path.join(site.out, 'offerings', 'beta', 'index.html'), 'utf8');
    expect(await beta()).toContain('id="incident-and-ops--rotate-keys-incident-and-ops"');

    await site.edit('alpha', (text) => text.replace('Rotate keys', 'Renew keys'));
    expect((await site.build()).code).toBe(0);
    expect(await beta()).toContain('id="incident-and-ops--rotate-keys"');
    await site.expectClean();
  }, 60_000);

  it('keeps the catalog pages whose offerings are unchanged and writes the one that shows an edited offering, as a clean build does', async () => {
    // 201 offerings: the home page lists the first 200, catalog/2/ the last.
    const names = Array.from({ length: 201 }, (_, i) => `o${String(i + 1).padStart(3, '0')}`);
    const site = await smallSite('catalog', 'title: Catalog\n', Object.fromEntries(names.map((name) => [
      name,
      `# Offering ${name}\n\n## Change management\n\n${TABLE_HEAD}| Patch | IBM patches. | You test. |\n`,
    ])));
    await site.warm();
    const before = await inodes(site.out);
    expect(before.has(path.join('catalog', '2', 'index.html'))).toBe(true);
    // The first offering's customer duty goes: its counts on the home page change.
    await site.edit('o001', (text) => text.replace('You test.', ''));
    expect((await site.build()).code).toBe(0);
    const after = await inodes(site.out);
    expect(after.get(path.join('catalog', '2', 'index.html'))).toBe(before.get(path.join('catalog', '2', 'index.html')));
    expect(after.get('index.html')).not.toBe(before.get('index.html'));
    await site.expectClean();
  }, 120_000);

  it('checks the links of a page it keeps unread as a clean build checks them', async () => {
    // A redirect stub is a page without inputs: kept unread while its key is the same, with the
    // links the last build scanned on it. Its target row goes away with an edit to the source;
    // the task stays with Beta's row, so the site-wide key, which holds the task list, is the same.
    const row = '| Rotate keys | IBM rotates. | You ask. |\n';
    const site = await smallSite('kept-links', 'title: Kept links\nredirects:\n  - from: /old/\n    to: /offerings/alpha/#change-management--rotate-keys\n', {
      alpha: `# Alpha\n\n## Change management\n\n${TABLE_HEAD}${row}| Patch | IBM patches. | You test. |\n`,
      beta: `# Beta\n\n## Change management\n\n${TABLE_HEAD}${row}`,
    });
    await site.warm();
    await site.edit('alpha', (text) => text.replace(row, ''));
    const rebuilt = await site.build();
    const clean = await site.buildClean();
    expect(clean.stderr).toContain('change-management--rotate-keys');
    expect(rebuilt.code).toBe(clean.code);
    // The same problems at the same places (the kept page is read back to place them).
    expect(rebuilt.stderr.replaceAll(path.basename(site.out), 'OUT')).toBe(clean.stderr.replaceAll(path.basename(site.clean), 'OUT'));
  }, 60_000);

  it("checks the content links of an unchanged offering's kept pages, taken from the cache, as a clean build checks them", async () => {
    // Beta's cell links to a row of Alpha's page; an edit to Alpha removes the row (its task
    // stays with Gamma's, so the site-wide key is the same). Beta's pages (its area is not
    // Alpha's) are kept unread, their links those the cache recorded of Beta's content: still checked.
    const row = '| Patch | IBM patches. | You test. |\n';
    const site = await smallSite('kept-content-links', 'title: Kept content links\n', {
      alpha: `# Alpha\n\n## Change management\n\n${TABLE_HEAD}| Rotate keys | IBM rotates. | You ask. |\n${row}`,
      gamma: `# Gamma\n\n## Change management\n\n${TABLE_HEAD}${row}`,
      beta: `# Beta\n\n## Incident management\n\n${TABLE_HEAD}| Rotate keys | IBM rotates. | You [test as Alpha does](/offerings/alpha/#change-management--patch) and read [the docs](https://cloud.ibm.com/docs). |\n`,
    });
    await site.warm();
    await site.edit('alpha', (text) => text.replace(row, ''));
    const rebuilt = await site.build();
    const clean = await site.buildClean();
    expect(clean.code).toBe(1);
    expect(clean.stderr).toMatch(/beta\.md:7:1 .* on \/offerings\/beta\/ points to a fragment that does not exist \(#change-management--patch/);
    expect(rebuilt.code).toBe(clean.code);
    expect(rebuilt.stderr.replaceAll(path.basename(site.out), 'OUT')).toBe(clean.stderr.replaceAll(path.basename(site.clean), 'OUT'));
    // Put back, the link holds again, and the rebuild writes what a clean build writes.
    await site.edit('alpha', (text) => `${text}${row}`);
    expect(await site.build()).toEqual({ code: 0, stderr: '' });
    await site.expectClean();
  }, 60_000);

  it("takes an unchanged offering's duty counts from the cache record, and counts again what the record does not hold as written", async () => {
    const site = await smallSite('kept-counts', 'title: Kept counts\n', {
      alpha: ALPHA,
      beta: `# Beta\n\n## Change management\n\n${TABLE_HEAD}| Patch | IBM patches. | None. |\n| Scan | IBM scans. | You read. |\n`,
    });
    await site.warm();
    const recordFile = await site.recordFile();
    // The record's JSON is its first line; the pages' ids follow it.
    const readRecord = async () => {
      const text = await readFile(recordFile, 'utf8');
      const end = text.indexOf('\n');
      return { record: JSON.parse(text.slice(0, end)) as { sectionCounts: Record<string, unknown> }, ids: text.slice(end) };
    };
    const writeRecord = async (record: object, ids: string) => writeFile(recordFile, JSON.stringify(record) + ids);
    const { record, ids } = await readRecord();
    // Beta: 2 rows, IBM has 2 duties, the customer 1 ("None." is none).
    expect(Object.values(record.sectionCounts)).toContainEqual([[2, 1, 2]]);
    const description = async (dir: string) => /<meta name="description" content="([^"]*)"/.exec(await readFile(path.join(dir, 'areas', 'change-management', 'index.html'), 'utf8'))?.[1];

    // Counts recorded for Beta's key (plausible, but not Beta's) show: the rebuild did not count Beta again.
    const tampered = (counts: unknown) => Object.fromEntries(Object.entries(record.sectionCounts).map(([key, value]) => [key, JSON.stringify(value) === '[[2,1,2]]' ? counts : value]));
    await writeRecord({ ...record, sectionCounts: tampered([[0, 0, 2]]) }, ids);
    await site.edit('alpha', (text) => text.replace('You ask.', 'You ask twice.'));
    expect((await site.build()).code).toBe(0);
    expect((await site.buildClean()).code).toBe(0);
    expect(await description(site.clean)).toMatch(/IBM carries 3 duties, you carry 2/);
    expect(await description(site.out)).toMatch(/IBM carries 1 duty, you carry 1/);

    // Counts not as written (too many, a wrong number of sections, not numbers): counted again.
    for (const counts of [[[3, 0, 2]], [[2, 1, 2], [0, 0, 0]], [['2', 1, 2]], 'x']) {
      const now = await readRecord();
      await writeRecord({ ...now.record, sectionCounts: { ...now.record.sectionCounts, ...tampered(counts) } }, now.ids);
      await site.edit('alpha', (text) => `${text}\n`);
      expect((await site.build()).code).toBe(0);
      expect(await description(site.out), JSON.stringify(counts)).toBe(await description(site.clean));
    }
  }, 60_000);

  it("takes an unchanged offering's OSCAL component from the cache record, and makes it again under another render key", async () => {
    const site = await smallSite('kept-components', 'title: Kept components\n', {
      alpha: ALPHA,
      beta: `# Beta\n\n## Change management\n\n${TABLE_HEAD}| Patch | IBM patches. | None. |\n`,
    });
    await site.warm();
    const recordFile = await site.recordFile();
    // Beta's component, in the bytes after the record's JSON line: its name changed there (same length) shows.
    const bytes = await readFile(recordFile);
    const start = bytes.indexOf(10) + 1;
    const { components } = JSON.parse(bytes.subarray(0, start).toString()) as { components: Record<string, [number, number]> };
    const ranges = Object.values(components).filter(([from, to]) => bytes.subarray(start + from, start + to).includes('"Beta"'));
    expect(ranges).toHaveLength(1);
    const [from, to] = ranges[0]!;
    const tampered = Buffer.from(bytes);
    Buffer.from(bytes.subarray(start + from, start + to).toString().replaceAll('"Beta"', '"Bxta"')).copy(tampered, start + from);
    await writeFile(recordFile, tampered);
    const oscal = async (dir: string) => readFile(path.join(dir, 'oscal', 'component-definition.json'), 'utf8');
    await site.edit('alpha', (text) => text.replace('You ask.', 'You ask twice.'));
    expect((await site.build()).code).toBe(0);
    expect(await oscal(site.out)).toContain('"title": "Bxta"');

    // Another render key (a new site title): every component is made again, as a clean build makes it.
    await writeFile(path.join(root, 'kept-components', 'site.yaml'), 'title: Kept components, renamed\n');
    expect((await site.build()).code).toBe(0);
    expect((await site.buildClean()).code).toBe(0);
    expect(await oscal(site.out)).toBe(await oscal(site.clean));
    await expectSameFiles(site.out, site.clean);
  }, 60_000);

  it("keeps the offering maps of paged areas the edited offering is not in, and writes what a clean build writes", async () => {
    const dir = path.join(root, 'paged');
    const generated = await generateContent(dir, { offerings: 70, seed: 8 });
    const [out, clean] = [path.join(root, 'paged-out'), path.join(root, 'paged-clean')];
    const env = { RESPMATRIX_CACHE_DIR: path.join(root, 'paged-cache') };
    const run = async (target: string, vars: Record<string, string>) => {
      const saved = { ...process.env };
      Object.assign(process.env, vars);
      try {
        return await main(['build', '--content', dir, '--out', target, '--quiet'], { stdout: () => undefined, stderr: () => undefined, cwd: root, env: process.env });
      } finally {
        for (const key of Object.keys(vars)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    };
    expect(await run(out, env)).toBe(0);
    expect(await run(out, env)).toBe(0);
    const maps = async () => new Map([...(await inodes(out))].filter(([file]) => file.endsWith(`${path.sep}offerings.json`) && file.startsWith(`areas${path.sep}`)));
    const before = await maps();
    expect(before.size).toBeGreaterThan(1);
    const source = path.join(dir, generated.files[0] as string);
    await writeFile(source, (await readFile(source, 'utf8')).replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Edited duty. '));
    expect(await run(out, env)).toBe(0);
    const after = await maps();
    expect([...after].filter(([file, ino]) => before.get(file) === ino).length).toBeGreaterThan(0);
    expect(await run(clean, { RESPMATRIX_CACHE: '0' })).toBe(0);
    await expectSameFiles(out, clean);
  }, 120_000);

  it("renders again the pages whose ids the cache record no longer holds, as a clean build writes them", async () => {
    const site = await smallSite('cut-ids', 'title: Cut ids\n', {
      alpha: ALPHA,
      beta: `# Beta\n\n## Change management\n\n${TABLE_HEAD}| Patch | IBM patches. | None. |\n`,
      gamma: `# Gamma\n\n## Change management\n\n${TABLE_HEAD}| Scan | IBM scans. | You read. |\n`,
    });
    await site.warm();
    const recordFile = await site.recordFile();
    // The pages' ids follow the record's JSON line: cut them in half.
    const bytes = await readFile(recordFile);
    const body = bytes.indexOf(10) + 1;
    await writeFile(recordFile, bytes.subarray(0, body + Math.floor((bytes.length - body) / 2)));
    await site.edit('alpha', (text) => text.replace('You ask.', 'You ask twice.'));
    expect(await site.build()).toEqual({ code: 0, stderr: '' });
    await site.expectClean();
  }, 60_000);

  it("makes a kept checklist's record again when a row it carries moved in the offering that lists it first, as a clean build does", async () => {
    // Beta's checklist carries the anchor of a row Alpha lists first: the record points at
    // Alpha's line. An edit above Alpha's table moves that line; Beta's pages are kept.
    const site = await smallSite('kept-checklists', 'title: Kept checklists\n', {
      alpha: ALPHA,
      beta: `# Beta\n\n## Change management\n\n${TABLE_HEAD}| Rotate keys | IBM rotates. | You rotate. |\n`,
    });
    await site.warm();
    for (const change of [(text: string) => text.replace('# Alpha\n', '# Alpha\n\nA paragraph that moves the table.\n'), (text: string) => text.replace('You ask.', 'You ask once.')]) {
      await site.edit('alpha', change);
      expect(await site.build()).toEqual({ code: 0, stderr: '' });
      await site.expectClean();
    }
  }, 60_000);

  it('leaves the previous output untouched when a rebuild fails after linking its files', async () => {
    const out = path.join(root, 'kept');
    const env = { RESPMATRIX_CACHE_DIR: cacheDir };
    expect(await build(out, env)).toBe(0);
    const [bytes, links] = [await tree(out), await inodes(out)];
    const text = await readFile(firstSource, 'utf8');
    // A link to a page that does not exist fails the link check, after every page was staged.
    await writeFile(firstSource, text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1See [nothing](https://example.com/offerings/no-such-offering/). '));
    try {
      const failed = { stdout: '', stderr: '' };
      expect(await build(out, env, failed)).toBe(1);
      expect(failed.stderr).toContain('no-such-offering');
    } finally {
      await writeFile(firstSource, text);
    }
    expect(await inodes(out)).toEqual(links);
    const now = await tree(out);
    for (const [file, b] of bytes) expect(now.get(file)?.equals(b), file).toBe(true);
    expect(await readdir(root)).not.toContain(expect.stringMatching(/^\.kept-build-/));
  }, 180_000);
});
