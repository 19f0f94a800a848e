/** Option helpers shared by the commands. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { normaliseBase } from '../../render/url.js';
import { UsageError, type CliIO } from '../io.js';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a module in ./commands/ exports. */
export interface CommandModule {
  usage: string;
  options: CommandOptions;
  /** True for a command that takes positional arguments (`diff OLD NEW`); others reject them. */
  positionals?: boolean;
  run(values: OptionValues, io: CliIO, positionals: string[]): Promise<number>;
}

export const CONTENT_OPTION = { content: { type: 'string', short: 'c', default: 'content' } } as const;

export function stringOption(values: OptionValues, name: string, fallback: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : fallback;
}

/** `--base`: a plain path, normalised to start and end with '/'; a URL is a usage error. */
export function baseOption(values: OptionValues): string {
  const base = stringOption(values, 'base', '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(base) || base.startsWith('//')) {
    throw new UsageError(`--base takes a path such as /docs/, not a URL: ${base}`);
  }
  if (/[\s?#]/.test(base)) throw new UsageError(`--base must be a plain path: ${base}`);
  return normaliseBase(base);
}

/** The content folder must exist; anything wrong inside it is a diagnostic, not a usage error. */
export async function contentDirectory(values: OptionValues, io: CliIO): Promise<string> {
  const dir = path.resolve(io.cwd, stringOption(values, 'content', 'content'));
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`content folder not found: ${path.relative(io.cwd, dir) || '.'}`);
  return dir;
}
