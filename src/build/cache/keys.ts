/**
 * Cache keys for parsed sources: a hash of everything the parse of one source depends on:
 * its path and bytes, the keywords it uses (with the keywords those refer to), the link base
 * and the code fingerprint. Editing one source or one keyword changes only the keys of the
 * sources that use it.
 */
import { createHash } from 'node:crypto';
import type { Keywords } from '../../config/types.js';

/** Bump when the shape of a cache entry changes. */
export const CACHE_FORMAT = 1;

const KEYREF = /\{\{\s*site\.data\.keyword\.([\w.-]+)\s*\}\}/g;
/** Content references and file includes read other files: such sources are not cached. */
const OTHER_TEMPLATE = /\{\{(?!\s*site\.data\.keyword\.)/;

export interface KeyInput {
  /** Path relative to the content folder. */
  path: string;
  text: string;
  keywords: Keywords;
  linkBase?: string;
  code: string;
}

/** The entry's key, or undefined when the source depends on files the key cannot cover. */
export function sourceKey(input: KeyInput): string | undefined {
  if (OTHER_TEMPLATE.test(input.text)) return undefined;
  const used = usedKeywords(input.text, input.keywords);
  const hash = createHash('sha256');
  hash.update(JSON.stringify([CACHE_FORMAT, input.code, input.path, input.linkBase ?? null, used]));
  hash.update('\0');
  hash.update(input.text);
  return hash.digest('hex');
}

/** The key of a parsed keywords.yaml: its text and the code that parses it. */
export function keywordsKey(text: string, code: string): string {
  return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, 'keywords.yaml', code])).update('\0').update(text).digest('hex');
}

/** Keyword entries the text refers to, following keyrefs inside keyword values; sorted. */
function usedKeywords(text: string, keywords: Keywords): [string, string | null][] {
  const seen = new Map<string, string | null>();
  const pending = [text];
  while (pending.length > 0) {
    const chunk = pending.pop() as string;
    for (const m of chunk.matchAll(KEYREF)) {
      const name = m[1] as string;
      if (seen.has(name)) continue;
      const value = keywords.get(name);
      seen.set(name, value ?? null);
      if (value && value.includes('{{')) pending.push(value);
    }
  }
  return [...seen].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
