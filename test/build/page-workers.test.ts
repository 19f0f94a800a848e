/**
 * Pages rendered by several threads: what each thread's link collector gathers, merged, reports
 * exactly what one collector of every page reports; and the compiled build (which starts page
 * workers) writes the same bytes and finds the same problems with workers as without.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { LinkCollector, type CollectedLinks, type CollectedMark } from '../../src/links/link-collector.js';
import { renderSite } from '../../src/build/pipeline.js';
import type { streamSite as StreamSite } from '../../src/build/stream-site.js';
import type * as PageWorkersModule from '../../src/build/page-workers.js';
import type * as OutputReuseModule from '../../src/build/output-reuse.js';
import type { RenderWorkerData } from '../../src/build/render-worker.js';
import type { PreviousOutput } from '../../src/build/output-reuse.js';
import { ViewsFile, viewsFilePieces, type TextKind } from '../../src/build/views-file.js';
import type { OfferingShape } from '../../src/search/records.js';
import { generateContent } from '../../tools/synthetic/generate.js';
import { ensureCompiled, spawnBin } from '../cli/helpers.js';
import { fixtureContent } from '../links/fixture.js';

const noAssets = { scripts: [], styles: [] };
/** A module of the compiled build (workers run compiled code only). */
const compiledBuild = (file: string) => pathToFileURL(path.join(import.meta.dirname, '..', '..', 'lib', 'build', file)).href;
let site: Site;
let tmp: string;

