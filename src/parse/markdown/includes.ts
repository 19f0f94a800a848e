/**
 * `{{site.data.content.NAME}}` content references and `{{../path.md}}` file includes,
 * resolved from the content folder. Reads are cached per path and never leave the folder:
 * an include whose path climbs out, or that is a symbolic link to a file outside, is unsafe.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { confine, unsafePathMessage } from '../../config/confine.js';

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

/** What an include stands for: its text, or why it is refused; undefined when it does not exist. */
export type IncludeResult = { text: string } | { unsafe: string } | undefined;

/**
 * The Markdown text an include stands for, refused when it leads outside the content folder.
 * `target` is `site.data.content.NAME` or a `.md` path relative to the including file (or,
 * failing that, to the content folder).
 */
export function resolveInclude(target: string, fromFile: string, contentDir: string | undefined): IncludeResult {
  if (!contentDir) return undefined;
  const root = path.resolve(contentDir);
  const candidates: string[] = [];
  if (target.startsWith('site.data.content.')) {
    const name = target.slice('site.data.content.'.length);
    if (!/^[\w.-]+$/.test(name)) return undefined;
    for (const dir of ['content', '_content', 'includes', '_include-segments', '.']) {
      candidates.push(path.join(dir, `${name}.md`));
    }
  } else {
    candidates.push(path.join(path.dirname(fromFile), target), target);
  }
  let climbedOut: ReturnType<typeof confine> | undefined;
  for (const candidate of candidates) {
    const where = confine(root, candidate);
    if (where.kind === 'missing') continue;
    if (where.kind === 'outside' && !where.link) {
      climbedOut ??= where;
      continue;
    }
    // A link out is refused even when another candidate might exist: it is what the author wrote.
    if (where.kind === 'outside') return { unsafe: unsafePathMessage(where, `Include "${target}": `) };
    const text = readOnce(where.real);
    if (text !== undefined) return { text: stripFrontMatter(text) };
  }
  // Only `..` paths that leave the folder, and nothing inside matched: refused, not "missing".
  if (climbedOut?.kind === 'outside' && candidates.every((c) => confine(root, c).kind === 'outside')) {
    return { unsafe: `Include ${unsafePathMessage({ ...climbedOut, via: target })}` };
  }
  return undefined;
}
