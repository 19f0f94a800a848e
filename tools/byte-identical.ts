/**
 * Shows that a change leaves every output byte-identical: builds the same content with the
 * working tree and with a git revision (checked out in a temporary worktree), then compares
 * every written file. Content: the shipped site, the shipped site under `--base /sub/` with a
 * baseline model, and the training corpus as one site (title and linkBase only), plus the text
 * and JSON reports of `check` on the corpus.
 *
 * Usage: node lib-tools/tools/byte-identical.js <git-revision> [--corpus ../shared/corpus]
 * Exit code 0 when everything is identical, 1 with the differing files listed otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { corpus: { type: 'string', default: path.join(repo, '..', 'shared', 'corpus') } } });
const revision = positionals[0];
if (!revision) {
  console.error('usage: node lib-tools/tools/byte-identical.js <git-revision> [--corpus DIR]');
  process.exit(2);
}

const KEYREF = /\{\{\s*site\.data\.keyword\.([\w.-]+)\s*\}\}/g;

/** The corpus as one content folder, the way a catalog team would drop pages in. */
function writeCorpusContent(folder: string): void {
  const sources = path.join(folder, 'sources');
  mkdirSync(sources, { recursive: true });
  const names = new Set<string>();
  let text = '';
  for (const sub of ['ibm', 'upstream']) {
    for (const name of readdirSync(path.join(values.corpus, sub)).filter((n) => n.endsWith('.md')).sort()) {
      const page = readFileSync(path.join(values.corpus, sub, name), 'utf8');
      const target = names.has(name) ? `${sub}-${name}` : name;
      names.add(target);
      writeFileSync(path.join(sources, target), page);
      text += page;
    }
  }
  writeFileSync(path.join(folder, 'site.yaml'), 'title: IBM Cloud responsibilities\nlinkBase: https://cloud.ibm.com\n');
  const keys = [...new Set([...text.matchAll(KEYREF)].map((m) => m[1] as string))].sort();
  writeFileSync(path.join(folder, 'keywords.yaml'), keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(`Keyword ${k}`)}\n`).join(''));
}

/** Every output of one tree, under `out`. Commands may fail (the corpus has warnings); their output is compared too. */
function outputs(tree: string, out: string, corpus: string, baseline: string): void {
  const env = { ...process.env, RESPMATRIX_CACHE: '0', RESPMATRIX_ASSET_CACHE: '0', RESPMATRIX_TEMPLATE_CACHE: '0' };
  // Diagnostics name files relative to the current folder: the shipped content is run from each
  // tree (`content/...` on both sides), the corpus from its parent folder (`corpus/...`).
  const cli = (args: string[], report?: string, cwd = tree): void => {
    const result = spawnSync(process.execPath, [path.join(tree, 'bin', 'respmatrix.js'), ...args], { cwd, env, encoding: 'utf8' });
    if (report) writeFileSync(path.join(out, report), `exit ${result.status}\n${result.stdout}${result.stderr}`);
  };
  mkdirSync(out, { recursive: true });
  cli(['build', '--quiet', '--content', 'content', '--out', path.join(out, 'shipped')], 'shipped-build.txt');
  cli(['build', '--quiet', '--content', 'content', '--out', path.join(out, 'shipped-base'), '--base', '/sub/', '--baseline-model', baseline], 'shipped-base-build.txt');
  const corpusCwd = path.dirname(corpus);
  const corpusDir = path.basename(corpus);
  cli(['build', '--quiet', '--content', corpusDir, '--out', path.join(out, 'corpus')], 'corpus-build.txt', corpusCwd);
  cli(['check', '--content', corpusDir], 'corpus-check.txt', corpusCwd);
  cli(['check', '--content', corpusDir, '--format', 'json'], 'corpus-check.json', corpusCwd);
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-bytes-'));
try {
  const refTree = path.join(tmp, 'ref');
  execFileSync('git', ['-C', repo, 'worktree', 'add', '--detach', refTree, revision], { stdio: 'ignore' });
  symlinkSync(path.join(repo, 'node_modules'), path.join(refTree, 'node_modules'));
  execFileSync('npm', ['run', '--silent', 'compile'], { cwd: refTree, stdio: 'inherit' });
  const corpus = path.join(tmp, 'corpus');
  writeCorpusContent(corpus);
  // One baseline for both trees: the revision's own model of the shipped content.
  const baseline = path.join(tmp, 'baseline-model.json');
  spawnSync(process.execPath, [path.join(refTree, 'bin', 'respmatrix.js'), 'build', '--quiet', '--content', 'content', '--out', path.join(tmp, 'baseline')], { cwd: refTree });
  writeFileSync(baseline, readFileSync(path.join(tmp, 'baseline', 'model.json')));

  outputs(refTree, path.join(tmp, 'before'), corpus, baseline);
  outputs(repo, path.join(tmp, 'after'), corpus, baseline);
  const before = files(path.join(tmp, 'before'));
  const after = files(path.join(tmp, 'after'));
  const differing = [...new Set([...before, ...after])].filter((file) => {
    try {
      return !readFileSync(path.join(tmp, 'before', file)).equals(readFileSync(path.join(tmp, 'after', file)));
    } catch {
      return true; // only on one side
    }
  });
  if (differing.length === 0) {
    console.log(`byte-identical: ${after.length} files (shipped, shipped --base /sub/ with a baseline model, corpus as one site, check reports) against ${revision}`);
  } else {
    console.log(`${differing.length} of ${after.length} files differ from ${revision}:\n${differing.slice(0, 50).join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  spawnSync('git', ['-C', repo, 'worktree', 'remove', '--force', path.join(tmp, 'ref')]);
  rmSync(tmp, { recursive: true, force: true });
}
