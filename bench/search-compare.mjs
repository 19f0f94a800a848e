#!/usr/bin/env node
/**
 * The measurement behind the choice of search engine (docs/search.md): the compact engine
 * (src/search/engine.ts) against MiniSearch and Pagefind, on the same records, at the shipped
 * content and at 1,000 synthetic offerings. Index bytes (raw, gzip, brotli), query time
 * (median over bench/search.mjs's queries; Pagefind's in Chromium, as it only runs in a browser)
 * and quality (the table in bench/search-quality.json: expected rows in the top 3).
 * Needs `npm run compile`. Usage: node bench/search-compare.mjs [--synthetic N]
 * Pagefind is not a dependency (its lock entries are platform-specific): add it for a run with
 * `npm install --no-save pagefind@1.6`; without it the Pagefind line is skipped.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import MiniSearch from 'minisearch';
import { chromium } from 'playwright-core';
import { syntheticSite } from './search-synthetic.mjs';
import { QUERIES } from './search.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = (file) => import(pathToFileURL(path.join(repo, 'lib', file)).href);
const { searchRecords } = await lib('search/records.js');
const { buildSearchIndex } = await lib('search/index.js');
const { loadEngine, search, docUrl } = await lib('search/query.js');
const { loadSite } = await lib('build/load-site.js');
const pagefind = await import('pagefind').catch(() => undefined);
const TABLE = JSON.parse(readFileSync(path.join(repo, 'bench', 'search-quality.json'), 'utf8'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const sizes = (buffers) => ({
  raw: buffers.reduce((n, b) => n + b.length, 0),
  gzip: buffers.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0),
  brotli: buffers.reduce((n, b) => n + zlib.brotliCompressSync(b).length, 0),
});
const timeQueries = (run, runs = 7) => {
  for (const q of QUERIES) run(q);
  return median(QUERIES.map((q) => median(Array.from({ length: runs }, () => ((t) => (run(q), performance.now() - t))(performance.now())))));
};
/** Passed queries of the quality table, and the ones missed. */
const quality = (top3) => {
  const missed = TABLE.filter(({ query, top3: expected }) => !expected.every((row) => top3(query).includes(row))).map(({ query }) => query);
  return { passed: TABLE.length - missed.length, missed };
};
const rowKey = (file, id) => {
  const doc = file.docs[id];
  return `${file.offerings[doc[1]]?.[0]}#${doc[6]}`;
};

function compact(site, withQuality) {
  const file = JSON.parse(JSON.stringify(buildSearchIndex(site)));
  const engine = loadEngine(file);
  const bytes = sizes([Buffer.from(JSON.stringify(file))]);
  const ms = timeQueries((q) => search(engine, file, q, {}, 8));
  const top3 = (q) => search(engine, file, q, {}, 3).hits.map((h) => `${h.offeringId}#${h.url.split('#')[1]}`);
  return { engine: 'compact (chosen)', ...bytes, queryMs: ms, quality: withQuality ? quality(top3) : undefined };
}

function minisearch(site, withQuality) {
  const records = searchRecords(site);
  const fields = (doc, id) => ({
    id,
    task: doc[3],
    offering: records.offerings[doc[1]]?.[1] ?? '',
    area: records.areas[doc[2]]?.[1] ?? '',
    provider: doc[4],
    customer: doc[5],
  });
  const options = {
    fields: ['task', 'offering', 'area', 'provider', 'customer'],
    searchOptions: { boost: { task: 3, offering: 1.5, area: 1.5 }, prefix: true, fuzzy: 0.25 },
  };
  const index = new MiniSearch(options);
  index.addAll(records.docs.map(fields));
  // The browser needs the records too (snippets, links): counted like the compact file's docs.
  const json = JSON.stringify({ docs: records.docs, index });
  const loaded = MiniSearch.loadJS(JSON.parse(json).index, options);
  const bytes = sizes([Buffer.from(json)]);
  const ms = timeQueries((q) => loaded.search(q).slice(0, 8));
  const top3 = (q) => loaded.search(q).slice(0, 3).map((r) => rowKey(records, r.id));
  return { engine: 'MiniSearch 7', ...bytes, queryMs: ms, quality: withQuality ? quality(top3) : undefined };
}

