/**
 * `respmatrix tasks --suggest`: print a proposed tasks.yaml (the configured tasks, then clusters
 * of task names that mean the same thing across offerings of an area).
 */
import { formatText, relocate } from '../format.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { CONTENT_OPTION, contentDirectory, type CommandOptions, type OptionValues } from './common.js';

export const usage = `Usage: respmatrix tasks --suggest [--content DIR]

Prints a proposed tasks.yaml on standard output: the tasks already configured, then one task
per group of rows whose names mean the same thing in different offerings of an area (with an
id, the area and every name as an alias). Review it, then save it as content/tasks.yaml:

  respmatrix tasks --suggest > proposal.yaml

Options:
  -c, --content DIR   content folder (default: ./content)
  --suggest           print the proposal (the only action for now)
  -h, --help          show this help

Exit codes: 0 proposal printed, 1 content errors, 2 usage or internal failure.
`;

export const options = {
  ...CONTENT_OPTION,
  suggest: { type: 'boolean' },
} satisfies CommandOptions;

export async function run(values: OptionValues, io: CliIO): Promise<number> {
  if (values['suggest'] !== true) throw new UsageError('tasks needs --suggest');
  const contentDir = await contentDirectory(values, io);
  const { suggestTasksFor } = await import('../../build/suggest-tasks.js');
  const proposal = await suggestTasksFor(contentDir);
  if ('errors' in proposal) {
    io.stderr(formatText(relocate(proposal.errors, contentDir, io.cwd)));
    return EXIT.contentErrors;
  }
  io.stdout(proposal.yaml);
  return EXIT.ok;
}