beforeAll(async () => {
  site = (await loadSite(fixtureContent, { cacheDir: false })).site!;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-page-workers-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The fixture with broken links of every kind on several pages. */
function brokenSite(): Site {
  const broken = structuredClone(site);
  const rows = broken.offerings[0]!.sections.flatMap((s) => s.rows);
  rows[0]!.customer = { text: 'See', html: '<p>See <a href="#no-such-anchor">there</a> and <a href="/offerings/gone/">gone</a></p>' };
  rows[1]!.provider = { text: 'x', html: '<p><a href="../nowhere/">rel</a> <a href="/areas/none/#x">abs</a></p>' };
  broken.offerings[1]!.sections[0]!.rows[0]!.provider = { text: 'y', html: '<p><a href="/offerings/gone/">again</a> <a href="../nowhere/">rel</a></p>' };
  return broken;
}

/** The broken site's pages, every file of it, and three collectors: one to scan every page, two to share them. */
function brokenPages() {
  const files = renderSite(brokenSite(), { base: '/', assets: noAssets });
  const html = files.filter((f) => f.path.endsWith('.html') && typeof f.contents === 'string');
  const all = new Set(files.map((f) => f.path));
  const [one, first, second] = [0, 1, 2].map(() => new LinkCollector({ base: '/' })) as [LinkCollector, LinkCollector, LinkCollector];
  return { html, all, one, first, second };
}

describe('link collectors of several threads', () => {
  test('merged, report what one collector of every page reports, in the same order', () => {
    const { html, all, one, first: even, second: odd } = brokenPages();
    html.forEach((file, order) => {
      one.addPage(file.path, file.contents as string, undefined, order);
      (order % 2 === 0 ? even : odd).addPage(file.path, file.contents as string, undefined, order);
    });
    // The odd pages' findings come first, as when another thread finishes first.
    odd.absorb(structuredClone(even.collectedSince().links));
    const expected = one.linkDiagnostics(all);
    expect(expected.length).toBeGreaterThan(4);
    expect(odd.linkDiagnostics(all)).toEqual(expected);
  });

  test('taken in part by part while the taker scans its own pages, report what one collector of every page reports', () => {
    const { html, all, one, first: theirs, second: mine } = brokenPages();
    let mark: CollectedMark | undefined;
    const parts: CollectedLinks[] = [];
    const posted: CollectedLinks[] = [];
    const post = () => {
      const since = theirs.collectedSince(mark);
      mark = since.mark;
      parts.push(structuredClone(since.links));
      posted.push(since.links);
    };
    html.forEach((file, order) => {
      one.addPage(file.path, file.contents as string, undefined, order);
      // The other thread draws two pages in three and posts every other page; this one takes in what has come.
      if (order % 3 === 2) {
        mine.addPage(file.path, file.contents as string, undefined, order);
        for (let part = parts.shift(); part; part = parts.shift()) mine.absorb(part);
        return;
      }
      theirs.addPage(file.path, file.contents as string, undefined, order);
      if (order % 2 === 0) post();
    });
    post();
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) mine.absorb(part);
    const expected = one.linkDiagnostics(all);
    expect(expected.length).toBeGreaterThan(4);
    expect(mine.linkDiagnostics(all)).toEqual(expected);
    expect(mine.recordDiagnostics()).toEqual(one.recordDiagnostics());
    // Each thing gathered is handed out once: the parts together are what one look at the end gives.
    const whole = theirs.collectedSince().links;
    for (const key of ['idSets', 'firstUse', 'findings', 'manifestProblems', 'known'] as const) {
      expect(posted.flatMap((part): unknown[] => part[key]), key).toEqual(whole[key]);
    }
    expect(whole.findings.length + whole.firstUse.length).toBeGreaterThan(4);
  });
});

/** A views file's first line: where each offering's texts are, by kind, and what they were made of. */
async function viewsHeader(file: string) {
  return JSON.parse((await readFile(file, 'utf8')).split('\n', 1)[0]!) as { texts: Record<TextKind, { context: string; offerings: object }> };
}

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

/** `mine` holds exactly the files of `wanted`, byte for byte (`label` names the case in a failure). */
function expectSameFiles(mine: ReadonlyMap<string, Buffer>, wanted: ReadonlyMap<string, Buffer>, label?: string): void {
  expect([...mine.keys()].sort(), label).toEqual([...wanted.keys()].sort());
  for (const [file, bytes] of wanted) expect(mine.get(file)?.equals(bytes), label ? `${label}: ${file}` : file).toBe(true);
}

describe('page workers (compiled build)', () => {
  test('write the same files and find the same problems as one thread', async () => {
    ensureCompiled();
    const { streamSite } = (await import(compiledBuild('stream-site.js'))) as { streamSite: typeof StreamSite };
    const content = path.join(tmp, 'content');
    await generateContent(content, { offerings: 40, seed: 9 });
    const generated = (await loadSite(content, { cacheDir: false })).site!;
    for (const [name, model] of [['generated', generated], ['broken', brokenSite()]] as const) {
      const results = [];
      for (const workers of ['0', '1']) {
        const dir = path.join(tmp, `${name}-${workers}`);
        process.env['RESPMATRIX_WORKERS'] = workers;
        try {
          const streamed = await streamSite(model, dir, { base: '/', assets: noAssets, existing: [] });
          results.push({ streamed, files: await tree(dir) });
        } finally {
          delete process.env['RESPMATRIX_WORKERS'];
        }
      }
      const [single, threaded] = results as [(typeof results)[0], (typeof results)[0]];
      expect(threaded.streamed.diagnostics, name).toEqual(single.streamed.diagnostics);
      expect(threaded.streamed.paths, name).toEqual(single.streamed.paths);
      expectSameFiles(threaded.files, single.files, name);
    }
  }, 180_000);
});

describe('a render worker started ahead (compiled build)', () => {
  test('is sent its pages once they are known, and renders what one thread renders', async () => {
    ensureCompiled();
    const { streamSite } = (await import(compiledBuild('stream-site.js'))) as { streamSite: typeof StreamSite };
    const { preparePageWorker } = (await import(compiledBuild('page-workers.js'))) as typeof PageWorkersModule;
    const results = [];
    for (const workers of ['0', '1']) {
      const dir = path.join(tmp, `ahead-${workers}`);
      // Started before the model is at hand, as the build starts it while the content loads.
      const ahead = preparePageWorker();
      let started = 0;
      const pageWorker = { ...ahead, start: (data: RenderWorkerData) => (started++, ahead.start(data)) };
      process.env['RESPMATRIX_WORKERS'] = workers;
      try {
        const streamed = await streamSite(brokenSite(), dir, { base: '/', assets: noAssets, existing: [], pageWorker });
        results.push({ streamed, files: await tree(dir), started });
      } finally {
        delete process.env['RESPMATRIX_WORKERS'];
      }
    }
    const [single, threaded] = results as [(typeof results)[0], (typeof results)[0]];
    expect([single.started, threaded.started]).toEqual([0, 1]);
    expect(threaded.streamed.diagnostics.length).toBeGreaterThan(4);
    expect(threaded.streamed.diagnostics).toEqual(single.streamed.diagnostics);
    expect(threaded.streamed.paths).toEqual(single.streamed.paths);
    expectSameFiles(threaded.files, single.files);
  }, 180_000);

  test('lays out the staging tree while it waits, then renders its pages', async () => {
    ensureCompiled();
    const { streamSite } = (await import(compiledBuild('stream-site.js'))) as { streamSite: typeof StreamSite };
    const { preparePageWorker } = (await import(compiledBuild('page-workers.js'))) as typeof PageWorkersModule;
    const dir = path.join(tmp, 'ahead-folders');
    const ahead = preparePageWorker();
    ahead.layOut(dir, { files: ['offerings/early/index.html', 'checklist/early/index.html'], withFiles: true });
    process.env['RESPMATRIX_WORKERS'] = '1';
    try {
      await streamSite(brokenSite(), dir, { base: '/', assets: noAssets, existing: [], pageWorker: ahead });
    } finally {
      delete process.env['RESPMATRIX_WORKERS'];
    }
    const made = await readdir(dir, { recursive: true });
    expect(made).toEqual(expect.arrayContaining(['offerings/early', 'checklist/early', 'checklist/early/index.html', 'index.html']));
  }, 180_000);

  test('is started for a build that renders every page of a site large enough', async () => {
    ensureCompiled();
    const { pageWorkerAhead, PAGE_WORKER_THRESHOLD } = (await import(compiledBuild('page-workers.js'))) as typeof PageWorkersModule;
    const previous = { renderKey: 'k', files: {}, dirs: {} } as unknown as PreviousOutput;
    const enough = Math.ceil(PAGE_WORKER_THRESHOLD / 2);
    const started = pageWorkerAhead(undefined, enough);
    started?.cancel();
    expect(started).toBeDefined();
    // Too few sources for a worker, or a previous output to keep pages of.
    expect(pageWorkerAhead(undefined, enough - 1)).toBeUndefined();
    expect(pageWorkerAhead(previous, enough)).toBeUndefined();
  });

  test('a files worker booted ahead is stopped when no previous output wants one, and none is booted without threads', async () => {
    ensureCompiled();
    const { bootFilesWorker, filesWorkerFor } = (await import(compiledBuild('page-workers.js'))) as typeof PageWorkersModule;
    const booted = bootFilesWorker();
    expect(booted).toBeDefined();
    const exited = new Promise((resolve) => booted!.worker.once('exit', resolve));
    expect(filesWorkerFor(undefined, path.join(tmp, 'no-cache'), booted)).toBeUndefined();
    await exited;
    process.env['RESPMATRIX_WORKERS'] = '0';
    try {
      expect(bootFilesWorker()).toBeUndefined();
    } finally {
      delete process.env['RESPMATRIX_WORKERS'];
    }
  });

  test('the CLI builds with one as without threads, and fails as without when the content has errors', async () => {
    ensureCompiled();
    const content = path.join(tmp, 'ahead-content');
    const generated = await generateContent(content, { offerings: 12, seed: 5 });
    const build = (dir: string, workers: string) => spawnBin(['build', '--content', content, '--out', dir, '--quiet'], tmp, { RESPMATRIX_CACHE: '0', RESPMATRIX_WORKERS: workers });
    const [threaded, single] = [path.join(tmp, 'ahead-threaded'), path.join(tmp, 'ahead-single')];
    // RESPMATRIX_WORKERS=1 starts the worker while the content loads whatever the site's size.
    expect(await build(threaded, '1')).toMatchObject({ code: 0, stderr: '' });
    expect(await build(single, '0')).toMatchObject({ code: 0, stderr: '' });
    // What the worker laid out while the content loaded is the pages' own: the same tree.
    expectSameFiles(await tree(threaded), await tree(single));
    const folders = async (dir: string) => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
    expect(await folders(threaded)).toEqual(await folders(single));
    const stagingLeft = async () => (await readdir(tmp)).filter((name) => name.includes('-build-'));
    expect(await stagingLeft()).toEqual([]);
    // A source that cannot be understood: the worker started ahead is stopped, nothing is written.
    await writeFile(path.join(content, generated.files[0] as string), '---\nid: [unclosed\n---\n# Broken\n');
    const failed = await build(path.join(tmp, 'ahead-failed'), '1');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/error/);
    await expect(readdir(path.join(tmp, 'ahead-failed'))).rejects.toThrow();
    // Nor is the staging folder it was laying out left behind.
    expect(await stagingLeft()).toEqual([]);
  }, 180_000);
});

