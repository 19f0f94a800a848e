/**
 * Pair pages put the difference first: in two cells that differ, the words one has and the
 * other lacks are marked (the word diff of the change reports, src/changes/word-diff.ts, run on
 * the cells' text and mapped back onto their sanitised HTML, so links and lists survive); two
 * cells that say the same are told apart from cells that merely look alike.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { wordDiff } from '../changes/word-diff.js';
import { collapse } from '../shared/plain-text.js';

/** Same words, same links: the second cell can say "Same as …" instead of repeating. */
export function sameHtml(a: string, b: string): boolean {
  const words = collapse(a);
  return words !== '' && words === collapse(b);
}

/** Both cells' HTML with the words only one of them has wrapped in `<mark class="pair-diff">`. */
export function markDifferences(aHtml: string, bHtml: string): [string, string] {
  const a = fragment(aHtml);
  const b = fragment(bHtml);
  const aNodes = textNodes(a);
  const bNodes = textNodes(b);
  const aRanges: [number, number][] = [];
  const bRanges: [number, number][] = [];
  let atA = 0;
  let atB = 0;
  for (const part of wordDiff(joined(aNodes), joined(bNodes))) {
    if (part.kind !== 'added') {
      if (part.kind === 'removed') aRanges.push(trimmed(part.text, atA));
      atA += part.text.length;
    }
    if (part.kind !== 'removed') {
      if (part.kind === 'added') bRanges.push(trimmed(part.text, atB));
      atB += part.text.length;
    }
  }
  mark(aNodes, aRanges);
  mark(bNodes, bRanges);
  return [toHtml(a), toHtml(b)];
}

/**
 * A cell's HTML as a tree. Most cells are plain text, or text and links: sanitised HTML
 * serialised by hast-util-to-html, so a link is `<a href="…">` and a character reference one of
 * a few. Those are read here, since the HTML parser costs more than the diff (on the shipped
 * site, about half the pair pages' time, most of it starting up); anything else goes to it.
 */
export function fragment(html: string): Root {
  if (!/[<&\r\0]/.test(html)) return { type: 'root', children: html ? [{ type: 'text', value: html }] : [] };
  return textAndLinks(html) ?? fromHtml(html, { fragment: true });
}

/** Text and `<a href="…">text</a>` links as the HTML parser reads them; undefined for anything else. */
function textAndLinks(html: string): Root | undefined {
  if (/[\r\0]/.test(html)) return undefined;
  const children: (Text | Element)[] = [];
  // Text, then each link's href and text followed by the text after it.
  const parts = html.split(/<a href="([^"]*)">([^<]*)<\/a>/);
  for (let i = 0; i < parts.length; i += 3) {
    if (i > 0) {
      const [href, text] = [decoded(parts[i - 2]!), decoded(parts[i - 1]!)];
      if (href === undefined || text === undefined) return undefined;
      children.push({ type: 'element', tagName: 'a', properties: { href }, children: text === '' ? [] : [{ type: 'text', value: text }] });
    }
    const text = decoded(parts[i]!);
    if (text === undefined) return undefined;
    if (text !== '') children.push({ type: 'text', value: text });
  }
  return { type: 'root', children };
}

const NAMED: ReadonlyMap<string, string> = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"']]);

/**
 * Text with its character references decoded: named ones of NAMED, numeric ones of printable
 * ASCII. Undefined for a `<`, or any other `&`, which the parser reads by rules of its own.
 */
function decoded(text: string): string | undefined {
  if (text.includes('<')) return undefined;
  let known = true;
  const value = text.replace(/&([^;&]*);?/g, (reference, name: string) => {
    const numeric = /^#(?:x([0-9a-f]{1,4})|([0-9]{1,4}))$/i.exec(name);
    const code = numeric ? parseInt(numeric[1] ?? numeric[2]!, numeric[1] ? 16 : 10) : -1;
    const character = reference.endsWith(';') ? (code >= 0x20 && code <= 0x7e ? String.fromCharCode(code) : NAMED.get(name)) : undefined;
    if (character === undefined) known = false;
    return character ?? '';
  });
  return known ? value : undefined;
}

interface Located {
  node: Text;
  parent: Root | Element;
}

function textNodes(root: Root): Located[] {
  const out: Located[] = [];
  const walk = (parent: Root | Element): void => {
    for (const child of parent.children) {
      if (child.type === 'text') out.push({ node: child, parent });
      else if (child.type === 'element') walk(child);
    }
  };
  walk(root);
  return out;
}

/** Text nodes joined by a line break, so words of neighbouring blocks never run together. */
function joined(nodes: Located[]): string {
  return nodes.map(({ node }) => node.value).join('\n');
}

/** The part's range without its leading and trailing whitespace. */
function trimmed(text: string, at: number): [number, number] {
  const start = text.length - text.trimStart().length;
  return [at + start, at + text.trimEnd().length];
}

/** Wraps the ranges (offsets in the joined text) in marks, node by node. */
function mark(nodes: Located[], ranges: [number, number][]): void {
  let offset = 0;
  for (const { node, parent } of nodes) {
    const start = offset;
    const end = start + node.value.length;
    offset = end + 1; // the joining line break
    const inside = ranges
      .map(([from, to]): [number, number] => [Math.max(from, start) - start, Math.min(to, end) - start])
      .filter(([from, to]) => to > from && node.value.slice(from, to).trim() !== '');
    if (inside.length === 0) continue;
    const pieces: (Text | Element)[] = [];
    let at = 0;
    for (const [from, to] of inside) {
      if (from > at) pieces.push({ type: 'text', value: node.value.slice(at, from) });
      pieces.push(marked(node.value.slice(from, to)));
      at = to;
    }
    if (at < node.value.length) pieces.push({ type: 'text', value: node.value.slice(at) });
    const children = parent.children as (RootContent | ElementContent)[];
    children.splice(children.indexOf(node), 1, ...pieces);
  }
}

/** A mark does not reach screen readers by itself: the words say where the difference starts and ends. */
function marked(text: string): Element {
  const hidden = (value: string): Element => ({ type: 'element', tagName: 'span', properties: { className: ['visually-hidden'] }, children: [{ type: 'text', value }] });
  return {
    type: 'element',
    tagName: 'mark',
    properties: { className: ['pair-diff'] },
    children: [hidden('[differs: '), { type: 'text', value: text }, hidden(']')],
  };
}
