/**
 * Inline Markdown -> Rich (sanitised HTML + plain text). Used for table cells, headings,
 * intros and summaries of Markdown sources, and for every text of YAML sources, so both
 * kinds of source render the same way. Literal `\n` is a line break and `- a \n - b` a list.
 */
import type { Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { VFile } from 'vfile';
import type { Rich } from '../types.js';
import type { ParseContext } from '../context.js';
import { oneByteStrings } from '../one-byte.js';
import { locator } from './offsets.js';
import { preprocess, type Preprocessed } from './preprocess.js';
import { collapse, collapseRuns } from '../../shared/plain-text.js';
import { finishTree, plainText } from './sanitize.js';
import { quickHast } from './to-hast.js';
import { BLOCK_START, linksAndCode, MARKUP, parsePhrasing, simpleLinks, type PhrasingHooks } from './phrasing.js';
import { isSafeUrl, normalizedUrl, rewriteUrl } from './urls.js';

export interface InlineOptions {
  /** Report unknown keyrefs (false when a whole-file pass already reported them). */
  reportKeyrefs?: boolean;
  /** Treat `N/A`, `None`, `-` ... as "no duty listed" (cells); default true. */
  placeholders?: boolean;
  /**
   * Take the shortcuts for plain cells, cells of links and code spans, and the small mdast → hast converter;
   * default true. False runs the full path, which the shortcuts must equal (a property test
   * compares them).
   */
  fastPaths?: boolean;
}

export const EMPTY_RICH: Readonly<Rich> = Object.freeze({ text: '', html: '' });

const PLACEHOLDER = /^(?:n\/?a|none|\(none\)|not applicable|\?|-+|–|—)\.?$/i;
const BREAK = /\\n|\r?\n/g;
const BULLET = /^([-*+•])[ \t]+/;

/** Render inline Markdown found at `place` in `file`; problems are reported on `file`. */
export function renderInline(
  markdown: string,
  ctx: ParseContext,
  file: VFile,
  place: { line: number; column: number },
): Rich {
  return renderInlineWith(markdown, ctx, file, place, {});
}

export function renderInlineWith(
  markdown: string,
  ctx: ParseContext,
  file: VFile,
  place: { line: number; column: number },
  options: InlineOptions,
): Rich {
  const pre = preprocess(markdown, ctx, file, place, { reportKeyrefs: options.reportKeyrefs ?? true });
  const trimmed = pre.text.trim();
  if (trimmed === '' || ((options.placeholders ?? true) && PLACEHOLDER.test(trimmed))) return { text: '', html: '' };
  const fast = options.fastPaths ?? true;
  if (fast && isPlain(trimmed, pre)) {
    // Nothing to parse, sanitise or escape: the tree would be one text node.
    const text = collapse(trimmed);
    return { text, html: text };
  }
  const linked = fast ? linksAndCodeOnly(trimmed, pre, ctx.linkBase) : undefined;
  if (linked) return linked;
  const where = locator(markdown, place);
  const hooks: PhrasingHooks = {
    file,
    at: (outOffset) => where(pre.toSource(outOffset)),
    inlineAttributes: pre.inlineAttributes,
    fast,
  };
  const blocks = buildBlocks(pre, hooks);
  return toRich({ type: 'root', children: simplify(blocks) }, ctx.linkBase, fast);
}

/** One line that opens no block and carries no `{: ...}` attributes: what both shortcuts take. */
function oneLine(text: string, pre: Preprocessed): boolean {
  return pre.inlineAttributes.length === 0 && !text.includes('\n') && !BLOCK_START.test(text) && !BULLET.test(text);
}

/** One line of words: no Markdown, no HTML, no list, no qualified node. Most cells are. */
function isPlain(text: string, pre: Preprocessed): boolean {
  return !MARKUP.test(text) && oneLine(text, pre);
}

/**
 * One line of words, `[text](url)` links with safe URLs and `code` spans (the next most common
 * cells): the tree the full renderer would end with, built directly (the sanitiser would keep
 * all of it), then serialised. Undefined for anything else.
 */
function linksAndCodeOnly(text: string, pre: Preprocessed, linkBase: string | undefined): Rich | undefined {
  // A written `\n` breaks the line like a newline, even inside backticks: the lines are blocks.
  if (text.includes('\\n') || !oneLine(text, pre)) return undefined;
  const nodes = simpleLinks(text) ?? linksAndCode(text);
  if (!nodes) return undefined;
  let html = '';
  let plain = '';
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as PhrasingContent;
    if (node.type === 'text') {
      // As tidyWhitespace: runs collapse, and the edges of the cell are trimmed.
      let value = collapseRuns(node.value);
      if (i === 0) value = value.trimStart();
      if (i === nodes.length - 1) value = value.trimEnd();
      html += htmlText(value);
      plain += value;
    } else if (node.type === 'link') {
      const href = normalizedUrl(node.url);
      if (!isSafeUrl(node.url) || !sanitizerKeeps(href)) return undefined;
      const inner = node.children[0]?.type === 'text' ? collapseRuns(node.children[0].value) : '';
      html += `<a href="${htmlAttribute(rewriteUrl(href, linkBase))}">${htmlText(inner)}</a>`;
      plain += inner;
    } else if (node.type === 'inlineCode') {
      // Whitespace in code is kept as it is.
      html += `<code>${htmlText(node.value)}</code>`;
      plain += node.value;
    } else {
      return undefined;
    }
  }
  return { text: collapse(plain), html: html.trim() };
}

