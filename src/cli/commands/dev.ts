/**
 * `respmatrix dev`: live preview. Serves pages rendered from the in-memory model, reloads the
 * browser when content or templates change; content errors are printed and shown in the page.
 */
import path from 'node:path';
import { formatText, relocate } from '../format.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { baseOption, CONTENT_OPTION, contentDirectory, stringOption, type CommandOptions, type OptionValues } from './common.js';

export const usage = `Usage: respmatrix dev [--content DIR] [--port N] [--base /path/]

Serves the site on http://127.0.0.1:PORT/ and reloads the browser when the content or the
templates change. Content errors are printed here and shown over the page, which keeps
showing the last good version.

Options:
  -c, --content DIR   content folder (default: ./content)
  -p, --port N        port (default: 5173)
  -b, --base PATH     public base path (default: /)
  -h, --help          show this help
`;

export const options = {
  ...CONTENT_OPTION,
  port: { type: 'string', short: 'p', default: '5173' },
  base: { type: 'string', short: 'b', default: '/' },
} satisfies CommandOptions;

export async function run(values: OptionValues, io: CliIO): Promise<number> {
  const port = Number(stringOption(values, 'port', '5173'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a number from 0 to 65535');
  const base = baseOption(values);
  const contentDir = await contentDirectory(values, io);
  const { loadSite } = await import('../../build/load-site.js');
  const { startDevServer } = await import('../../dev/server.js');
  const server = await startDevServer({
    contentDir,
    base,
    port,
    load: loadSite,
    log: (event) => {
      const where = event.changed ? `${event.changed}: ` : '';
      if (event.diagnostics.length > 0) io.stderr(formatText(relocate(event.diagnostics, contentDir, io.cwd)));
      if (event.type === 'failed') io.stderr(`${where}content errors; still serving the last good version\n`);
      else io.stdout(`${where}model loaded in ${Math.round(event.ms)} ms\n`);
    },
  });
  io.stdout(`Serving ${path.relative(io.cwd, contentDir) || '.'} at ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return EXIT.ok;
}
