/** The real IBM pages of ../shared/corpus that the corpus tests read, and keywords for them. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');

/** `ibm/<page>.md` and `upstream/<page>.md`, sorted. */
export const CORPUS_FILES = ['ibm', 'upstream'].flatMap((dir) =>
  readdirSync(path.join(CORPUS, dir)).filter((n) => n.endsWith('.md')).sort().map((n) => `${dir}/${n}`),
);

/** Every keyref of `text` resolves to its own name (IBM_notm to IBM). */
export function keywordsFor(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/\{\{site\.data\.keyword\.([A-Za-z0-9_.-]+)\}\}/g)) {
    const name = m[1] as string;
    map.set(name, name === 'IBM_notm' ? 'IBM' : name);
  }
  return map;
}
