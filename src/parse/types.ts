/**
 * What parsing one source file yields, before tables are assigned to offerings and areas.
 * Markdown sources (src/parse/markdown) and YAML sources (src/parse/yaml) both produce this,
 * and one function (src/model/offerings.ts) turns it into model offerings, so the same matrix
 * written either way gives an equal model.
 */

/** Rendered Markdown: sanitised HTML plus its plain text (for search, CSV and comparison). */
export interface Rich {
  text: string;
  html: string;
}

/** Where something came from in the content folder (paths relative to the content folder). */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

export type OverviewCell = 'provider' | 'customer' | 'shared';

/** A "responsibilities by resource" matrix: one row per resource, one cell per area. */
export interface OverviewMatrix {
  caption?: string;
  anchor?: string;
  areaIds: string[];
  rows: { resource: string; cells: OverviewCell[] }[];
  source: SourceRef;
}

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
  /** The page's address on the docs site, when its front matter and H1 id give it (src/parse/markdown/docs-url.ts). */
  docsUrl?: string;
  /** The `{: shortdesc}` paragraph(s) of the page. */
  summary?: Rich;
  tables: ParsedTable[];
  overviews: OverviewMatrix[];
  source: SourceRef;
}
