/**
 * remark plugin: make the document parse skip inline syntax. Every inline text (cells,
 * headings, paragraphs) is rendered later from its source slice by renderInline, so the
 * tree only needs blocks; skipping emphasis, links, autolinks and so on makes parsing much
 * faster. Character escapes stay on: `\|` inside a table cell must not split it.
 */
import type { Processor } from 'unified';

const INLINE_CONSTRUCTS = [
  'attention', 'autolink', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText',
  'labelEnd', 'labelStartImage', 'labelStartLink', 'wwwAutolink', 'protocolAutolink', 'emailAutolink',
  'strikethrough', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall',
];

type Extension = { transforms?: unknown[] } | Extension[];

/** Tree transforms (GFM's autolink-literal pass over every text node) have nothing to do here. */
function withoutTransforms(ext: Extension): Extension {
  if (Array.isArray(ext)) return ext.map(withoutTransforms);
  return ext.transforms ? { ...ext, transforms: [] } : ext;
}

export default function blockOnly(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: Extension[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: INLINE_CONSTRUCTS } });
  if (data.fromMarkdownExtensions) data.fromMarkdownExtensions = data.fromMarkdownExtensions.map(withoutTransforms);
}
