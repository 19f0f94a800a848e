/**
 * One line of inline Markdown -> mdast phrasing nodes, checked on the way: unsafe link URLs
 * are dropped, raw HTML is filtered, images are reduced to their alt text, and inline
 * attribute lists (`{: external}`, `{: term}`, `{: tag-purple}`) qualify the node before them.
 */
import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import type { AttributeList } from './attribute-list.js';
import { filterHtml } from './html-tags.js';
import { isSafeUrl } from './urls.js';

export interface PhrasingHooks {
  file: VFile;
  /** Source position of an offset in the preprocessed text. */
  at: (outOffset: number) => { line: number; column: number };
  inlineAttributes: { at: number; list: AttributeList }[];
  /** False: always run the full parser (the reference the shortcuts are tested against). */
  fast?: boolean;
}

// Built once: the inline syntax of GFM (autolinks, strikethrough) over CommonMark.
// (remark-gfm's dependencies; a whole unified processor per cell is several times slower.)
const options = {
  extensions: [gfmAutolinkLiteral(), gfmStrikethrough()],
  mdastExtensions: [gfmAutolinkLiteralFromMarkdown(), gfmStrikethroughFromMarkdown()],
};

/** Text that Markdown would turn into something else than text (`_` inside a word is text). */
export const MARKUP = /[\\`*[\]<>&~!@]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|https?:|www\./iu;
/** Line starts that would open a block (heading, quote, ordered list, rule, fence, table). */
export const BLOCK_START = /^(?:#|>|\d{1,9}[.)](?:\s|$)|[-_*=]{3}|[-+*](?:\s|$)|`{3}|~{3}|\|)/;
const FOOTNOTE = /\[\^([^\]\s]+)\]/g;

/** Parse `content`, which starts at offset `outStart` of the preprocessed text. */
export function parsePhrasing(content: string, outStart: number, hooks: PhrasingHooks): PhrasingContent[] {
  if (!BLOCK_START.test(content)) {
    if (!MARKUP.test(content)) return [{ type: 'text', value: content }];
    const simple = hooks.fast === false ? undefined : simpleLinks(content) ?? (hooks.inlineAttributes.length === 0 ? linksAndCode(content) : undefined);
    if (simple) {
      const holder: Parents = { type: 'paragraph', children: simple };
      check(holder, hooks, (o) => outStart + (o ?? 0));
      return holder.children as PhrasingContent[];
    }
  }
  // Escape the character that would open a block; offsets after it shift by one.
  const digits = /^\d*/.exec(content)?.[0].length ?? 0;
  const k = BLOCK_START.test(content) ? digits : -1;
  const tree = fromMarkdown(k >= 0 ? `${content.slice(0, k)}\\${content.slice(k)}` : content, options) as Root;
  const offsetOf = (o: number | undefined): number => outStart + ((o ?? 0) > k && k >= 0 ? (o ?? 0) - 1 : (o ?? 0));
  const nodes = flatten(tree);
  const holder: Parents = { type: 'paragraph', children: nodes };
  check(holder, hooks, offsetOf);
  return holder.children as PhrasingContent[];
}

const SIMPLE_LINK = /\[([^[\]\\`*_<>&~!@]*)\]\(([^()\s<>\\&]*)\)/g;
const LINK_OR_CODE = /\[([^[\]\\`*_<>&~!@]*)\]\(([^()\s<>\\&`]*)\)|(?<!`)`((?:[^`\s]| )+)`(?!`)/g;

/**
 * Fast path for the most common cell: plain words with `[text](url)` links and nothing else
 * Markdown would interpret. Gives the same tree as the full parser; undefined otherwise.
 */
export function simpleLinks(content: string): PhrasingContent[] | undefined {
  return content.includes('](') ? linkAndCodeRuns(content, SIMPLE_LINK) : undefined;
}

/**
 * Fast path for the next most common cell: words, `[text](url)` links and single-backtick code
 * spans, nothing else Markdown would interpret between them (the full parser's tree; a code
 * span drops one space at each end when it has both, as CommonMark says). Undefined otherwise.
 */
export function linksAndCode(content: string): PhrasingContent[] | undefined {
  return content.includes('`') ? linkAndCodeRuns(content, LINK_OR_CODE) : undefined;
}