/**
 * Text and a double-quoted attribute value as hast-util-to-html writes them (the full path's
 * serialiser): the few elements above do not need its generality, which cost a fifth of
 * reading a catalog's cells.
 */
const characterReference = (character: string): string => `&#x${(character.codePointAt(0) as number).toString(16).toUpperCase()};`;
const htmlText = (value: string): string => value.replace(/[&<]/g, characterReference);
const htmlAttribute = (value: string): string => value.replace(/[\0"&'`]/g, characterReference);

/** hast-util-sanitize's protocol check for `href` under our schema (http, https, mailto). */
function sanitizerKeeps(url: string): boolean {
  const colon = url.indexOf(':');
  const limits = [url.indexOf('/'), url.indexOf('?'), url.indexOf('#')];
  if (colon < 0 || limits.some((l) => l > -1 && colon > l)) return true;
  const scheme = url.slice(0, colon);
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Split at line breaks; bullet lines become list items, other lines paragraphs with breaks. */
function buildBlocks(pre: Preprocessed, hooks: PhrasingHooks): RootContent[] {
  const text = pre.text;
  const blocks: RootContent[] = [];
  let paragraph: Paragraph | undefined;
  let list: List | undefined;
  let item: ListItem | undefined;
  let pendingBlank = false;
  let start = 0;
  let soft = false;
  const flush = (end: number, nextSoft: boolean): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    const wasSoft = soft;
    soft = nextSoft;
    if (s === e) {
      if (wasSoft) pendingBlank = true;
      return;
    }
    const bullet = BULLET.exec(text.slice(s, Math.min(e, s + 8)));
    if (bullet) {
      s += bullet[0].length;
      paragraph = undefined;
      if (!list || pendingBlank) {
        list = { type: 'list', ordered: false, spread: false, children: [] };
        blocks.push(list);
      }
      item = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [] }] };
      list.children.push(item);
      appendTo(item.children[0] as Paragraph, parsePhrasing(text.slice(s, e), s, hooks), false);
    } else if (item && !pendingBlank) {
      // A plain line after a bullet continues that item.
      appendTo(item.children[0] as Paragraph, parsePhrasing(text.slice(s, e), s, hooks), !wasSoft);
    } else {
      list = undefined;
      item = undefined;
      if (!paragraph || pendingBlank) {
        paragraph = { type: 'paragraph', children: [] };
        blocks.push(paragraph);
        appendTo(paragraph, parsePhrasing(text.slice(s, e), s, hooks), false);
      } else {
        appendTo(paragraph, parsePhrasing(text.slice(s, e), s, hooks), !wasSoft);
      }
    }
    pendingBlank = false;
  };
  for (const m of text.matchAll(BREAK)) {
    if (m[0] === '\\n' && text[m.index - 1] === '\\') continue;
    flush(m.index, m[0] !== '\\n');
    start = m.index + m[0].length;
  }
  flush(text.length, false);
  return blocks;
}

function appendTo(p: Paragraph, nodes: PhrasingContent[], hardBreak: boolean): void {
  if (nodes.length === 0) return;
  if (p.children.length > 0) p.children.push(hardBreak ? { type: 'break' } : { type: 'text', value: ' ' });
  p.children.push(...nodes);
}

/** A lone paragraph renders without `<p>`, like a table cell written on one line. */
function simplify(blocks: RootContent[]): RootContent[] {
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === 'paragraph') {
    return [{ ...only, data: { hName: 'span', hProperties: { dataUnwrap: true } } }];
  }
  return blocks;
}

function toRich(tree: Root, linkBase: string | undefined, fast: boolean): Rich {
  let hast = (fast ? quickHast(tree) : undefined) ?? (toHast(tree, { allowDangerousHtml: true }) as HastRoot);
  // Raw tags were filtered already; parse them for real so the sanitiser sees elements.
  const parsedRaw = hasRaw(hast);
  if (parsedRaw) hast = raw(hast) as HastRoot;
  unwrap(hast);
  const clean = finishTree(hast, linkBase);
  const rich = { text: collapse(plainText(clean)), html: toHtml(clean).trim() };
  // The HTML parser's text comes out two-byte in V8 whatever its characters (one-byte.ts).
  return parsedRaw ? oneByteStrings(rich) : rich;
}

/** A lone paragraph was built as a marked span (so its phrasing has no root newlines): unwrap it. */
function unwrap(root: HastRoot): void {
  const only = root.children.length === 1 ? root.children[0] : undefined;
  if (only?.type === 'element' && only.tagName === 'span' && 'dataUnwrap' in only.properties) root.children = only.children;
}

function hasRaw(node: { type: string; children?: unknown[] }): boolean {
  if (node.type === 'raw') return true;
  return (node.children ?? []).some((c) => hasRaw(c as { type: string; children?: unknown[] }));
}
