#!/usr/bin/env node
/**
 * Rows bench: one offering whose one table has 20,000 and then 100,000 rows, each built cold
 * (cache off) by the real CLI in a child process: wall and CPU time, peak memory, and the ratio
 * of the two, which stays near 5 when the cost is linear in rows (the target: at most 6).
 * Needs the compiled code (`npm run compile`). Usage: node bench/rows.mjs [--rows N]... [--json]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { timed } from './scale.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'respmatrix.js');
export const ROW_SIZES = [20_000, 100_000];

/** A content folder with one source of `rows` rows in one area (cells with code and a link). */
async function bigTable(dir, rows) {
  await mkdir(path.join(dir, 'sources'), { recursive: true });
  await writeFile(path.join(dir, 'site.yaml'), 'title: Rows\nlinkBase: https://cloud.ibm.com\n');
  await writeFile(path.join(dir, 'keywords.yaml'), 'product: Big Service\n');
  const lines = ['---', 'lastupdated: "2024-01-01"', '---', '', '# Your responsibilities with using {{site.data.keyword.product}}', '{: #big}', '',
    '## Incident and operations management', '{: #incident-and-ops}', '', '| Task | IBM responsibilities | Your responsibilities |', '| ---- | ---- | ---- |'];
  for (let i = 0; i < rows; i++) {
    lines.push(`| Task number ${i} | Operate the control plane for case ${i} by using \`tool-${i}\`. | Review the [release notes](/docs/x?topic=y-${i}) for case ${i}. |`);
  }
  lines.push('{: caption="Responsibilities" caption-side="bottom"}', '');
  await writeFile(path.join(dir, 'sources', 'big.md'), lines.join('\n'));
}

export async function benchRows({ sizes = ROW_SIZES, log = () => {} } = {}) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-rows-'));
  const results = [];
  try {
    for (const rows of sizes) {
      const content = path.join(tmp, `content-${rows}`);
      await bigTable(content, rows);
      const build = await timed([bin, 'build', '--content', content, '--out', path.join(tmp, `dist-${rows}`), '--quiet', '--timings'], { RESPMATRIX_CACHE: '0' });
      log(`  ${rows} rows: ${build.wallMs.toFixed(0)} ms`);
      results.push({ rows, ...build });
      await rm(path.join(tmp, `dist-${rows}`), { recursive: true, force: true });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return results;
}

export function formatRows(results) {
  const lines = ['rows on one page (whole-process cold `respmatrix build`)', '     rows   wall ms    CPU ms  peak RSS MB  stages'];
  for (const r of results) {
    const stages = r.stages ? Object.entries(r.stages).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    lines.push(`${String(r.rows).padStart(9)} ${r.wallMs.toFixed(0).padStart(9)} ${r.cpuMs.toFixed(0).padStart(9)} ${r.rssMb.toFixed(0).padStart(12)}  ${stages}`);
  }
  if (results.length > 1) {
    const [a, b] = [results.at(-2), results.at(-1)];
    lines.push(`growth ${a.rows} -> ${b.rows} rows (x${b.rows / a.rows}): wall x${(b.wallMs / a.wallMs).toFixed(2)}, CPU x${(b.cpuMs / a.cpuMs).toFixed(2)}, peak RSS x${(b.rssMb / a.rssMb).toFixed(2)} (target: at most x6)`);
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rows: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } } });
  const sizes = values.rows?.map(Number) ?? ROW_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('--rows takes a positive whole number');
    process.exit(2);
  }
  const results = await benchRows({ sizes, log: (line) => console.error(line) });
  console.log(values.json ? JSON.stringify(results, null, 2) : formatRows(results));
}
