/** `respmatrix check`: load the content, print every diagnostic, exit 1 when any is an error. */
import { hasErrors } from '../../diagnostics.js';
import { FORMATS, formatDiagnostics, relocate, type Format } from '../format.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import type { CommandOptions, OptionValues } from '../main.js';
import { CONTENT_OPTION, contentDirectory, stringOption } from './common.js';

export const usage = `Usage: respmatrix check [--content DIR] [--format text|json|github]

Checks the content folder and prints every problem with its file, line and column.

Options:
  -c, --content DIR   content folder (default: ./content)
  -f, --format FMT    text (default), json (an array of {file, line, column, severity,
                      rule, message}) or github (workflow annotations)
  -h, --help          show this help

Exit codes: 0 no errors (warnings allowed), 1 content errors, 2 usage or internal failure.
`;

export const options = {
  ...CONTENT_OPTION,
  format: { type: 'string', short: 'f', default: 'text' },
  // Later: 'anchors-baseline': { type: 'string' } -> compare the built anchors with a previous anchors.json.
} satisfies CommandOptions;

export async function run(values: OptionValues, io: CliIO): Promise<number> {
  const format = stringOption(values, 'format', 'text');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
  }
  const contentDir = await contentDirectory(values, io);
  const { loadSite } = await import('../../model/load-site.js');
  const { diagnostics } = await loadSite(contentDir);
  io.stdout(formatDiagnostics(relocate(diagnostics, contentDir, io.cwd), format as Format));
  return hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
}
