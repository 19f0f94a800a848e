/**
 * No duty lost in silence: on every page of ../shared/corpus (IBM's pages and the shipped
 * sources' upstream pages), every word of every body cell of a responsibility table reaches the
 * parsed model or a diagnostic that quotes it at its line. The tables are read independently
 * of the parser (test/conservation.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseMarkdownSource } from '../src/parse/markdown/index.js';
import { CORPUS, CORPUS_FILES as FILES, keywordsFor } from './corpus-pages.js';
import type { ParsedSource } from '../src/parse/types.js';
import { lostWords, readTables, type ModelTable } from './conservation.js';


export function modelTables(parsed: ParsedSource): ModelTable[] {
  return parsed.tables.map((t) => ({
    line: t.source.line,
    texts: [...t.rows.flatMap((r) => [r.task, r.group ?? '', r.provider.text, r.customer.text]), t.caption ?? ''],
  }));
}

describe.each(FILES)('conservation %s', (name) => {
  it('loses no word of a responsibility table without a diagnostic', () => {
    const text = readFileSync(path.join(CORPUS, name), 'utf8');
    const keywords = keywordsFor(text);
    const file = new VFile({ path: path.basename(name), value: text });
    const parsed = parseMarkdownSource(file, { keywords, linkBase: 'https://cloud.ibm.com' });
    expect(readTables(text, keywords).length).toBeGreaterThan(0);
    const messages = file.messages.map((m) => ({ line: m.line ?? 0, message: m.reason }));
    expect(lostWords(text, keywords, modelTables(parsed), messages)).toEqual([]);
  });
});
