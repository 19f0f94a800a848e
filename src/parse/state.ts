/** What the parse plugins share through `file.data` (the processor is built once, reused). */
import type { Node } from 'mdast';
import type { VFile } from 'vfile';
import type { ParseContext } from './context.js';

export interface ParseState {
  ctx: ParseContext;
  /** The normalised text the tree was parsed from (cells are rendered from slices of it). */
  text: string;
  lastUpdated?: string;
  /** The front matter's `subcollection`: the docs collection the page belongs to. */
  subcollection?: string;
  /** Block attribute lists, by the block they qualify. */
  attributes: Map<Node, BlockAttributes>;
  /** Paragraph content range once its attribute lines are cut off: [start, end) offsets. */
  contentRange: Map<Node, [number, number]>;
}

export interface BlockAttributes {
  ids: string[];
  classes: string[];
  refs: string[];
  pairs: Map<string, string>;
  /** Where the first attribute list stood. */
  place: { line: number; column: number };
}

export function state(file: VFile): ParseState {
  const s = file.data.respmatrix as ParseState | undefined;
  if (!s) throw new Error('parse state missing: use parseMarkdownSource');
  return s;
}
