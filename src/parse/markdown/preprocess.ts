/**
 * First pass over inline Markdown: replaces keyrefs and includes by their text and removes
 * inline attribute lists (remembering where, so `[x](url){: external}` can mark its link).
 * Offsets of the result map back to the source for exact message positions.
 */
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import { parseAttributeList, type AttributeList } from './attribute-list.js';
import type { ParseContext } from '../context.js';
import { resolveInclude } from './includes.js';
import { locator, Rewriter } from './offsets.js';
import { originOf } from './urls.js';

export interface Preprocessed {
  text: string;
  toSource: (outOffset: number) => number;
  /** Inline attribute lists that were removed, keyed by the output offset they stood at. */
  inlineAttributes: { at: number; list: AttributeList }[];
}

export interface PreprocessOptions {
  /** Report unknown keyrefs here (false when a whole-file pass already did). */
  reportKeyrefs: boolean;
  depth?: number;
}

const KEYWORD = 'site.data.keyword.';
export const ADL_NAME = 'attribute-definition-list';
/** What Markdown or HTML would interpret; `_` only at a word edge (intraword it is text). */
const SPECIAL = /[\\`*<>&[\]~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
const HAS_SPECIAL = /[\\`*<>&[\]~_]/;

/**
 * Keyword values are plain text. Characters Markdown or HTML would interpret become numeric
 * character references, which both Markdown (text, link destinations) and raw HTML decode.
 */
function escapeMarkdown(value: string): string {
  return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`) : value;
}

const NESTED = /\{\{\s*site\.data\.keyword\.([A-Za-z0-9_.-]+)\s*\}\}/g;

/** A keyword's text, with keyrefs inside keyword values resolved too (cycles stop at depth 5). */
function keywordValue(name: string, keywords: Map<string, string>, depth: number): string | undefined {
  const value = keywords.get(name);
  if (value === undefined || !value.includes('{{')) return value;
  return value.replace(NESTED, (_, inner: string) => (depth < 5 ? keywordValue(inner, keywords, depth + 1) : undefined) ?? inner);
}

export function isIncludeTarget(inner: string): boolean {
  return inner.startsWith('site.data.content.') || /^[^\s{}]+\.md$/.test(inner);
}

export function preprocess(
  src: string,
  ctx: ParseContext,
  file: VFile,
  place: { line: number; column: number },
  options: PreprocessOptions,
): Preprocessed {
  const inlineAttributes: Preprocessed['inlineAttributes'] = [];
  if (!src.includes('{')) return { text: src, toSource: (o) => o, inlineAttributes };
  const rw = new Rewriter(src);
  const at = locator(src, place);
  const re = /\{\{|\{:|https?:\/\/\{DomainName\}/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    const start = m.index;
    if (m[0].length > 2) {
      // `https://{DomainName}/...` written as text: the host the source was written for (a
      // URL parse, made only here: done for every text it would cost).
      const origin = ctx.linkBase ? originOf(ctx.linkBase) : undefined;
      if (origin) rw.replace(start, start + m[0].length, origin);
      continue;
    }
    if (m[0] === '{:') {
      const list = parseAttributeList(src, start);
      for (const p of list.problems) report(file, 'attribute-syntax', p.message, at(p.offset));
      // Swallow the space before a trailing attribute list.
      let from = start;
      while (from > 0 && (src[from - 1] === ' ' || src[from - 1] === '\t')) from--;
      const outAt = rw.outOffsetAt(from);
      rw.replace(from, list.end, '');
      if (!list.definition) inlineAttributes.push({ at: outAt, list });
      re.lastIndex = Math.max(list.end, start + 2);
      continue;
    }
    const close = /\{\{([^{}\n]*)\}\}/y;
    close.lastIndex = start;
    const c = close.exec(src);
    if (!c) {
      report(file, 'unknown-keyref', 'Unclosed "{{": the keyref or include lacks its "}}"', at(start));
      rw.replace(start, start + 2, '');
      re.lastIndex = start + 2;
      continue;
    }
    const inner = (c[1] ?? '').trim();
    const end = start + c[0].length;
    re.lastIndex = end;
    if (inner.startsWith(KEYWORD)) {
      const name = inner.slice(KEYWORD.length);
      if (name === ADL_NAME) { rw.replace(start, end, ''); continue; }
      const value = keywordValue(name, ctx.keywords, 0);
      if (value === undefined && options.reportKeyrefs) {
        report(file, 'unknown-keyref', `Unknown keyref "${name}" (not in keywords.yaml)`, at(start), 'error');
      }
      rw.replace(start, end, escapeMarkdown(value ?? name));
    } else if (isIncludeTarget(inner)) {
      const included = resolveInclude(inner, file.path || '', ctx.contentDir);
      if (included === undefined || 'unsafe' in included || (options.depth ?? 0) >= 3) {
        if (options.reportKeyrefs) {
          if (included && 'unsafe' in included) report(file, 'unsafe-path', included.unsafe, at(start), 'error');
          else report(file, 'missing-include', `Include "${inner}" not found in the content folder`, at(start));
        }
        rw.replace(start, end, `(missing content: ${escapeMarkdown(inner)})`);
      } else {
        // Included text has no positions of its own: its problems point at the include.
        const nested = preprocess(included.text, ctx, file, at(start), { ...options, depth: (options.depth ?? 0) + 1 });
        rw.replace(start, end, nested.text);
      }
    } else {
      if (options.reportKeyrefs) {
        report(file, 'unknown-keyref', `Unknown template reference "{{${inner}}}"`, at(start), 'error');
      }
      rw.replace(start, end, escapeMarkdown(inner));
    }
  }
  const { text, toSource } = rw.finish();
  return { text, toSource, inlineAttributes };
}
