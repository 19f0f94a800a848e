/**
 * One source file -> its ParsedSource and diagnostics, Markdown or YAML by extension. The same
 * function runs in the main thread and in parse workers, so both give identical results.
 */
import type { VFile } from 'vfile';
import { fromVFile, type Diagnostic } from '../diagnostics.js';
import type { ParseContext } from './context.js';
import { parseMarkdownSource } from './markdown/index.js';
import { hasWideCharacters, hasWideKeywords, oneByteStrings } from './one-byte.js';
import type { ParsedSource } from './types.js';
import { parseYamlSource } from './yaml/source.js';

const YAML = /\.ya?ml$/i;

export interface ParseOutcome {
  parsed: ParsedSource;
  diagnostics: Diagnostic[];
}

export function parseSourceFile(file: VFile, ctx: ParseContext): ParseOutcome {
  const parsed = YAML.test(file.path) ? parseYamlSource(file, ctx) : parseMarkdownSource(file, ctx);
  // Pages print these strings: one byte a character wherever their own characters allow (one-byte.ts).
  if (hasWideCharacters(String(file.value)) || hasWideKeywords(ctx.keywords)) oneByteStrings(parsed);
  return { parsed, diagnostics: fromVFile(file, file.path) };
}
