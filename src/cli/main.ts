/**
 * The `respmatrix` command line: argument parsing, dispatch and exit codes only; the work
 * is done by the modules each command imports (lazily, so `--help` and `check` start fast).
 * Exit codes: 0 clean (warnings allowed), 1 content errors, 2 usage or internal failure.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CommandModule, CommandOptions } from './commands/common.js';
import { EXIT, processIO, UsageError, type CliIO } from './io.js';

/** The commands. Adding one = a module in ./commands/ and one line here. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  build: { summary: 'build the site into --out, atomically', load: () => import('./commands/build.js') },
  check: { summary: 'check the content and report problems', load: () => import('./commands/check.js') },
  diff: { summary: 'what changed in responsibilities between two model.json files', load: () => import('./commands/diff.js') },
  dev: { summary: 'live preview, reload on change', load: () => import('./commands/dev.js') },
  tasks: { summary: 'propose a tasks.yaml that lines up rows across offerings (--suggest)', load: () => import('./commands/tasks.js') },
};

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies CommandOptions;

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function mainUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const commands = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `Usage: respmatrix <command> [options]

Commands:
${commands}

Options:
  -h, --help     show help (also: respmatrix <command> --help)
  -v, --version  print the version

Exit codes: 0 clean (warnings allowed), 1 content errors, 2 usage or internal failure.
`;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`respmatrix: ${(error as Error).message}\nRun "respmatrix --help" for usage.\n`);
      return EXIT.usage;
    }
    const debug = io.env['RESPMATRIX_DEBUG'] === '1';
    const detail = debug && error instanceof Error && error.stack ? error.stack : String((error as Error)?.message ?? error);
    io.stderr(`respmatrix: internal error: ${detail}${debug ? '' : ' (set RESPMATRIX_DEBUG=1 for details)'}\n`);
    return EXIT.usage;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) {
    const { values } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: true });
    if (values.version) {
      io.stdout(`${version()}\n`);
      return EXIT.ok;
    }
    if (values.help) {
      io.stdout(mainUsage());
      return EXIT.ok;
    }
    io.stderr(mainUsage());
    return EXIT.usage;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic && COMMANDS[topic]) io.stdout((await COMMANDS[topic].load()).usage);
    else io.stdout(mainUsage());
    return EXIT.ok;
  }
  const entry = COMMANDS[first];
  if (!entry) throw new UsageError(`unknown command "${first}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  const command = await entry.load();
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...GLOBAL_OPTIONS, ...command.options },
    strict: true,
    allowPositionals: command.positionals === true,
  });
  if (values['help']) {
    io.stdout(command.usage);
    return EXIT.ok;
  }
  if (values['version']) {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  return command.run(values, io, positionals);
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
