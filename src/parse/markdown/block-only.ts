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
const SKIPPED = new Set(INLINE_CONSTRUCTS);

interface Construct { name?: string }
type Constructs = Record<string, Construct | Construct[]>;
type Extension = { transforms?: unknown[]; text?: Constructs } | Extension[];

/** Tree transforms (GFM's autolink-literal pass over every text node) have nothing to do here. */
function withoutTransforms(ext: Extension): Extension {
  if (Array.isArray(ext)) return ext.map(withoutTransforms);
  return ext.transforms ? { ...ext, transforms: [] } : ext;
}

/**
 * Disabled constructs are still tried, and fail, wherever their first character occurs: GFM's
 * email autolink at every letter and digit of every paragraph. Leaving the inline ones of the
 * extensions out gives the same tree without the attempts.
 */
function withoutInline(ext: Extension): Extension {
  if (Array.isArray(ext)) return ext.map(withoutInline);
  if (!ext.text) return ext;
  const text: Constructs = {};
  for (const [code, value] of Object.entries(ext.text)) {
    const kept = (Array.isArray(value) ? value : [value]).filter((c) => !c.name || !SKIPPED.has(c.name));
    if (kept.length > 0) text[code] = kept;
  }
  return { ...ext, text };
}

export default function blockOnly(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: Extension[] };
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(withoutInline);
  data.micromarkExtensions.push({ disable: { null: INLINE_CONSTRUCTS } } as Extension);
  if (data.fromMarkdownExtensions) data.fromMarkdownExtensions = data.fromMarkdownExtensions.map(withoutTransforms);
}
