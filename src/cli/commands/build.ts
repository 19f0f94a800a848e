/**
 * `respmatrix build`: its options, what it prints and its exit code. The build itself is one
 * stage (src/build/build-content.ts): on content errors nothing is written and --out stays as it
 * was; otherwise the site is swapped in only when complete.
 */
import path from 'node:path';
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
  --timings           print the time of each stage (parse, assets, render, write, links, swap) on stderr,
                      and how many pages were taken unrendered from the previous output
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
  const { buildContent } = await import('../../build/build-content.js');
  const result = await buildContent(contentDir, {
    outDir,
    base,
    ...(io.processEnds ? { processEnds: true } : {}),
    ...(baseline ? { baseline } : {}),
    onEvent: (event) => {
      if (event.type === 'parsing') return progress.update('Parsing sources', event.done, event.total);
      if (event.type === 'rendering') return progress.update('Rendering pages and bundling assets');
      progress.end();
      io.stderr(formatText(relocate(event.diagnostics, contentDir, io.cwd)));
    },
  }).finally(() => progress.end());
  if (!result.built) {
    io.stderr(`Not built: fix the errors above; ${path.relative(io.cwd, outDir) || '.'} was left as it was.\n`);
    return EXIT.contentErrors;
  }
  if (values['timings'] === true) io.stderr(formatTimings(result.parse, result.timings, result.assetsCached, result.counts.reused));
  const ms = Math.round(performance.now() - started);
  if (quiet) return EXIT.ok;
  io.stdout(
    `Built ${result.site.offerings.length} offerings (${result.rows} rows) into ${path.relative(io.cwd, outDir) || '.'} in ${ms} ms` +
      ` (${result.counts.written} files written, ${result.counts.linked} unchanged)\n`,
  );
  return EXIT.ok;
}

/** One line of stage times: the content pipeline (everything but the asset build) and the asset build apart. */
function formatTimings(parse: number, timings: BuildTimings, assetsCached: boolean, reused: number): string {
  const { assets, ...rest } = timings;
  const pipeline = parse + Object.values(rest).reduce((sum, ms) => sum + ms, 0);
  const stages = Object.entries(rest).map(([name, ms]) => `${name} ${Math.round(ms)}`).join(', ');
  return (
    `Timings (ms): content pipeline ${Math.round(pipeline)} (parse ${Math.round(parse)}, ${stages}); ` +
    `assets ${Math.round(assets)}${assetsCached ? ' (cached)' : ''}; ${reused} pages reused unrendered\n`
  );
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
