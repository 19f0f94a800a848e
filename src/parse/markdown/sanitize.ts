/**
 * The last step of inline rendering: sanitise the HTML tree to the safe subset, point
 * links at their real site, and derive the plain text used for search, CSV and comparison.
 */
import type { Element, Nodes, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';
import { collapse, collapseRuns, SPACED_TAGS } from '../../shared/plain-text.js';
import { rewriteUrl } from './urls.js';

const BADGE_COLOURS = ['red', 'magenta', 'purple', 'blue', 'cyan', 'teal', 'green', 'gray', 'cool-gray', 'warm-gray'];

export const schema: Schema = {
  strip: ['script', 'style', 'template'],
  tagNames: ['a', 'br', 'p', 'ul', 'ol', 'li', 'code', 'em', 'strong', 'b', 'i', 'del', 's', 'sup', 'sub', 'span'],
  attributes: {
    a: ['href', 'title', ['className', 'external']],
    ol: ['start'],
    span: [['className', 'term', 'badge', ...BADGE_COLOURS.map((c) => `badge-${c}`)]],
  },
  protocols: { href: ['http', 'https', 'mailto'] },
  ancestors: { li: ['ul', 'ol'] },
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
  required: {},
};

/** Sanitise, then rewrite links (root-relative -> linkBase; `external` -> new tab). */
export function finishTree(tree: Root, linkBase: string | undefined): Root {
  const clean = sanitize(tree, schema) as Root;
  tidyWhitespace(clean, false);
  visit(clean, 'element', (el: Element) => {
    if (el.tagName !== 'a') return;
    const href = el.properties.href;
    if (typeof href === 'string') el.properties.href = rewriteUrl(href, linkBase);
    const cls = el.properties.className;
    if (Array.isArray(cls) && cls.includes('external')) {
      el.properties.target = '_blank';
      el.properties.rel = ['noopener', 'noreferrer'];
    }
  });
  return clean;
}

const BLOCKISH = new Set(['ul', 'ol', 'li', 'p', 'br']);

function isBlockish(n: Nodes | undefined): boolean {
  return n?.type === 'element' && BLOCKISH.has(n.tagName);
}

/**
 * Whitespace as a reader sees it: runs collapse outside `<code>`, and no space hangs at the
 * edge of a block or beside a line break (the tree builders insert newlines there).
 */
function tidyWhitespace(node: Root | Element, inCode: boolean): void {
  const merged: Nodes[] = [];
  for (const child of node.children as Nodes[]) {
    const last = merged[merged.length - 1];
    if (child.type === 'text' && last?.type === 'text') last.value += child.value;
    else merged.push(child.type === 'text' ? { ...child } : child);
  }
  const blockParent = node.type === 'root' || BLOCKISH.has(node.tagName);
  const kept: Nodes[] = [];
  merged.forEach((child, i) => {
    if (child.type === 'text' && !inCode) {
      let value = collapseRuns(child.value);
      const prev = merged[i - 1];
      const next = merged[i + 1];
      if ((prev === undefined && blockParent) || isBlockish(prev)) value = value.trimStart();
      if ((next === undefined && blockParent) || isBlockish(next)) value = value.trimEnd();
      if (value === '') return;
      child.value = value;
    } else if (child.type === 'element') {
      tidyWhitespace(child, inCode || child.tagName === 'code');
    }
    kept.push(child);
  });
  node.children = kept as Element['children'];
}

/** Plain text of a tree, with breaks and list items as spaces, whitespace collapsed (the rule of shared/plain-text.ts). */
export function plainText(tree: Root): string {
  const parts: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'text') parts.push(node.value);
    else if (node.type === 'element' || node.type === 'root') {
      const spaced = node.type === 'element' && SPACED_TAGS.has(node.tagName);
      if (spaced) parts.push(' ');
      for (const child of node.children) walk(child as Nodes);
      if (spaced) parts.push(' ');
    }
  };
  walk(tree);
  return collapse(parts.join(''));
}

