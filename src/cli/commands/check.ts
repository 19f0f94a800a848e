/** `respmatrix check`: print every diagnostic the check stage (src/build/check-content.ts) finds, exit 1 when any is an error. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors } from '../../diagnostics.js';
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
  const anchorsBaseline = await readAnchorsBaseline(values, io);
  const { checkContent } = await import('../../build/check-content.js');
  const result = await checkContent(contentDir, {
    verbose: values['verbose'] === true,
    oscal: values['oscal'] === true,
    ...(anchorsBaseline ? { anchorsBaseline } : {}),
  });
  if (result.baselineProblem !== undefined) throw new UsageError(result.baselineProblem);
  io.stdout(formatDiagnostics(relocate(result.diagnostics, contentDir, io.cwd), format as Format));
  const line = result.oscalCoverage;
  if (line !== undefined) {
    // json keeps stdout a single JSON document; the line goes to stderr there.
    if (format === 'json') io.stderr(`${line}\n`);
    else io.stdout(format === 'github' ? `::notice title=OSCAL coverage::${line}\n` : `${line}\n`);
  }
  return hasErrors(result.diagnostics) ? EXIT.contentErrors : EXIT.ok;
}

/** `--anchors-baseline FILE`: its text and path; a file that cannot be read is a usage error. */
async function readAnchorsBaseline(values: OptionValues, io: CliIO): Promise<{ text: string; file: string } | undefined> {
  const option = values['anchors-baseline'];
  if (typeof option !== 'string') return undefined;
  const file = path.resolve(io.cwd, option);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`cannot read --anchors-baseline ${option}`);
  });
  return { text, file };
}
