// One in-process build of a content folder, printing its stage timings as JSON on stdout:
// the content pipeline (loadSite) and each stage buildSite reports (assets = Vite, render, ...).
// Run as a child process by bench/site.mjs so every run starts cold.
import { performance } from 'node:perf_hooks';
import { loadSite } from '../../lib/build/load-site.js';
import { buildSite } from '../../lib/build/build-site.js';

const [contentDir, outDir] = process.argv.slice(2);
let start = performance.now();
const { site, diagnostics } = await loadSite(contentDir);
const content = performance.now() - start;
if (!site || diagnostics.some((d) => d.severity === 'error')) {
  console.error('content has errors');
  process.exit(1);
}
start = performance.now();
const result = await buildSite(site, { outDir, base: '/', contentDir });
const total = performance.now() - start;
console.log(JSON.stringify({ content, ...result.timings, site: total }));
