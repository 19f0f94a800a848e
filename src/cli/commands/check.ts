/** `respmatrix check`: load the content, print every diagnostic, exit 1 when any is an error. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../diagnostics.js';
import type { Site } from '../../model/types.js';
import { FORMATS, formatDiagnostics, relocate, type Format } from '../format.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { CONTENT_OPTION, contentDirectory, stringOption, type CommandOptions, type OptionValues } from './common.js';

export const usage = `Usage: respmatrix check [--content DIR] [--format text|json|github] [--anchors-baseline FILE] [--oscal] [--verbose]

Checks the content folder and prints every problem with its file, line and column.

Options:
  -c, --content DIR   content folder (default: ./content)
  -f, --format FMT    text (default), json (an array of {file, line, column, severity,
                      rule, message}) or github (workflow annotations)
  --anchors-baseline FILE
                      a previously published anchors.json: every page and fragment it
                      lists must still resolve (directly, by an alias or a redirect)
  --oscal             list rows that map to no NIST SP 800-53 control (info, rule
                      unmapped-control) and print the OSCAL coverage (mapped rows / all)
  --verbose           every unaligned-task warning (without it, several are one summary
                      warning pointing at \`respmatrix tasks --suggest\`)
  -h, --help          show this help

Exit codes: 0 no errors (warnings allowed), 1 content errors, 2 usage or internal failure.
`;

export const options = {
  ...CONTENT_OPTION,
  format: { type: 'string', short: 'f', default: 'text' },
  'anchors-baseline': { type: 'string' },
  oscal: { type: 'boolean' },
  verbose: { type: 'boolean' },
} satisfies CommandOptions;

export async function run(values: OptionValues, io: CliIO): Promise<number> {
  const format = stringOption(values, 'format', 'text');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
  }
  const contentDir = await contentDirectory(values, io);
  const { loadSite } = await import('../../build/load-site.js');
  const loaded = await loadSite(contentDir);
  const oscal = values['oscal'] === true && loaded.site ? await oscalCoverage(loaded.site) : undefined;
  const { summariseUnaligned } = await import('../../model/align.js');
  const own = values['verbose'] === true ? loaded.diagnostics : summariseUnaligned(loaded.diagnostics);
  const diagnostics = sortDiagnostics([
    ...own,
    ...(await linkDiagnostics(loaded.site, values, io)),
    ...(oscal?.diagnostics ?? []),
  ]);
  io.stdout(formatDiagnostics(relocate(diagnostics, contentDir, io.cwd), format as Format));
  if (oscal) {
    // json keeps stdout a single JSON document; the line goes to stderr there.
    if (format === 'json') io.stderr(`${oscal.line}\n`);
    else io.stdout(format === 'github' ? `::notice title=OSCAL coverage::${oscal.line}\n` : `${oscal.line}\n`);
  }
  return hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
}

/** `--oscal`: an info per row mapped to no control, and the coverage line. */
async function oscalCoverage(site: Site): Promise<{ diagnostics: Diagnostic[]; line: string }> {
  const { coverage, coverageLine, rowControls, unmappedDiagnostics } = await import('../../render/outputs/oscal/mapping.js');
  const rows = rowControls(site);
  return { diagnostics: unmappedDiagnostics(rows), line: coverageLine(coverage(rows)) };
}

/** Internal links of the rendered site, and the anchors baseline when one is given. */
async function linkDiagnostics(site: Site | undefined, values: OptionValues, io: CliIO): Promise<Diagnostic[]> {
  const baselineOption = values['anchors-baseline'];
  const baselineFile = typeof baselineOption === 'string' ? path.resolve(io.cwd, baselineOption) : undefined;
  const baselineText = baselineFile
    ? await readFile(baselineFile, 'utf8').catch(() => {
        throw new UsageError(`cannot read --anchors-baseline ${baselineOption as string}`);
      })
    : undefined;
  if (!site) return [];
  const { checkSiteLinks, checkBaseline } = await import('../../build/site-links.js');
  const links = await checkSiteLinks(site);
  if (!baselineFile || baselineText === undefined) return links.diagnostics;
  try {
    return [...links.diagnostics, ...checkBaseline(site, links.manifest, baselineText, baselineFile)];
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
