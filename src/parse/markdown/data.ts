/**
 * What the parse plugins leave for each other, the unified way: facts about one block on its
 * node (`node.data`), facts about the page and the result on the vfile (`file.data`). Both are
 * typed here by augmenting mdast's `Data` and vfile's `DataMap`.
 */
import type { VFile } from 'vfile';
import type { ParseContext } from '../context.js';
import type { ParsedSource } from '../types.js';

export interface BlockAttributes {
  ids: string[];
  classes: string[];
  refs: string[];
  pairs: Map<string, string>;
  /** Where the first attribute list stood. */
  place: { line: number; column: number };
}

declare module 'mdast' {
  interface Data {
    /** The kramdown attribute lists that qualify this block (attributes.ts). */
    blockAttributes?: BlockAttributes;
    /** The block's content once its attribute lines are cut off: [start, end) offsets. */
    contentRange?: [number, number];
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The normalised text the tree was parsed from, when it differs from `file.value`. */
    markdown: string;
    /** The front matter's `lastupdated`, as written (a date as YYYY-MM-DD). */
    lastUpdated: string;
    /** The front matter's `subcollection`: the docs collection the page belongs to. */
    subcollection: string;
    /** What structure.ts read from the page. */
    parsed: ParsedSource;
  }
}

/** The text positions in the tree refer to (cells and headings are rendered from slices of it). */
export function pageText(file: VFile): string {
  return file.data.markdown ?? String(file.value ?? '');
}

/** What the table and cell readers need: the page's text and the parse context. */
export interface PageSource {
  ctx: ParseContext;
  text: string;
}
