#!/usr/bin/env node
/**
 * Search answer time in Chromium on a large synthetic site: for each query, a fresh browser
 * context opens the home page, the query is typed into the header box in one input event, and
 * the bench reads, from the page's own clocks, when the last search file the query fetched
 * finished arriving (Resource Timing `responseEnd`) and when the results were in the DOM (the
 * input event's time stamp plus the box's `data-search-ms`). The difference is the time the
 * browser spends parsing the parts and ranking: the target is at most 100 ms.
 * Usage: node bench/search-answer.mjs [--offerings 5000] [--runs 3] [--dist DIR]
 *   --dist DIR   a site already built (skips generating and building)
 */
/* global document, window */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveStatic } from './helpers/static-server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { offerings: { type: 'string', default: '5000' }, runs: { type: 'string', default: '3' }, dist: { type: 'string' } } });
const QUERIES = ['backup', 'encryption keys', 'monitor', 'acess'];

const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-answer-'));
let dist = values.dist;
if (!dist) {
  const { generateContent } = await import(pathToFileURL(path.join(repo, 'lib-tools', 'tools', 'synthetic', 'generate.js')).href);
  const content = path.join(tmp, 'content');
  dist = path.join(tmp, 'dist');
  await generateContent(content, { offerings: Number(values.offerings), seed: 1 });
  console.error(`search-answer: building ${values.offerings} offerings`);
  execFileSync(process.execPath, [path.join(repo, 'bin', 'respmatrix.js'), 'build', '--quiet', '--content', content, '--out', dist], { cwd: repo, stdio: 'inherit' });
}

const server = await serveStatic(dist);
const { origin } = server;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const query of QUERIES) {
    const answers = [];
    let files = 0;
    for (let run = 0; run < Number(values.runs); run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      const box = page.locator('form[data-search-box] input[name="q"]');
      await box.focus();
      // The manifest loads on focus; the query's parts load after the input event.
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/search/index.json')));
      await page.evaluate(() => {
        document.querySelector('form[data-search-box] input[name="q"]').addEventListener('input', (event) => (window.__inputAt = event.timeStamp), { capture: true });
      });
      await box.fill(query);
      await page.waitForFunction(() => document.querySelector('form[data-search-box]')?.dataset.searchMs !== undefined, undefined, { timeout: 60_000 });
      const timing = await page.evaluate(() => {
        const searchFiles = performance.getEntriesByType('resource').filter((e) => e.name.includes('/search/') && e.startTime >= window.__inputAt);
        const done = window.__inputAt + Number(document.querySelector('form[data-search-box]').dataset.searchMs);
        return { lastPart: Math.max(window.__inputAt, ...searchFiles.map((e) => e.responseEnd)), done, files: searchFiles.length };
      });
      answers.push(timing.done - timing.lastPart);
      files = timing.files;
      await context.close();
    }
    rows.push({ query, files, median: median(answers), max: Math.max(...answers) });
  }
} finally {
  await browser.close();
  await server.close();
  await rm(tmp, { recursive: true, force: true });
}

console.log(`search answer in Chromium after the last part arrived (ms; target <= 100), ${values.dist ?? `${values.offerings} offerings`}, ${values.runs} fresh contexts per query, ${os.cpus().length} CPUs`);
console.log('query                parts after typing   median   max');
for (const r of rows) console.log(`${r.query.padEnd(20)} ${String(r.files).padStart(19)} ${r.median.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(5)}`);