async function pagefindFigures(site, browser, withQuality) {
  const records = searchRecords(site);
  const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
  for (const doc of records.docs) {
    await index.addCustomRecord({
      url: `/${docUrl(records, doc)}`,
      content: `${doc[3]}. ${doc[4]} ${doc[5]}`,
      language: 'en',
      meta: { title: doc[3], offering: records.offerings[doc[1]]?.[1] ?? '', area: records.areas[doc[2]]?.[1] ?? '' },
      filters: { offering: [records.offerings[doc[1]]?.[0] ?? ''], area: [records.areas[doc[2]]?.[0] ?? ''] },
    });
  }
  const { files } = await index.getFiles();
  await pagefind.close();
  const byPath = new Map(files.map((f) => [`/pagefind/${f.path}`, Buffer.from(f.content)]));
  // Pagefind's optional UI bundles are not needed to search: not counted.
  const counted = [...byPath].filter(([name]) => !/pagefind-(ui|component-ui|modular-ui|highlight)|\.css$/.test(name)).map(([, body]) => body);
  // Every file a reader could fetch (fragments are fetched per result, the rest on first search).
  const bytes = sizes(counted);
  const server = createServer((req, res) => {
    const body = byPath.get(new URL(req.url, 'http://x').pathname);
    if (!body) return res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    const type = req.url.endsWith('.js') ? 'text/javascript' : req.url.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(
    async ({ queries, table }) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      const run = async (q) => {
        const r = await pf.search(q);
        return Promise.all(r.results.slice(0, 8).map((x) => x.data()));
      };
      const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
      for (const q of queries) await run(q);
      const perQuery = [];
      for (const q of queries) {
        const times = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          await run(q);
          times.push(performance.now() - t);
        }
        perQuery.push(med(times));
      }
      const top3 = {};
      for (const { query } of table) top3[query] = (await run(query)).slice(0, 3).map((d) => d.url);
      return { queryMs: med(perQuery), top3 };
    },
    { queries: QUERIES, table: TABLE },
  );
  await page.close();
  server.close();
  const top3 = (q) => (result.top3[q] ?? []).map((url) => {
    const [, offering, fragment] = url.match(/^\/offerings\/([^/]+)\/#(.*)$/) ?? [];
    return `${offering}#${fragment}`;
  });
  return { engine: 'Pagefind 1.6 (Chromium, incl. fragment fetch)', ...bytes, files: counted.length, queryMs: result.queryMs, quality: withQuality ? quality(top3) : undefined };
}

const { values } = parseArgs({ options: { synthetic: { type: 'string', default: '1000' } } });
const { site: shipped } = await loadSite(path.join(repo, 'content'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [label, site, withQuality] of [
  ['shipped content', shipped, true],
  [`${values.synthetic} synthetic offerings`, syntheticSite(Number(values.synthetic)), false],
]) {
  console.log(`\n${label}: ${site.offerings.length} offerings`);
  const engines = [compact(site, withQuality), minisearch(site, withQuality)];
  if (pagefind) engines.push(await pagefindFigures(site, browser, withQuality));
  else console.log('  (Pagefind not installed: npm install --no-save pagefind@1.6)');
  for (const figures of engines) {
    const q = figures.quality === undefined ? '' : `  quality ${figures.quality.passed}/${TABLE.length}${figures.quality.missed.length ? ` (missed: ${figures.quality.missed.join('; ')})` : ''}`;
    console.log(`  ${figures.engine.padEnd(46)} raw ${kb(figures.raw).padStart(11)}  gzip ${kb(figures.gzip).padStart(10)}  brotli ${kb(figures.brotli).padStart(10)}  query median ${figures.queryMs.toFixed(2).padStart(7)} ms${q}${figures.files ? `  (${figures.files} files)` : ''}`);
  }
}
await browser.close();
