// Content folders for benchmarks, written to a temporary folder.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const KEYREF = /\{\{\s*site\.data\.keyword\.([\w.-]+)\s*\}\}/g;

/**
 * Every page of ../shared/corpus (relative to the repository) as sources of one content folder,
 * with a keywords.yaml covering every keyref they use and a minimal site.yaml.
 */
export async function corpusContent(repo, dir) {
  const corpus = path.resolve(repo, '..', 'shared', 'corpus');
  const sources = path.join(dir, 'sources');
  await mkdir(sources, { recursive: true });
  const names = new Set();
  const files = [];
  for (const sub of (await readdir(corpus, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    for (const name of (await readdir(path.join(corpus, sub.name))).filter((n) => n.endsWith('.md')).sort()) {
      const target = names.has(name) ? `${sub.name}__${name}` : name;
      names.add(target);
      files.push(target);
      await copyFile(path.join(corpus, sub.name, name), path.join(sources, target));
    }
  }
  const keywords = new Set();
  for (const name of files) {
    for (const m of (await readFile(path.join(sources, name), 'utf8')).matchAll(KEYREF)) keywords.add(m[1]);
  }
  await writeFile(path.join(dir, 'site.yaml'), 'title: IBM Cloud responsibilities corpus\nlinkBase: https://cloud.ibm.com\n');
  await writeFile(path.join(dir, 'keywords.yaml'), keywordsYaml(keywords));
  return { sources: files.length, keywords: keywords.size };
}

export function keywordsYaml(names) {
  return [...names]
    .sort()
    .map((name) => `${JSON.stringify(name)}: ${JSON.stringify(`Keyword ${name}`)}\n`)
    .join('');
}