/** The matches of `pattern` (links, and code spans when it has a third group) with plain text between them. */
function linkAndCodeRuns(content: string, pattern: RegExp): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of content.matchAll(pattern)) {
    const before = content.slice(last, m.index);
    if (MARKUP.test(before)) return undefined;
    if (before) out.push({ type: 'text', value: before });
    const end = m.index + m[0].length;
    const position = { start: { line: 1, column: m.index + 1, offset: m.index }, end: { line: 1, column: end + 1, offset: end } };
    const code = m[3];
    if (code !== undefined) {
      const strip = code.startsWith(' ') && code.endsWith(' ') && /[^ ]/.test(code);
      out.push({ type: 'inlineCode', value: strip ? code.slice(1, -1) : code, position });
    } else {
      out.push({ type: 'link', url: m[2] ?? '', title: null, children: m[1] ? [{ type: 'text', value: m[1] }] : [], position });
    }
    last = end;
  }
  const rest = content.slice(last);
  if (last === 0 || MARKUP.test(rest)) return undefined;
  if (rest) out.push({ type: 'text', value: rest });
  return out;
}

/** The phrasing content of whatever blocks the parser made of one line. */
function flatten(node: Nodes): PhrasingContent[] {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'tableCell':
      return node.children;
    case 'html':
      return [node];
    case 'code':
      return [{ type: 'inlineCode', value: node.value, position: node.position }];
    case 'text':
      return [node];
    default:
      if ('children' in node) {
        const out: PhrasingContent[] = [];
        for (const child of node.children) {
          if (out.length > 0) out.push({ type: 'text', value: ' ' });
          out.push(...flatten(child as Nodes));
        }
        return out;
      }
      return 'value' in node ? [{ type: 'text', value: String(node.value) }] : [];
  }
}

function attributesAt(hooks: PhrasingHooks, offset: number): AttributeList | undefined {
  for (const a of hooks.inlineAttributes) if (a.at === offset) return a.list;
  return undefined;
}

function check(parent: Parents, hooks: PhrasingHooks, offsetOf: (o: number | undefined) => number): void {
  const out: Nodes[] = [];
  for (const node of parent.children as Nodes[]) {
    const start = node.position?.start.offset;
    const ial = hooks.inlineAttributes.length > 0 && node.position
      ? attributesAt(hooks, offsetOf(node.position.end.offset))
      : undefined;
    if (node.type === 'link') {
      if (!isSafeUrl(node.url)) {
        report(hooks.file, 'unsafe-url', `Unsafe link URL "${node.url.slice(0, 60)}" dropped`, hooks.at(offsetOf(start)));
        check(node, hooks, offsetOf);
        out.push(...(node.children as Nodes[]));
        continue;
      }
      const words = ial ? [...ial.refs, ...ial.classes] : [];
      if (words.includes('term')) {
        // Glossary links point into IBM's glossary: keep the term, not the link.
        check(node, hooks, offsetOf);
        out.push({ type: 'emphasis', children: node.children, data: { hName: 'span', hProperties: { className: ['term'] } } } as Nodes);
        continue;
      }
      if (words.includes('external')) node.data = { ...node.data, hProperties: { className: ['external'] } };
    } else if (node.type === 'image' || node.type === 'imageReference') {
      report(hooks.file, 'raw-html', 'Images are not shown in responsibility text; using the alt text', hooks.at(offsetOf(start)));
      if (node.alt) out.push({ type: 'text', value: node.alt });
      continue;
    } else if (node.type === 'html') {
      const filtered = filterHtml(node.value);
      for (const p of filtered.problems) report(hooks.file, p.rule, p.message, hooks.at(offsetOf((start ?? 0) + p.offset)));
      node.value = filtered.html;
    } else if (node.type === 'text' && node.value.includes('[^')) {
      out.push(...footnotes(node.value));
      continue;
    }
    const badge = ial && [...ial.refs, ...ial.classes].find((w) => w.startsWith('tag-'));
    if (badge && (node.type === 'strong' || node.type === 'emphasis' || node.type === 'inlineCode' || node.type === 'text')) {
      const children = node.type === 'inlineCode' || node.type === 'text' ? [{ type: 'text', value: node.value }] : node.children;
      out.push({
        type: 'emphasis',
        children,
        data: { hName: 'span', hProperties: { className: ['badge', `badge-${badge.slice(4)}`] } },
      } as Nodes);
      continue;
    }
    if ('children' in node) check(node, hooks, offsetOf);
    out.push(node);
  }
  parent.children = out as typeof parent.children;
}

/** `[^label]` footnote markers become superscript labels. */
function footnotes(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(FOOTNOTE)) {
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) });
    out.push({ type: 'emphasis', children: [{ type: 'text', value: m[1] ?? '' }], data: { hName: 'sup' } });
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}
