/**
 * Raw HTML `<table>` matrices (one real page writes them so): read into the same grid as a
 * GFM table. Cells become inline Markdown again (`<li>` -> `- ` lines, `<br>`/`<p>` -> `\n`),
 * because their text holds Markdown links; other inline tags stay for the sanitiser.
 * Positions inside the HTML block are approximate: the block's start.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { RawCell } from './cells.js';
import type { Grid } from './tables.js';
import { collapse, collapseRuns } from '../../shared/plain-text.js';

export interface HtmlTable {
  grid: Grid;
  caption?: string;
  id?: string;
}

function elements(node: Root | Element, name: string, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === name) out.push(child);
    else if (name !== 'table' || child.tagName !== 'table') elements(child, name, out);
  }
  return out;
}

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** Cell content back to inline Markdown with the dialect's `\n` breaks and `- ` lists. */
function cellSource(cell: Element): string {
  let out = '';
  const walk = (nodes: ElementContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'text') out += collapseRuns(n.value);
      else if (n.type === 'element') {
        if (n.tagName === 'li') { out += ' \\n - '; walk(n.children); }
        else if (n.tagName === 'br' || n.tagName === 'p' || n.tagName === 'ul' || n.tagName === 'ol' || n.tagName === 'div') {
          out += ' \\n ';
          walk(n.children);
          if (n.tagName !== 'br') out += ' \\n ';
        } else out += toHtml(n);
      }
    }
  };
  walk(cell.children);
  return out.replace(/(?:\s*\\n\s*)+$/, '').replace(/^(?:\s*\\n\s*)+/, '').trim();
}

export function readHtmlTables(html: string, place: { line: number; column: number }): HtmlTable[] {
  if (!/<table[\s>]/i.test(html)) return [];
  const tree = fromHtml(html, { fragment: true });
  // hast positions are relative to the HTML block; cells keep their line (columns approximate).
  const at = (n: Element): { line: number; column: number } => {
    const p = n.position?.start;
    if (!p) return place;
    return p.line === 1 ? { line: place.line, column: place.column + p.column - 1 } : { line: place.line + p.line - 1, column: p.column };
  };
  return elements(tree, 'table').map((table) => {
    const trs = elements(table, 'tr');
    const cells = (tr: Element): RawCell[] =>
      tr.children
        .filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
        .map((c) => ({ source: cellSource(c), place: at(c) }));
    const [head, ...body] = trs;
    const result: HtmlTable = {
      grid: { header: head ? cells(head) : [], rows: body.map((tr) => ({ cells: cells(tr), place: at(tr) })) },
    };
    const caption = elements(table, 'caption')[0];
    if (caption) result.caption = collapse(textOf(caption));
    const id = table.properties.id;
    if (typeof id === 'string' && id) result.id = id;
    return result;
  });
}
