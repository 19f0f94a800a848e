/**
 * `{{site.data.content.NAME}}` content references and `{{../path.md}}` file includes,
 * resolved from the content folder. Reads are cached per path and never leave the folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string | undefined>();

function readOnce(file: string): string | undefined {
  if (!cache.has(file)) {
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    cache.set(file, text);
  }
  return cache.get(file);
}

/** Forget cached includes (the dev server calls this when content changes). */
export function clearIncludeCache(): void {
  cache.clear();
}

function stripFrontMatter(text: string): string {
  const m = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return (m ? text.slice(m[0].length) : text).trim();
}

/**
 * The Markdown text an include stands for, or undefined when it cannot be found.
 * `target` is `site.data.content.NAME` or a `.md` path relative to the including file.
 */
export function resolveInclude(target: string, fromFile: string, contentDir: string | undefined): string | undefined {
  if (!contentDir) return undefined;
  const root = path.resolve(contentDir);
  const candidates: string[] = [];
  if (target.startsWith('site.data.content.')) {
    const name = target.slice('site.data.content.'.length);
    if (!/^[\w.-]+$/.test(name)) return undefined;
    for (const dir of ['content', '_content', 'includes', '_include-segments', '.']) {
      candidates.push(path.join(root, dir, `${name}.md`));
    }
  } else {
    candidates.push(path.resolve(root, path.dirname(fromFile), target), path.resolve(root, target));
  }
  for (const file of candidates) {
    if (file !== root && !file.startsWith(root + path.sep)) continue;
    const text = readOnce(file);
    if (text !== undefined) return stripFrontMatter(text);
  }
  return undefined;
}
