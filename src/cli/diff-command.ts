/**
 * `respmatrix diff OLD_MODEL NEW_MODEL [--format text|markdown]`: prints what changed in
 * responsibilities between two model.json files. Exit 0 whatever changed; 2 for bad usage or
 * a file that is not a respmatrix model.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { diffModels } from '../model/diff.js';
import { formatMarkdown, formatText } from '../model/diff-format.js';
import type { Site } from '../model/types.js';

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const DIFF_USAGE = 'usage: respmatrix diff OLD_MODEL NEW_MODEL [--format text|markdown]\n';

export async function runDiff(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${DIFF_USAGE}`);
    return 2;
  }
  const [oldPath, newPath, ...extra] = parsed.positionals;
  const format = parsed.values.format;
  if (!oldPath || !newPath || extra.length > 0 || (format !== 'text' && format !== 'markdown')) {
    io.stderr(DIFF_USAGE);
    return 2;
  }
  const models: Site[] = [];
  for (const file of [oldPath, newPath]) {
    const model = await readModel(file);
    if (typeof model === 'string') {
      io.stderr(`${file}: ${model}\n`);
      return 2;
    }
    models.push(model);
  }
  const report = diffModels(models[0] as Site, models[1] as Site);
  io.stdout(format === 'markdown' ? formatMarkdown(report) : formatText(report));
  return 0;
}

/** The model in `file`, or why it is not one. */
export async function readModel(file: string): Promise<Site | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  return isModel(data) ? data : 'not a respmatrix model.json (expected offerings with sections and rows)';
}

function isModel(data: unknown): data is Site {
  if (!isObject(data) || !Array.isArray(data['offerings']) || !Array.isArray(data['areas'])) return false;
  if (!isObject(data['parties'])) return false;
  return data['offerings'].every(
    (o) =>
      isObject(o) &&
      typeof o['id'] === 'string' &&
      Array.isArray(o['sections']) &&
      o['sections'].every(
        (s) =>
          isObject(s) &&
          typeof s['areaId'] === 'string' &&
          Array.isArray(s['rows']) &&
          s['rows'].every(
            (r) =>
              isObject(r) &&
              typeof r['anchor'] === 'string' &&
              typeof r['taskId'] === 'string' &&
              isObject(r['provider']) &&
              isObject(r['customer']) &&
              typeof r['provider']['text'] === 'string' &&
              typeof r['customer']['text'] === 'string',
          ),
      ),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
