/**
 * remark plugin: kramdown block attribute lists. `{: ...}` lines after a heading, table or
 * paragraph (in any order, several in a row, also after a blank line) qualify that block;
 * lines remark-gfm read as the table's last rows (spec 3.3) are taken back out of the table.
 * Attribute definitions and the ADL keyref render nothing.
 */
import type { Paragraph, Root, RootContent, Table, TableRow } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import { ADL_KEYREF, isAttributeLine, parseAttributeList } from './attribute-list.js';
import { endsEarly, joinRow, takeBackRows } from './broken-rows.js';
import { pageText, type BlockAttributes } from './data.js';
import { lineStarts } from './table-scan.js';

interface Line { start: number; end: number; line: number }

/** Parse one attribute line into `into`; returns false when it held only definitions. */
function readLine(text: string, ln: Line, into: BlockAttributes | undefined, file: VFile): BlockAttributes | undefined {
  let i = ln.start;
  let target = into;
  while (i < ln.end) {
    const c = text[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (text.startsWith(ADL_KEYREF, i)) { i += ADL_KEYREF.length; continue; }
    if (!text.startsWith('{:', i)) break;
    const list = parseAttributeList(text, i);
    const col = (o: number) => ({ line: ln.line, column: o - ln.start + 1 });
    for (const p of list.problems) report(file, 'attribute-syntax', p.message, col(p.offset));
    if (!list.definition) {
      target ??= { ids: [], classes: [], refs: [], pairs: new Map(), place: col(i) };
      target.ids.push(...list.ids);
      target.classes.push(...list.classes);
      target.refs.push(...list.refs);
      for (const [k, v] of list.pairs) target.pairs.set(k, v);
    }
    i = Math.max(list.end, i + 2);
  }
  return target;
}

/** Add `attrs` to the attribute lists already qualifying `node` (on `node.data`). */
function merge(node: RootContent, attrs: BlockAttributes | undefined): void {
  if (!attrs) return;
  const data = (node.data ??= {});
  const old = data.blockAttributes;
  if (!old) { data.blockAttributes = attrs; return; }
  old.ids.push(...attrs.ids);
  old.classes.push(...attrs.classes);
  old.refs.push(...attrs.refs);
  for (const [k, v] of attrs.pairs) old.pairs.set(k, v);
}

function linesOf(text: string, start: number, end: number, firstLine: number): Line[] {
  const lines: Line[] = [];
  let s = start;
  let n = firstLine;
  while (s <= end) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > end) e = end;
    lines.push({ start: s, end: e, line: n++ });
    s = e + 1;
  }
  return lines;
}

export default function attributes() {
  return (tree: Root, file: VFile): void => {
    const text = pageText(file);
    const kept: RootContent[] = [];
    let previous: RootContent | undefined;
    let starts: number[] | undefined;
    const lines = (): number[] => (starts ??= lineStarts(text));
    const children = tree.children;
    for (let index = 0; index < children.length; index++) {
      const node = children[index] as RootContent;
      const pos = node.position;
      if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) { kept.push(node); continue; }
      if (node.type === 'table') {
        index += takeBackRows(node, children, index, text, lines);
        takeAttributeRows(node, text, file);
      } else if (node.type === 'heading') {
        headingAttributes(node, text, file);
      } else if (node.type === 'paragraph') {
        const lines = linesOf(text, pos.start.offset, pos.end.offset, pos.start.line);
        const isAttr = lines.map((l) => isAttributeLine(text.slice(l.start, l.end)));
        let first = 0;
        while (first < lines.length && isAttr[first]) first++;
        let last = lines.length;
        while (last > first && isAttr[last - 1]) last--;
        // Leading attribute lines qualify the block before; trailing ones this paragraph.
        let lead: BlockAttributes | undefined;
        for (const l of lines.slice(0, first)) lead = readLine(text, l, lead, file);
        if (lead) {
          if (previous && previous.type !== 'yaml' && previous.type !== 'thematicBreak') merge(previous, lead);
          else report(file, 'orphan-attributes', 'Attribute list qualifies no block', lead.place);
        }
        if (first === lines.length) continue; // only attribute lines: drop the paragraph
        let trail: BlockAttributes | undefined;
        for (const l of lines.slice(last)) trail = readLine(text, l, trail, file);
        const lastLine = lines[last - 1] as Line;
        const end = trailingInline(text, lastLine, node, file);
        merge(node, trail);
        (node.data ??= {}).contentRange = [(lines[first] as Line).start, end];
      }
      kept.push(node);
      previous = node;
    }
    tree.children = kept;
  };
}

