#!/usr/bin/env node
/**
 * Search bench: index bytes (raw, gzip, brotli), index build and load time, and query time
 * (median over a set of queries, each the median of several runs) at the shipped content
 * (3 offerings) and at 1,000 synthetic offerings (~25,000 rows).
 * Needs the compiled code (`npm run compile`). Usage: node bench/search.mjs [--json]
 * `benchSearch()` returns the figures for `npm run bench`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { syntheticSite } from './search-synthetic.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = (file) => pathToFileURL(path.join(repo, 'lib', file)).href;

/** As a reader types and searches: prefixes, typos, several words, names. */
export const QUERIES = [
  'b', 'ba', 'bac', 'back', 'backu', 'backup',
  'disater recovery', 'firmwear', 'master key backup', 'key protect', 'IBM Cloud Logs',
  'smart card readers', 'rotate keys', 'third-party', 'restore data', 'availability',
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function shippedSite() {
  const { loadSite } = await import(lib('model/load-site.js'));
  const { site } = await loadSite(path.join(repo, 'content'));
  if (!site) throw new Error('the shipped content did not load');
  return site;
}

/** Figures for one site. */
export async function measureSite(label, site, runs = 9) {
  const { buildSearchIndex } = await import(lib('search/index.js'));
  const { loadEngine, search } = await import(lib('search/query.js'));
  let start = performance.now();
  // The whole index (the build splits it into parts; bench/weight.mjs measures what a query fetches).
  const bytes = Buffer.from(JSON.stringify(buildSearchIndex(site)));
  const buildMs = performance.now() - start;
  start = performance.now();
  const file = JSON.parse(bytes.toString('utf8'));
  const engine = loadEngine(file);
  const loadMs = performance.now() - start;
  // Warm up once per query (first use decodes postings and compiles the code), as after the first keystroke.
  for (const query of QUERIES) search(engine, file, query, {}, 8);
  const perQuery = QUERIES.map((query) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      search(engine, file, query, {}, 8);
      times.push(performance.now() - t);
    }
    return { query, ms: median(times), total: search(engine, file, query, {}, 8).total };
  });
  const rows = site.offerings.reduce((n, o) => n + o.sections.reduce((m, s) => m + s.rows.length, 0), 0);
  return {
    label,
    offerings: site.offerings.length,
    rows,
    records: file.docs.length,
    indexBytes: bytes.length,
    gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length,
    brotliBytes: zlib.brotliCompressSync(bytes).length,
    buildMs,
    loadMs,
    medianQueryMs: median(perQuery.map((q) => q.ms)),
    maxQueryMs: Math.max(...perQuery.map((q) => q.ms)),
    perQuery,
  };
}

/** The bench: shipped content and 1,000 synthetic offerings. */
export async function benchSearch({ synthetic = 1000 } = {}) {
  const shipped = existsSync(path.join(repo, 'lib', 'model', 'load-site.js')) ? await shippedSite() : syntheticSite(3);
  return [await measureSite('shipped content', shipped), await measureSite(`${synthetic} synthetic offerings`, syntheticSite(synthetic))];
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function formatSearchBench(results) {
  const lines = ['search                          offerings   rows  index raw    gzip  brotli  build ms  load ms  query median ms  max ms'];
  for (const r of results) {
    lines.push(
      `${r.label.padEnd(30)} ${String(r.offerings).padStart(10)} ${String(r.rows).padStart(6)} ${kb(r.indexBytes).padStart(10)} ${kb(r.gzipBytes).padStart(7)} ${kb(r.brotliBytes).padStart(7)} ${r.buildMs.toFixed(0).padStart(9)} ${r.loadMs.toFixed(0).padStart(8)} ${r.medianQueryMs.toFixed(2).padStart(16)} ${r.maxQueryMs.toFixed(2).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await benchSearch();
  if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
  else {
    console.log(formatSearchBench(results));
    for (const r of results) console.log(`  ${r.label}: ${r.perQuery.map((q) => `${q.query} ${q.ms.toFixed(2)}`).join(' | ')}`);
  }
}
