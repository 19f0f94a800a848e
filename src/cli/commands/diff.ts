/**
 * `respmatrix diff OLD_MODEL NEW_MODEL [--format text|markdown]`: what changed in
 * responsibilities between two model.json files. Exit 0 whatever changed.
 */
import path from 'node:path';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { stringOption, type CommandOptions, type OptionValues } from './common.js';

export const usage = `Usage: respmatrix diff OLD_MODEL NEW_MODEL [--format text|markdown]

Prints what changed in responsibilities between two model.json files (every build writes
one): per offering, rows added, removed, moved and changed, with the words that changed in
each party's text.

Options:
  -f, --format FMT    text (default) or markdown (for a pull-request comment)
  -h, --help          show this help

Exit codes: 0 report printed (whatever changed), 2 usage error or a file that is not a model.
`;

export const positionals = true;

export const options = {
  format: { type: 'string', short: 'f', default: 'text' },
} satisfies CommandOptions;

export async function run(values: OptionValues, io: CliIO, args: string[]): Promise<number> {
  const format = stringOption(values, 'format', 'text');
  if (format !== 'text' && format !== 'markdown') throw new UsageError(`unknown format "${format}" (use text, markdown)`);
  if (args.length !== 2) throw new UsageError('diff takes two files: OLD_MODEL NEW_MODEL');
  const { diffModelFiles } = await import('../../changes/read-model.js');
  const { reportMarkdown, reportText } = await import('../../changes/format.js');
  const [before, after] = args as [string, string];
  const result = await diffModelFiles(path.resolve(io.cwd, before), path.resolve(io.cwd, after));
  if ('problem' in result) throw new UsageError(`${args[result.index]}: ${result.problem}`);
  const { report } = result;
  io.stdout(format === 'markdown' ? reportMarkdown(report) : reportText(report));
  return EXIT.ok;
}
