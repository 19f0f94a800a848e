/**
 * mdast -> hast for the few node types inline rendering produces. mdast-util-to-hast sets up
 * its whole handler state on every call, which dominates the cost of rendering a short cell;
 * this covers text, links, emphasis, code, breaks, paragraphs and lists, and returns undefined
 * for anything else so the caller falls back to mdast-util-to-hast. Raw HTML is left to the
 * full path: its tree is serialised and parsed again, and that parse sees the whitespace
 * mdast-util-to-hast puts between blocks.
 */
import type { ElementContent, Properties, Root as HastRoot } from 'hast';
import type { Nodes, Root } from 'mdast';
import { normalizedUrl } from './urls.js';

const TAGS: Partial<Record<Nodes['type'], string>> = {
  strong: 'strong', emphasis: 'em', delete: 'del', paragraph: 'p', listItem: 'li',
};

function element(tagName: string, properties: Properties, children: ElementContent[]): ElementContent {
  return { type: 'element', tagName, properties, children };
}

function all(nodes: Nodes[]): ElementContent[] | undefined {
  const out: ElementContent[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const converted = one(nodes[i] as Nodes);
    if (!converted) return undefined;
    // As mdast-util-to-hast: after a hard break, the next node loses its leading spaces and tabs,
    // also from an element's first text (a code span's own leading space included).
    const head = converted.length === 1 ? converted[0] : undefined;
    if (i > 0 && nodes[i - 1]?.type === 'break' && head) {
      const text = head.type === 'element' ? head.children[0] : head;
      if (text?.type === 'text') text.value = text.value.replace(/^[ \t]+/, '');
    }
    out.push(...converted);
  }
  return out;
}

function one(node: Nodes): ElementContent[] | undefined {
  const data = node.data as { hName?: string; hProperties?: Properties } | undefined;
  const extra = data?.hProperties ?? {};
  switch (node.type) {
    case 'text':
      return [{ type: 'text', value: node.value }];
    case 'break':
      return [element('br', {}, [])];
    case 'inlineCode':
      return [element(data?.hName ?? 'code', { ...extra }, [{ type: 'text', value: node.value }])];
    case 'link': {
      const children = all(node.children);
      const props: Properties = { href: normalizedUrl(node.url), ...extra };
      if (node.title) props.title = node.title;
      return children && [element('a', props, children)];
    }
    case 'list': {
      const items = all(node.children);
      const props: Properties = node.ordered && node.start !== null && node.start !== undefined && node.start !== 1 ? { start: node.start } : {};
      return items && [element(node.ordered ? 'ol' : 'ul', props, items)];
    }
    case 'listItem': {
      // Tight list items hold their paragraph's content directly, as mdast-util-to-hast does.
      const inner: Nodes[] = [];
      for (const c of node.children) {
        if (c.type === 'paragraph' && !node.spread) inner.push(...c.children);
        else inner.push(c);
      }
      const children = all(inner);
      return children && [element('li', { ...extra }, children)];
    }
    case 'strong':
    case 'emphasis':
    case 'delete':
    case 'paragraph': {
      const children = all(node.children);
      return children && [element(data?.hName ?? (TAGS[node.type] as string), { ...extra }, children)];
    }
    default:
      return undefined;
  }
}

/** The hast of an inline-rendering tree, or undefined when it holds other node types. */
export function quickHast(tree: Root): HastRoot | undefined {
  const children = all(tree.children as Nodes[]);
  return children && { type: 'root', children };
}
