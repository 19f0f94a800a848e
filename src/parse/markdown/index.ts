/**
 * parseMarkdownSource: one IBM Cloud docs Markdown page -> ParsedSource. A unified processor
 * (remark-parse, front matter, GFM, then our plugins) built once and reused for every file.
 * Every problem is reported on the vfile; nothing is thrown for bad content.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import attributes from './attributes.js';
import blockOnly from './block-only.js';
import type { ParseContext } from '../context.js';
import frontMatter from './frontmatter.js';
import keyrefs from './keyrefs.js';
import { parsePage } from './page-parse.js';
import { normalizeSource } from './normalize.js';
import type { ParseState } from './state.js';
import structure from './structure.js';
import type { ParsedSource } from '../types.js';

export type { ParseContext } from '../context.js';
export { renderInline } from './inline.js';

const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(blockOnly)
  .use(frontMatter)
  .use(keyrefs)
  .use(attributes)
  .use(structure)
  .freeze();

export function parseMarkdownSource(file: VFile, ctx: ParseContext): ParsedSource {
  const { text, bom } = normalizeSource(String(file.value ?? ''));
  const st: ParseState = { ctx, text, attributes: new Map(), contentRange: new Map() };
  file.data.respmatrix = st;
  const before = file.messages.length;
  const tree = parsePage(processor, text);
  processor.runSync(tree, file);
  delete file.data.respmatrix;
  if (bom) {
    for (const m of file.messages.slice(before)) if (m.line === 1 && m.column) m.column += bom;
  }
  const parsed = file.data.parsed as ParsedSource | undefined;
  delete file.data.parsed;
  return parsed ?? { file: file.path || '', tables: [], overviews: [], source: { file: file.path || '', line: 1 } };
}