/** `Text. {: shortdesc}` at the end of a paragraph's last line; returns the content end. */
function trailingInline(text: string, ln: Line, node: Paragraph, file: VFile): number {
  let end = ln.end;
  while (end > ln.start && /\s/.test(text[end - 1] ?? '')) end--;
  if (text[end - 1] !== '}') return end;
  let i = text.lastIndexOf('{:', end);
  while (i >= ln.start) {
    const list = parseAttributeList(text, i);
    if (list.end === end && !list.definition) {
      merge(node, readLine(text, { start: i, end, line: ln.line }, undefined, file));
      return i;
    }
    // lastIndexOf clamps a negative start to 0: stop at the text's start instead of finding it again.
    i = i > 0 ? text.lastIndexOf('{:', i - 1) : -1;
  }
  return end;
}

function headingAttributes(node: RootContent, text: string, file: VFile): void {
  const pos = node.position;
  if (pos?.start.offset === undefined || pos.end.offset === undefined) return;
  const end = pos.end.offset;
  const brace = text.lastIndexOf('{', end);
  if (brace < pos.start.offset || text[end - 1] !== '}') return;
  const open = text.lastIndexOf('{:', end);
  if (open >= pos.start.offset) {
    const attrs = readLine(text, { start: open, end, line: pos.start.line }, undefined, file);
    merge(node, attrs);
    (node.data ??= {}).contentRange = [pos.start.offset, open];
    return;
  }
  const m = /\{#([\w-]+)\}$/.exec(text.slice(brace, end));
  if (m?.[1]) {
    merge(node, { ids: [m[1]], classes: [], refs: [], pairs: new Map(), place: { line: pos.start.line, column: 1 } });
    (node.data ??= {}).contentRange = [pos.start.offset, brace];
  }
}

/**
 * Rows that are attribute lines are the table's attributes (spec 3.3), never data rows. In a
 * table written with leading pipes, a line without one continues a row that ended early
 * (broken-rows.ts); after a complete row it is text the author meant below the table.
 */
function takeAttributeRows(table: Table, text: string, file: VFile): void {
  const [header, ...body] = table.children;
  if (!header) return;
  const piped = text[header.position?.start.offset ?? 0] === '|';
  const width = header.children.length;
  const rows: TableRow[] = [header];
  let attrs: BlockAttributes | undefined;
  for (const row of body) {
    const p = row.position;
    if (p?.start.offset === undefined || p.end.offset === undefined) { rows.push(row); continue; }
    const line = { start: p.start.offset, end: p.end.offset, line: p.start.line };
    const raw = text.slice(line.start, line.end);
    if (isAttributeLine(raw)) {
      attrs = readLine(text, line, attrs, file);
      continue;
    }
    const above = rows[rows.length - 1] as TableRow;
    if (piped && !raw.trimStart().startsWith('|')) {
      if (above !== header && endsEarly(above, width, text)) {
        const why = above.children.length < width ? 'has fewer cells than the header' : 'has no closing pipe';
        report(file, 'table-shape', `This line continues the row above, which ${why}: read as one row`, p.start);
        joinRow(above, row, text);
      } else {
        report(file, 'table-shape', `Line directly under the table is read as a table row and left out: "${raw.trim()}"; add a blank line before it`, p.start);
      }
      continue;
    }
    rows.push(row);
  }
  table.children = rows;
  merge(table, attrs);
}