describe('files worker (compiled build)', () => {
  test("a rebuild that makes the model's files in another thread writes what a clean build writes", async () => {
    ensureCompiled();
    const content = path.join(tmp, 'rebuilt-content');
    const generated = await generateContent(content, { offerings: 12, seed: 4 });
    const [out, clean] = [path.join(tmp, 'rebuilt'), path.join(tmp, 'rebuilt-clean')];
    // RESPMATRIX_WORKERS set: threads whatever the site's size.
    const cache = path.join(tmp, 'rebuilt-cache');
    const env = { RESPMATRIX_CACHE_DIR: cache, RESPMATRIX_WORKERS: '1' };
    const build = (dir: string, extra: Record<string, string>) => spawnBin(['build', '--content', content, '--out', dir, '--quiet'], tmp, extra);
    const workerFile = async (kind: string) => {
      const found = (await readdir(cache, { recursive: true })).filter((file) => file.endsWith(`.${kind}`));
      expect(found).toHaveLength(1);
      return path.join(cache, found[0] as string);
    };
    let edits = 0;
    const rebuildAfterEdit = async (edit: string) => {
      const source = path.join(content, generated.files[2 + (edits++ % 5)] as string);
      const text = await readFile(source, 'utf8');
      await writeFile(source, text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, `$1${edit} `));
      const rebuilt = await build(out, env);
      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.code).toBe(0);
    };
    const expectClean = async () => {
      const cleanDir = `${clean}-${edits}`;
      expect((await build(cleanDir, { RESPMATRIX_CACHE: '0' })).code).toBe(0);
      expectSameFiles(await tree(out), await tree(cleanDir));
    };
    const { filesWorkerLeftRows } = (await import(compiledBuild('output-reuse.js'))) as typeof OutputReuseModule;
    expect((await build(out, env)).code).toBe(0);
    // A build that rendered every page left no rows: the next one starts its worker once it has read the record.
    expect(await filesWorkerLeftRows(cache, out)).toBe(false);
    // The first rebuild numbers every search word and is sent every row; it leaves both for the
    // second, which is sent only the rows of the edited offering, takes the others' and numbers
    // the new words of its edit (its worker started before the record was read).
    for (const edit of ['Threaded edit.', 'Quokkas rotate zebra keys.']) {
      await rebuildAfterEdit(edit);
      await workerFile('words');
      expect(await filesWorkerLeftRows(cache, out)).toBe(true);
      await expectClean();
    }

    // The rows an unchanged offering is not sent come from the file: changed there, they show.
    const views = await workerFile('views');
    const held = ViewsFile.read(views);
    const sectionsOf = (key: string) => held.sections(key) as { rows: { provider: { text: string } }[] }[];
    const key = held.keys().find((k) => sectionsOf(k)[0]?.rows[0]);
    const sections = sectionsOf(key!);
    sections[0]!.rows[0]!.provider.text = 'Tampered in the cache.';
    const rewrite = (sectionsFor: (key: string) => unknown) =>
      writeFile(views, Buffer.concat(viewsFilePieces(held.keys().map((k) => [k, Buffer.from(JSON.stringify(sectionsFor(k))), {}]), {})));
    await rewrite((k) => (k === key ? sections : sectionsOf(k)));
    await rebuildAfterEdit('A third edit.');
    expect(await readFile(path.join(out, 'responsibilities.csv'), 'utf8')).toContain('Tampered in the cache.');

    // So do an unchanged offering's texts, left with what they were made of: changed there, they show.
    // The text of `kind` of the first offering whose text holds `find`, changed in the file (its other texts as they were, the other kind's gone).
    const tamper = async (kind: 'csv' | 'docs', find: string, change: (text: string) => string) => {
      const left = ViewsFile.read(views);
      const { texts } = await viewsHeader(views);
      const context = texts[kind].context;
      const key = left.keys().find((k) => left.text(kind, k, context)?.includes(find));
      expect(key).toBeDefined();
      await writeFile(views, Buffer.concat(viewsFilePieces(left.keys().map((k) => {
        const text = left.text(kind, k, context);
        return [k, left.bytes(k)!, { [kind]: k === key ? Buffer.from(change(text!.toString())) : text }];
      }), { [kind]: context })));
    };
    await tamper('csv', 'Tampered in the cache.', (lines) => lines.replace('Tampered in the cache.', 'Lines from the cache.'));
    await rebuildAfterEdit('A third and a half edit.');
    const csv = await readFile(path.join(out, 'responsibilities.csv'), 'utf8');
    expect(csv).toContain('Lines from the cache.');
    expect(csv).not.toContain('Tampered in the cache.');
    // Its search records' JSON shows in the index's parts (a rebuild without an edit makes them too).
    await tamper('docs', '"r"', (docs) => docs.replaceAll('"r"', '"x"'));
    expect((await build(out, env)).code).toBe(0);
    const parts = await tree(path.join(out, 'search'));
    expect([...parts.values()].some((bytes) => bytes.includes('["x",'))).toBe(true);

    // A file not as the worker writes it, or none: the main thread makes those files itself, as a clean build does.
    await rewrite(() => [{ rows: 'not rows' }]);
    await rebuildAfterEdit('A fourth edit.');
    await expectClean();
    await writeFile(views, 'not a views file');
    await rebuildAfterEdit('A fifth edit.');
    await expectClean();
    await rm(views);
    await rebuildAfterEdit('A sixth edit.');
    await expectClean();

    // Each build after it reads an unchanged offering as the shape of its search records, with
    // the texts the last build left of it (CSV lines, records' JSON, words): its sections are not read.
    await rebuildAfterEdit('A seventh edit.');
    await expectClean();
    const shaped = ViewsFile.read(views);
    expect(Object.keys((await viewsHeader(views)).texts.shape.offerings)).toHaveLength(shaped.keys().length);
    // Without the words, the records are made from every offering's sections after all.
    await rm(await workerFile('words'));
    await rebuildAfterEdit('An edit without words.');
    await expectClean();
    // Sections damaged in the file, with every text there: nothing changes.
    const { texts } = await viewsHeader(views);
    const left = ViewsFile.read(views);
    const kinds = Object.keys(texts) as TextKind[];
    const textsOf = (file: ViewsFile, key: string) => Object.fromEntries(kinds.map((kind) => [kind, file.text(kind, key, texts[kind].context)]));
    const contexts = Object.fromEntries(kinds.map((kind) => [kind, texts[kind].context]));
    const damaged = Buffer.concat(viewsFilePieces(left.keys().map((key) => [key, Buffer.from('not sections'), textsOf(left, key)]), contexts));
    await writeFile(views, damaged);
    await rebuildAfterEdit('An edit beside damaged sections.');
    await expectClean();
    // The worker made the files (it left its own for the next build), not the main thread.
    expect((await readFile(views)).equals(damaged)).toBe(false);
    // A shape changed in the file shows in the search filters: what the records are made of.
    const facets = async (dir: string) => [...(await tree(path.join(dir, 'search'))).entries()].find(([file]) => file.includes('facets.'))![1].toString();
    const reshaped = ViewsFile.read(views);
    const shapeOf = (key: string) => JSON.parse(reshaped.text('shape', key, texts.shape.context)!.toString()) as OfferingShape;
    const shapeKey = reshaped.keys().find((key) => shapeOf(key).some(([, , parties]) => parties.includes('p')))!;
    const changed = shapeOf(shapeKey).map(([area, intro, parties]): OfferingShape[number] => [area, intro, parties.replace('p', 'c')]);
    await writeFile(views, Buffer.concat(viewsFilePieces(reshaped.keys().map((key) => {
      const shape = key === shapeKey ? Buffer.from(JSON.stringify(changed)) : reshaped.text('shape', key, texts.shape.context);
      return [key, reshaped.bytes(key)!, { ...textsOf(reshaped, key), shape }];
    }), contexts)));
    expect((await build(out, env)).code).toBe(0);
    expect((await build(`${clean}-shape`, { RESPMATRIX_CACHE: '0' })).code).toBe(0);
    expect(await facets(out)).not.toBe(await facets(`${clean}-shape`));
  }, 180_000);

  test('claims the standby tree while the content loads, and gives it back when the content has errors', async () => {
    ensureCompiled();
    const content = path.join(tmp, 'claim-content');
    const generated = await generateContent(content, { offerings: 12, seed: 6 });
    const out = path.join(tmp, 'claim-out');
    const cache = path.join(tmp, 'claim-cache');
    const env = { RESPMATRIX_CACHE_DIR: cache, RESPMATRIX_WORKERS: '1' };
    const build = () => spawnBin(['build', '--content', content, '--out', out, '--quiet'], tmp, env);
    const standbys = async () => readdir(path.join(cache, 'standby'));
    expect((await build()).code).toBe(0);
    expect((await build()).code).toBe(0);
    // From the second build on, the output it replaced waits in the cache as the standby.
    const [standby] = await standbys();
    expect(await standbys()).toEqual([standby]);
    const folder = (await stat(path.join(cache, 'standby', standby!))).ino;

    const source = path.join(content, generated.files[1] as string);
    const text = await readFile(source, 'utf8');
    await writeFile(source, '---\nid: [unclosed\n---\n# Broken\n');
    const failed = await build();
    expect(failed.code).toBe(1);
    // The worker had claimed it: it is back under its name, for the next build.
    expect(await standbys()).toEqual([standby]);

    await writeFile(source, text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Mended. '));
    const mended = await build();
    expect(mended.stderr).toBe('');
    expect(mended.code).toBe(0);
    // The standby became the live output.
    expect((await stat(out)).ino).toBe(folder);
    const clean = path.join(tmp, 'claim-clean');
    expect((await spawnBin(['build', '--content', content, '--out', clean, '--quiet'], tmp, { RESPMATRIX_CACHE: '0' })).code).toBe(0);
    const expectClean = async () => {
      expectSameFiles(await tree(out), await tree(clean));
    };
    await expectClean();

    // The worker takes the stamps of the live files while the content loads: a page changed in
    // the live output, and one gone from it, are made again, as the main thread would find.
    const offering = (await readdir(path.join(out, 'offerings')))[0]!;
    await writeFile(path.join(out, 'offerings', offering, 'index.html'), '<p>Changed by hand.</p>\n', { flag: 'a' });
    await rm(path.join(out, 'checklist', offering, 'index.html'));
    expect((await build()).code).toBe(0);
    await expectClean();
  }, 180_000);
});
