/**
 * The plain text of rich text (a cell's duty as CSV, search and exports carry it): breaks,
 * paragraphs, list items and superscripts stand apart by a space, whitespace collapses. One rule
 * for the build, which walks the parsed tree (parse/markdown/sanitize.ts), and the browser,
 * which walks the page (a checklist's CSV reads its duties from the page, not from a copy).
 */
export const SPACED_TAGS: ReadonlySet<string> = new Set(['br', 'p', 'li', 'ul', 'ol', 'sup']);

/** Whitespace collapsed to single spaces, none at either end. */
export function collapse(text: string): string {
  return isCollapsed(text, true) ? text : text.replace(/\s+/g, ' ').trim();
}

/** Each run of whitespace as one space, the ends kept (text that sits between other text). */
export function collapseRuns(text: string): string {
  return isCollapsed(text, false) ? text : text.replace(/\s+/g, ' ');
}

const WHITESPACE = /\s/;

/**
 * Whether `text` is collapsed already: no whitespace but single spaces, between other
 * characters when `trimmed`. Most texts are, and the test costs less than a replace that
 * changes nothing (and makes a new string).
 */
function isCollapsed(text: string, trimmed: boolean): boolean {
  // Trimmed, a space first would be leading whitespace.
  let previous = trimmed ? 32 : 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 ? previous === 32 : (c >= 9 && c <= 13) || (c >= 0x80 && WHITESPACE.test(text.charAt(i)))) return false;
    previous = c;
  }
  return !trimmed || previous !== 32 || text.length === 0;
}

/** What plainText needs of a node: a DOM node or anything shaped like one. */
export interface TextNodeLike {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<TextNodeLike>;
  localName?: string;
}

const ELEMENT = 1;
const TEXT = 3;

/** The plain text of a DOM element's content. */
export function plainTextOfElement(element: TextNodeLike): string {
  const parts: string[] = [];
  const walk = (node: TextNodeLike): void => {
    if (node.nodeType === TEXT) parts.push(node.nodeValue ?? '');
    else if (node.nodeType === ELEMENT) {
      const spaced = SPACED_TAGS.has(node.localName ?? '');
      if (spaced) parts.push(' ');
      for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
      if (spaced) parts.push(' ');
    }
  };
  for (let i = 0; i < element.childNodes.length; i++) walk(element.childNodes[i]!);
  return collapse(parts.join(''));
}
