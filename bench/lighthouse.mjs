#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse scores (performance, accessibility, best practices, SEO) of the
// built site's home page, an offering page and /compare/, offline, with Debian's Chromium.
// Usage: node bench/lighthouse.mjs [--cpu N] [--desktop] [--json]
//   --cpu N     CPU slowdown Lighthouse simulates (its default is 4, meant for a fast desktop;
//               on a slow or busy machine the printed benchmark index says to use less)
//   --desktop   Lighthouse's desktop settings instead of a throttled phone
// Lighthouse is large and not a dependency: `npm install --no-save lighthouse`, or point
// LIGHTHOUSE_DIR at a folder whose node_modules has it. It never downloads a browser: it starts
// /usr/bin/chromium (CHROME_PATH overrides) with the flags of the browser tests.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serveStatic } from './helpers/static-server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: { cpu: { type: 'string' }, desktop: { type: 'boolean' }, json: { type: 'boolean' } },
});

/** lighthouse and chrome-launcher from LIGHTHOUSE_DIR or the repository. */
async function load(name) {
  const from = process.env.LIGHTHOUSE_DIR ? path.resolve(process.env.LIGHTHOUSE_DIR, 'package.json') : path.join(repo, 'package.json');
  try {
    return await import(pathToFileURL(createRequire(from).resolve(name)).href);
  } catch {
    console.error(`${name} is not installed: run "npm install --no-save lighthouse" or set LIGHTHOUSE_DIR (see bench/lighthouse.mjs).`);
    process.exit(2);
  }
}
const lighthouse = (await load('lighthouse')).default;
const chromeLauncher = await load('chrome-launcher');

// The shipped content, built by the compiled CLI into a temporary folder.
const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-lighthouse-'));
const dist = path.join(tmp, 'dist');
execFileSync(process.execPath, [path.join(repo, 'bin', 'respmatrix.js'), 'build', '--quiet', '--out', dist], { cwd: repo, stdio: 'inherit' });

const server = await serveStatic(dist);
const { origin } = server;

// The flags of test/e2e/harness.ts.
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const pages = [
  ['home', '/'],
  ['offering', '/offerings/key-protect-standard/'],
  ['compare', '/compare/'],
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const config = options.desktop ? (await load('lighthouse/core/config/desktop-config.js')).default : undefined;
const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories };
if (options.cpu !== undefined) flags.throttling = { ...(config?.settings?.throttling ?? {}), cpuSlowdownMultiplier: Number(options.cpu) };

const results = [];
try {
  for (const [name, url] of pages) {
    const { lhr } = await lighthouse(origin + url, flags, config);
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    // What kept a category below 100: its audits that did not pass (informative ones aside).
    const missed = categories.flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${c}: ${ref.id} ${lhr.audits[ref.id].displayValue ?? ''}`.trim()),
    );
    results.push({ name, url, scores, missed, benchmarkIndex: lhr.environment.benchmarkIndex });
  }
} finally {
  await chrome.kill();
  await server.close();
  await rm(tmp, { recursive: true, force: true });
}

if (options.json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const settings = `${options.desktop ? 'desktop' : 'mobile'}, CPU slowdown ${options.cpu ?? 'default'}`;
  console.log(`Lighthouse ${settings}; machine benchmark index ${results[0]?.benchmarkIndex} (Lighthouse expects about 1000+ for its default slowdown)`);
  console.log(['page', ...categories].map((c) => c.padEnd(15)).join(''));
  for (const r of results) {
    console.log([r.name, ...categories.map((c) => String(r.scores[c]))].map((c) => c.padEnd(15)).join(''));
    for (const line of r.missed) console.log(`    ${line}`);
  }
}
