/**
 * parseMarkdownSource: one IBM Cloud docs Markdown page -> ParsedSource. A unified processor
 * (remark-parse, front matter, GFM, then our plugins) built once per parse context and reused
 * for every file. Every problem is reported on the vfile; nothing is thrown for bad content.
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
import structure from './structure.js';
import type { ParsedSource } from '../types.js';

export type { ParseContext } from '../context.js';
export { renderInline } from './inline.js';

function createProcessor(ctx: ParseContext) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(blockOnly)
    .use(frontMatter)
    .use(keyrefs, ctx)
    .use(attributes)
    .use(structure, ctx)
    .freeze();
}

/** One processor per parse context (a site load has one); plugins read their options when they run. */
const processors = new WeakMap<ParseContext, ReturnType<typeof createProcessor>>();

export function parseMarkdownSource(file: VFile, ctx: ParseContext): ParsedSource {
  let processor = processors.get(ctx);
  if (!processor) {
    processor = createProcessor(ctx);
    processors.set(ctx, processor);
  }
  const { text, bom } = normalizeSource(String(file.value ?? ''));
  file.data.markdown = text;
  const before = file.messages.length;
  const tree = parsePage(processor, text);
  processor.runSync(tree, file);
  if (bom) {
    for (const m of file.messages.slice(before)) if (m.line === 1 && m.column) m.column += bom;
  }
  const { parsed } = file.data;
  // The page's facts live on in `parsed`; the vfile goes back as it came, plus its messages.
  for (const key of ['markdown', 'lastUpdated', 'subcollection', 'parsed'] as const) delete file.data[key];
  return parsed ?? { file: file.path || '', tables: [], overviews: [], source: { file: file.path || '', line: 1 } };
}
