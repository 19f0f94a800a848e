// The shipped site: build stages with every cache off (the content pipeline and the asset
// build apart), and the compressed weight of each page type before search is loaded.
// (`npm run bench` also times the whole `build` process: "build: shipped site".)
//   node bench/site.mjs [--runs N] [--json]        (after `npm run compile`)
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { median } from './helpers/measure.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const probe = path.join(repo, 'bench', 'helpers', 'site-build-probe.mjs');

/** Build stage timings with every cache off (median of `runs` cold processes), and page weights. */
export async function benchSiteBuild({ contentDir = path.join(repo, 'content'), runs = 5 } = {}) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-bench-site-'));
  try {
    const out = path.join(tmp, 'probe');
    const cold = { ...process.env, RESPMATRIX_CACHE: '0', RESPMATRIX_ASSET_CACHE: '0' };
    const stages = [];
    for (let i = 0; i < runs; i++) {
      const json = execFileSync(process.execPath, [probe, contentDir, out], { cwd: repo, env: cold });
      stages.push(JSON.parse(String(json)));
    }
    const medians = Object.fromEntries(Object.keys(stages[0]).map((k) => [k, median(stages.map((s) => s[k]))]));
    return { runs, stages: medians, pages: await pageWeights(out) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

/**
 * One page of each type: its HTML plus the CSS and JS it loads up front (stylesheets, module
 * scripts and their preloads), gzip-compressed. Lazily loaded search code and index excluded.
 */
async function pageWeights(dist) {
  const offering = (await readdir(path.join(dist, 'offerings')))[0];
  const area = (await readdir(path.join(dist, 'areas')))[0];
  const checklist = (await readdir(path.join(dist, 'checklist'), { withFileTypes: true })).find((e) => e.isDirectory())?.name;
  const pair = (await readdir(path.join(dist, 'compare'), { withFileTypes: true })).find((e) => e.isDirectory())?.name;
  const types = {
    home: 'index.html',
    offering: `offerings/${offering}/index.html`,
    area: `areas/${area}/index.html`,
    compare: 'compare/index.html',
    'compare pair': `compare/${pair}/index.html`,
    checklist: `checklist/${checklist}/index.html`,
    search: 'search/index.html',
    'not found': '404.html',
  };
  const rows = [];
  for (const [type, file] of Object.entries(types)) {
    const html = await readFile(path.join(dist, file));
    const refs = [...String(html).matchAll(/<(?:link|script)\b[^>]*?(?:href|src)="([^"]+\.(?:css|js))"/g)].map((m) => m[1]);
    let assets = 0;
    for (const ref of new Set(refs)) assets += gz(await readFile(path.join(dist, ref.replace(/^\//, ''))));
    rows.push({ type, file, htmlBytes: html.length, htmlGzip: gz(html), assetsGzip: assets, totalGzip: gz(html) + assets });
  }
  return rows;
}

export function formatSiteBench(r) {
  const kb = (n) => (n / 1024).toFixed(1);
  const lines = [
    `shipped site, build stages with caches off (median of ${r.runs} processes, ms): ${Object.entries(r.stages).map(([k, v]) => `${k === 'content' ? 'load+parse' : k === 'assets' ? 'asset build (Vite)' : k} ${v.toFixed(0)}`).join(', ')}`,
    '',
    'page type       HTML KB  HTML gzip KB  CSS+JS gzip KB  total gzip KB (before search loads)',
  ];
  for (const p of r.pages) {
    lines.push(`${p.type.padEnd(14)} ${kb(p.htmlBytes).padStart(8)} ${kb(p.htmlGzip).padStart(13)} ${kb(p.assetsGzip).padStart(15)} ${kb(p.totalGzip).padStart(14)}`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
  const result = await benchSiteBuild({ runs: Number(values.runs) });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatSiteBench(result));
}
