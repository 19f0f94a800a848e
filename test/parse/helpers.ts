import { VFile } from 'vfile';
import { parseMarkdownSource } from '../../src/parse/markdown/index.js';
import type { ParseContext } from '../../src/parse/context.js';
import type { ParsedSource } from '../../src/parse/types.js';

export const KEYWORDS = new Map([
  ['IBM_notm', 'IBM'],
  ['cloud_notm', 'IBM Cloud'],
  ['keymanagementserviceshort', 'Key Protect'],
]);

export function ctx(extra: Partial<ParseContext> = {}): ParseContext {
  return { keywords: KEYWORDS, linkBase: 'https://cloud.ibm.com', ...extra };
}

export interface Parsed {
  parsed: ParsedSource;
  file: VFile;
  messages: string[];
}

/** Parse Markdown; messages as `line:column rule`. */
export function parse(markdown: string, context: ParseContext = ctx()): Parsed {
  const file = new VFile({ path: 'sources/test.md', value: markdown });
  const parsed = parseMarkdownSource(file, context);
  return { parsed, file, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

export const HEAD = '| Task | IBM responsibilities | Your responsibilities |\n|---|---|---|\n';
