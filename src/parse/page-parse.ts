/**
 * The page parse with its pipe tables read by lines (table-scan.ts) instead of by micromark.
 * Each table found is replaced, for the parse only, by an HTML comment of the same number of
 * lines, which remark reads as one block where the table was; the comment's node is then
 * swapped for the table's node, and offsets are taken again from the real text by line and
 * column (lines outside tables are unchanged). If any comment did not come out as a top-level
 * block of its own (a table inside a fence, an open HTML block, a list's lazy line ...), the
 * page is parsed again as written, so the tree is always the one remark-gfm would build.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { lineStarts, scanTables, type ScannedTable } from './table-scan.js';

interface Parser {
  parse(text: string): unknown;
}

/** Blocks a table may follow without a blank line: the header line was not a lazy line. */
const ENDED_BY_TABLE = new Set(['paragraph', 'heading', 'thematicBreak']);

function placeholder(lines: number): string {
  return `<!--${'\n'.repeat(lines)}-->`;
}

export function parsePage(processor: Parser, text: string): Root {
  const starts = lineStarts(text);
  const tables = scanTables(text, starts);
  if (tables.length === 0) return processor.parse(text) as Root;
  const parts: string[] = [];
  let pos = 0;
  for (const t of tables) {
    parts.push(text.slice(pos, starts[t.first]), placeholder(t.last - t.first));
    pos = t.node.position?.end.offset ?? pos;
  }
  parts.push(text.slice(pos));
  const tree = processor.parse(parts.join('')) as Root;
  const byLine = new Map<number, ScannedTable>(tables.map((t) => [t.first + 1, t]));
  const children: RootContent[] = [];
  let swapped = 0;
  tree.children.forEach((node, index) => {
    const table = node.type === 'html' ? matching(node, index, tree.children, byLine) : undefined;
    if (table) {
      children.push(table.node);
      swapped++;
    } else {
      reposition(node, starts);
      children.push(node);
    }
  });
  if (swapped !== tables.length) return processor.parse(text) as Root;
  tree.children = children;
  if (tree.position) {
    const last = starts.length - 1;
    tree.position.end = { line: last + 1, column: text.length - (starts[last] as number) + 1, offset: text.length };
  }
  return tree;
}

/** The table whose placeholder `node` is, if it stands where the table stood, on its own. */
function matching(node: RootContent, index: number, siblings: RootContent[], byLine: Map<number, ScannedTable>): ScannedTable | undefined {
  const p = node.position;
  const table = p ? byLine.get(p.start.line) : undefined;
  if (!p || !table || node.type !== 'html') return undefined;
  if (p.start.column !== 1 || p.end.line !== table.last + 1 || node.value !== placeholder(table.last - table.first)) return undefined;
  if (table.afterText) {
    const before = siblings[index - 1];
    if (!before || !ENDED_BY_TABLE.has(before.type) || before.position?.end.line !== table.first) return undefined;
  }
  return table;
}

/** Offsets from line and column in the real text, for `node` and everything inside it. */
function reposition(node: Nodes, starts: number[]): void {
  const p = node.position;
  if (p) {
    p.start.offset = (starts[p.start.line - 1] as number) + p.start.column - 1;
    p.end.offset = (starts[p.end.line - 1] as number) + p.end.column - 1;
  }
  if ('children' in node) for (const child of node.children) reposition(child, starts);
}
