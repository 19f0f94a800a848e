/**
 * What parsing one source file yields, before tables are assigned to offerings and areas.
 * Markdown sources (src/parse) and YAML sources (src/model/yaml-source.ts) both produce this,
 * and one function (src/model/offerings.ts) turns it into model offerings, so the same matrix
 * written either way gives an equal model.
 */
import type { OverviewMatrix, Rich, SourceRef } from '../model/types.js';

export interface ParsedHeading {
  depth: number;
  /** Plain text with keyrefs resolved. */
  text: string;
  /** From `{: #id}`; a space inside an id is recovered as `-`. */
  anchor?: string;
  /** Extra ids, from `aliases="a b"` on the heading's attribute list. */
  aliases: string[];
  /** Paragraphs between this heading and the next heading or table. */
  intro?: Rich;
  source: SourceRef;
}

export interface ParsedRow {
  task: string;
  /** First-column value of a four-column table (`Area | Activity | ...`), if any. */
  group?: string;
  provider: Rich;
  customer: Rich;
  source: SourceRef;
}

/** A table with an IBM column and a customer column, in either order. */
export interface ParsedTable {
  /** Enclosing headings, outermost first (H2, then H3 when present). Never includes the H1. */
  headings: ParsedHeading[];
  /** The table's own id (`{: #id}` on the table) or else its nearest heading's anchor. */
  anchor?: string;
  aliases: string[];
  caption?: string;
  summary?: string;
  rows: ParsedRow[];
  source: SourceRef;
}

export interface ParsedSource {
  /** Path relative to the content folder. */
  file: string;
  /** H1 text, keyrefs resolved. */
  title?: string;
  lastUpdated?: string;
  /** The page's address on the docs site, when its front matter and H1 id give it (src/parse/docs-url.ts). */
  docsUrl?: string;
  /** The `{: shortdesc}` paragraph(s) of the page. */
  summary?: Rich;
  tables: ParsedTable[];
  overviews: OverviewMatrix[];
  source: SourceRef;
}
