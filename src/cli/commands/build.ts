/**
 * `respmatrix build`: load the content; on errors print them and leave --out untouched;
 * otherwise write the site atomically (buildSite swaps the new folder in only when complete).
 */
import path from 'node:path';
import { hasErrors } from '../../diagnostics.js';
import { formatText, relocate } from '../format.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import type { Site } from '../../model/types.js';
import type { BuildTimings } from '../../build/build-site.js';
import { createProgress } from '../progress.js';
import { outDirProblem } from '../../build/out-dir.js';
import { baseOption, CONTENT_OPTION, contentDirectory, stringOption, type CommandOptions, type OptionValues } from './common.js';

export const usage = `Usage: respmatrix build [--content DIR] [--out DIR] [--base /path/] [--baseline-model FILE] [--quiet] [--timings]

Builds the site from the content folder. Problems are printed like "respmatrix check";
with any error nothing is written and the previous output stays as it was.

Options:
  -c, --content DIR   content folder (default: ./content)
  -o, --out DIR       output folder (default: ./dist)
  -b, --base PATH     public base path of the site (default: /), e.g. /respmatrix/
  --baseline-model FILE
                      the previously published model.json: adds a "What changed" page
  -q, --quiet         print only problems (no progress, no result line)
  --timings           print the time of each stage (parse, assets, render, write, links, swap) on stderr
  -h, --help          show this help

Exit codes: 0 built (warnings allowed), 1 content errors, 2 usage or internal failure.
`;

export const options = {
  ...CONTENT_OPTION,
  out: { type: 'string', short: 'o', default: 'dist' },
  base: { type: 'string', short: 'b', default: '/' },
  'baseline-model': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  timings: { type: 'boolean', default: false },
} satisfies CommandOptions;

export async function run(values: OptionValues, io: CliIO): Promise<number> {
  const base = baseOption(values);
  const contentDir = await contentDirectory(values, io);
  const outDir = path.resolve(io.cwd, stringOption(values, 'out', 'dist'));
  const outProblem = await outDirProblem(outDir, contentDir, io.cwd);
  if (outProblem) throw new UsageError(outProblem);
  const started = performance.now();
  const quiet = values['quiet'] === true;
  const baseline = await readBaseline(values, io);
  const progress = createProgress(io, { quiet, stream: process.stderr });
  const { loadSite } = await import('../../build/load-site.js');
  const { site, diagnostics } = await loadSite(contentDir, {
    onProgress: (done, total) => progress.update('Parsing sources', done, total),
  });
  progress.end();
  const parsed = performance.now();
  const { summariseUnaligned } = await import('../../model/align.js');
  if (diagnostics.length > 0) io.stderr(formatText(relocate(summariseUnaligned(diagnostics), contentDir, io.cwd)));
  if (!site || hasErrors(diagnostics)) {
    io.stderr(`Not built: fix the errors above; ${path.relative(io.cwd, outDir) || '.'} was left as it was.\n`);
    return EXIT.contentErrors;
  }
  const { buildSite } = await import('../../build/build-site.js');
  const { LinkCheckError } = await import('../../links/link-check.js');
  try {
    const changes = baseline ? (await import('../../changes/diff.js')).diffModels(baseline, site) : undefined;
    progress.update('Rendering pages and bundling assets');
    const result = await buildSite(site, { outDir, base, contentDir, ...(changes ? { changes } : {}) }).finally(() => progress.end());
    if (values['timings'] === true) io.stderr(formatTimings(parsed - started, result.timings, result.assetsCached));
  } catch (error) {
    // Broken internal links in the output are content errors, reported like any other.
    if (!(error instanceof LinkCheckError)) throw error;
    io.stderr(formatText(relocate(error.diagnostics, contentDir, io.cwd)));
    io.stderr(`Not built: fix the errors above; ${path.relative(io.cwd, outDir) || '.'} was left as it was.\n`);
    return EXIT.contentErrors;
  }
  const rows = site.offerings.reduce((n, o) => n + o.sections.reduce((m, s) => m + s.rows.length, 0), 0);
  const ms = Math.round(performance.now() - started);
  if (quiet) return EXIT.ok;
  io.stdout(
    `Built ${site.offerings.length} offerings (${rows} rows) into ${path.relative(io.cwd, outDir) || '.'} in ${ms} ms\n`,
  );
  return EXIT.ok;
}

/** One line of stage times: the content pipeline (everything but the asset build) and the asset build apart. */
function formatTimings(parse: number, timings: BuildTimings, assetsCached: boolean): string {
  const { assets, ...rest } = timings;
  const pipeline = parse + Object.values(rest).reduce((sum, ms) => sum + ms, 0);
  const stages = Object.entries(rest).map(([name, ms]) => `${name} ${Math.round(ms)}`).join(', ');
  return `Timings (ms): content pipeline ${Math.round(pipeline)} (parse ${Math.round(parse)}, ${stages}); assets ${Math.round(assets)}${assetsCached ? ' (cached)' : ''}\n`;
}

/** The model named by --baseline-model; a missing or invalid file is a usage error. */
async function readBaseline(values: OptionValues, io: CliIO): Promise<Site | undefined> {
  const file = values['baseline-model'];
  if (typeof file !== 'string') return undefined;
  const { readModel } = await import('../../changes/read-model.js');
  const model = await readModel(path.resolve(io.cwd, file));
  if (typeof model === 'string') throw new UsageError(`--baseline-model ${file}: ${model}`);
  return model;
}
