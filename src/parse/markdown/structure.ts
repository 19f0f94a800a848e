/**
 * remark plugin: walk the top-level blocks once and collect what the model needs: the H1
 * title, the short description, headings with their intros, responsibility tables and
 * overview matrices. Duplicate ids on the page are reported and suffixed (`-2`).
 */
import type { Heading, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import type { OverviewMatrix, ParsedHeading, ParsedSource, ParsedTable, Rich } from '../types.js';
import { renderInlineWith } from './inline.js';
import { slugify } from '../../shared/slug.js';
import { docsPageUrl } from './docs-url.js';
import type { ParseContext } from '../context.js';
import { pageText, type BlockAttributes, type PageSource } from './data.js';
import { readHtmlTables } from './html-table.js';
import { readGrid, readTable, type TableReading } from './tables.js';

interface Found {
  reading: TableReading;
  id: string | undefined;
  caption: string | undefined;
}

const NOT_INTRO = new Set(['shortdesc', 'note', 'important', 'tip', 'deprecated', 'help', 'support', 'preview', 'beta']);

/** Options: the parse context cells, headings and intros are rendered with. */
export default function structure(options: ParseContext) {
  return (tree: Root, file: VFile): void => {
    const st: PageSource = { ctx: options, text: pageText(file) };
    const path = file.path || '';
    const result: ParsedSource = { file: path, tables: [], overviews: [], source: { file: path, line: 1 } };
    if (file.data.lastUpdated) result.lastUpdated = file.data.lastUpdated;
    const ids = new Set<string>();
    // Ids the author wrote are reported when reused; ids made from heading text are just suffixed.
    const claim = (id: string, place: { line: number; column: number }, explicit = true): string => {
      if (!ids.has(id)) { ids.add(id); return id; }
      let n = 2;
      while (ids.has(`${id}-${n}`)) n++;
      if (explicit) report(file, 'duplicate-anchor', `Anchor "${id}" is used twice on this page; this one becomes "${id}-${n}"`, place);
      ids.add(`${id}-${n}`);
      return `${id}-${n}`;
    };
    const stack: ParsedHeading[] = [];
    let introOwner: ParsedHeading | undefined;
    let intro: Rich[] = [];
    const summary: Rich[] = [];
    const closeIntro = (): void => {
      if (introOwner && intro.length > 0) introOwner.intro = combine(intro);
      introOwner = undefined;
      intro = [];
    };
    for (const node of tree.children) {
      const attrs = node.data?.blockAttributes;
      const place = node.position?.start ?? { line: 1, column: 1 };
      if (node.type === 'heading') {
        closeIntro();
        const rich = render(node, st, file);
        if (node.depth === 1 && result.title === undefined) {
          result.title = rich.text;
          if (attrs?.ids[0]) claim(attrs.ids[0], attrs.place);
          const docsUrl = docsPageUrl(options.linkBase, file.data.subcollection, attrs?.ids[0]);
          if (docsUrl) result.docsUrl = docsUrl;
          result.source = { file: path, line: place.line, column: place.column };
          continue;
        }
        const heading = makeHeading(node, rich.text, attrs, path, claim);
        while (stack.length > 0 && (stack[stack.length - 1] as ParsedHeading).depth >= node.depth) stack.pop();
        if (node.depth > 1) stack.push(heading);
        introOwner = heading;
      } else if (node.type === 'paragraph' || node.type === 'list') {
        if (node.type === 'paragraph') brokenTable(node, st, file);
        else nestedTables(node, file);
        const words = attrs ? [...attrs.refs, ...attrs.classes] : [];
        if (words.includes('shortdesc')) { summary.push(render(node, st, file)); continue; }
        if (introOwner && !words.some((w) => NOT_INTRO.has(w))) {
          const r = render(node, st, file);
          if (r.html) intro.push(r);
        }
      } else if (node.type === 'blockquote') {
        nestedTables(node, file);
      } else if (node.type === 'table' || (node.type === 'html' && /<table[\s>]/i.test(node.value))) {
        closeIntro();
        const found: Found[] = node.type === 'table'
          ? [{ reading: readTable(node, st, file), id: attrs?.ids[0], caption: attrs?.pairs.get('caption') }]
          : readHtmlTables(node.value, place).map((t) => ({ reading: readGrid(t.grid, st, file), id: t.id ?? attrs?.ids[0], caption: t.caption ?? attrs?.pairs.get('caption') }));
        for (const { reading, id, caption } of found) {
          const text = (s: string | undefined) => (s === undefined ? undefined : renderInlineWith(s, options, file, place, { reportKeyrefs: false, placeholders: false }).text);
          const nearest = stack[stack.length - 1];
          const source = { file: path, line: place.line, column: place.column };
          const anchor = id ? claim(id, attrs?.place ?? place) : undefined;
          const cap = text(caption);
          if (reading.kind === 'responsibility') {
            const table: ParsedTable = {
              headings: [...stack],
              aliases: attrs?.pairs.get('aliases')?.split(/\s+/).filter(Boolean) ?? [],
              rows: reading.rows,
              source,
            };
            const a = anchor ?? nearest?.anchor;
            if (a) table.anchor = a;
            if (cap) table.caption = cap;
            const sum = text(attrs?.pairs.get('summary'));
            if (sum) table.summary = sum;
            result.tables.push(table);
          } else if (reading.kind === 'overview') {
            const matrix: OverviewMatrix = { areaIds: reading.areaIds, rows: reading.rows, source };
            if (cap) matrix.caption = cap;
            if (anchor) matrix.anchor = anchor;
            // The model holds one overview per offering; a second one is said, not dropped in silence.
            if (result.overviews.length > 0) {
              const resources = reading.rows.map((r) => r.resource).join('", "');
              report(file, 'table-shape', `Second overview matrix on the page, left out (the first one is kept): its resources "${resources}"`, place);
            }
            result.overviews.push(matrix);
          } else {
            const header = reading.header.join(' | ');
            report(file, 'table-not-read', `Table not read: its header "${header}" names no IBM column and no customer column, and it is no overview by resource`, place);
          }
        }
      }
    }
    closeIntro();
    if (summary.length > 0) result.summary = combine(summary);
    file.data.parsed = result;
  };
}

/** A heading with its id: its own `{: #id}` (reported when reused) or a slug of its text. */
function makeHeading(
  node: Heading, text: string, attrs: BlockAttributes | undefined, path: string,
  claim: (id: string, place: { line: number; column: number }, explicit?: boolean) => string,
): ParsedHeading {
  const place = node.position?.start ?? { line: 1, column: 1 };
  const own = attrs?.ids[0];
  const id = own ?? slugify(text);
  const heading: ParsedHeading = {
    depth: node.depth,
    text,
    aliases: attrs?.pairs.get('aliases')?.split(/\s+/).filter(Boolean) ?? [],
    source: { file: path, line: place.line, column: place.column },
  };
  if (id) heading.anchor = claim(id, attrs?.place ?? place, own !== undefined);
  return heading;
}

/** Render a heading, paragraph or list from its source slice (attribute lines cut off). */
function render(node: RootContent, st: PageSource, file: VFile): Rich {
  const pos = node.position;
  if (pos?.start.offset === undefined || pos.end.offset === undefined) return { text: '', html: '' };
  const [s, e] = node.data?.contentRange ?? [pos.start.offset, pos.end.offset];
  let start = s;
  if (node.type === 'heading') {
    while (st.text[start] === '#' || st.text[start] === ' ' || st.text[start] === '\t') start++;
  }
  let src = st.text.slice(start, e);
  if (node.type === 'heading') {
    // ATX closing hashes, or a setext heading's underline.
    src = start > s ? src.replace(/[ \t]#+[ \t]*$/, '') : src.replace(/\n[ \t]*[=-]+[ \t]*$/, '');
  }
  const col = pos.start.column + (start - pos.start.offset);
  return renderInlineWith(src, st.ctx, file, { line: pos.start.line, column: col }, { reportKeyrefs: false, placeholders: false });
}

/** Tables are read where they stand at the top of the page; one inside a list or quote is reported. */
function nestedTables(node: RootContent, file: VFile): void {
  visit(node, 'table', (table) => {
    const place = table.position?.start ?? node.position?.start;
    report(file, 'table-not-read', 'Table not read: it stands inside a list or a quote; move it out (no indent, blank lines around it)', place);
  });
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** A pipe table GFM refused (header and delimiter row disagree): say so instead of losing it. */
function brokenTable(node: RootContent, st: PageSource, file: VFile): void {
  const start = node.position?.start;
  if (start?.offset === undefined || st.text[start.offset] !== '|') return;
  const firstEnd = st.text.indexOf('\n', start.offset);
  if (firstEnd < 0) return;
  const secondEnd = st.text.indexOf('\n', firstEnd + 1);
  const second = st.text.slice(firstEnd + 1, secondEnd < 0 ? undefined : secondEnd);
  if (!second.includes('-') || !DELIMITER_ROW.test(second)) return;
  report(file, 'table-shape', 'Not read as a table: the header row and the delimiter row below it have different numbers of cells', { line: start.line, column: start.column });
}

function combine(parts: Rich[]): Rich {
  if (parts.length === 1) return parts[0] as Rich;
  return {
    text: parts.map((p) => p.text).join(' '),
    html: parts.map((p) => (/^<(?:p|ul|ol)>/.test(p.html) ? p.html : `<p>${p.html}</p>`)).join(''),
  };
}
