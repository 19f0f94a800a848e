/** The training corpus as one content folder: every page a source, site.yaml with only title and linkBase. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpus, makeContent } from './helpers.js';

const KEYREF = /\{\{\s*site\.data\.keyword\.([\w.-]+)\s*\}\}/g;

/** keywords.yaml covering every keyref of `text` (each one's text is "Keyword NAME"). */
export function keywordsFor(text: string): string {
  const names = new Set([...text.matchAll(KEYREF)].map((m) => m[1] as string));
  return [...names]
    .sort()
    .map((name) => `${JSON.stringify(name)}: ${JSON.stringify(`Keyword ${name}`)}\n`)
    .join('');
}

export function catalogContent(): ReturnType<typeof makeContent> & { pages: number } {
  const files: Record<string, string> = {};
  for (const folder of ['ibm', 'upstream']) {
    for (const name of readdirSync(path.join(corpus, folder)).filter((n) => n.endsWith('.md')).sort()) {
      files[`sources/${name in files ? `${folder}-${name}` : name}`] = readFileSync(path.join(corpus, folder, name), 'utf8');
    }
  }
  const pages = Object.keys(files).length;
  files['site.yaml'] = 'title: IBM Cloud responsibilities\nlinkBase: https://cloud.ibm.com\n';
  files['keywords.yaml'] = keywordsFor(Object.values(files).join('\n'));
  return { ...makeContent(files), pages };
}
