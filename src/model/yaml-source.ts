/**
 * YAML sources (README, "YAML sources"): `content/sources/*.yaml` -> the same ParsedSource a Markdown
 * page yields, so one function builds offerings from both and the same matrix written either
 * way gives an equal model. Every text goes through renderInline with its position in the
 * YAML file, so keyref and HTML problems point into the YAML.
 */
import type { VFile } from 'vfile';
import { validateWithPositions } from '../config/validate.js';
import { report } from '../diagnostics.js';
import { parseYaml, type PositionMap } from '../config/yaml.js';
import type { ParseContext } from '../parse/context.js';
import { renderInlineWith, type InlineOptions } from '../parse/inline.js';
import type { ParsedHeading, ParsedRow, ParsedSource, ParsedTable } from '../parse/types.js';
import type { Rich, SourceRef } from './types.js';
import { validateYamlSource } from '../config/validators.generated.js';

interface YamlRow {
  task: string;
  group?: string;
  provider?: string | null;
  customer?: string | null;
}

interface YamlTableFields {
  heading?: string;
  anchor?: string;
  aliases?: string[];
  intro?: string;
  caption?: string;
  summary?: string;
  rows?: YamlRow[];
}

interface YamlArea extends YamlTableFields {
  heading: string;
  tables?: YamlTableFields[];
}

interface YamlSource {
  title: string;
  lastUpdated?: string;
  summary?: string;
  /** The published page this source transcribes (a Markdown source's is derived from its front matter). */
  sourceUrl?: string;
  areas: YamlArea[];
}

/** Headings of areas are H2 and of tables H3, as in an IBM page, so both kinds compare equal. */
const AREA_DEPTH = 2;
const TABLE_DEPTH = 3;

/** Parse a YAML source; problems are reported on `file` (whose path is relative to the content folder). */
export function parseYamlSource(file: VFile, ctx: ParseContext): ParsedSource {
  const relative = file.path;
  const empty: ParsedSource = { file: relative, tables: [], overviews: [], source: { file: relative, line: 1, column: 1 } };
  const doc = parseYaml(String(file.value ?? ''), file);
  if (!doc.ok) return empty;
  const data = doc.data ?? {};
  if (validateWithPositions(validateYamlSource, data, doc.positions, file).length > 0) return empty;
  if (!rowsOrTables(data as YamlSource, doc.positions, file)) return empty;
  return new YamlSourceReader(file, ctx, doc.positions).read(data as YamlSource);
}

/** An area lists its rows directly or its tables, not both (which rows would belong where?). */
function rowsOrTables(data: YamlSource, positions: PositionMap, file: VFile): boolean {
  let ok = true;
  data.areas.forEach((area, a) => {
    if (area.tables === undefined || (area.rows === undefined && area.caption === undefined && area.summary === undefined)) return;
    const message = `Area "${area.heading}" has both "tables" and its own rows, caption or summary: put them in one of its tables`;
    report(file, 'schema', message, positions.key(`/areas/${a}/tables`), 'error');
    ok = false;
  });
  return ok;
}

class YamlSourceReader {
  constructor(
    private readonly file: VFile,
    private readonly ctx: ParseContext,
    private readonly positions: PositionMap,
  ) {}

  read(data: YamlSource): ParsedSource {
    const source: ParsedSource = {
      file: this.file.path,
      title: this.plain(data.title, '/title'),
      tables: [],
      overviews: [],
      source: this.ref('/title'),
    };
    if (data.lastUpdated !== undefined) source.lastUpdated = data.lastUpdated;
    if (data.sourceUrl !== undefined) source.docsUrl = data.sourceUrl;
    const summary = this.rich(data.summary, '/summary');
    if (summary) source.summary = summary;
    data.areas.forEach((area, a) => {
      const base = `/areas/${a}`;
      const heading = this.heading(area, base, AREA_DEPTH);
      if (area.tables) {
        area.tables.forEach((table, t) => source.tables.push(this.table(table, `${base}/tables/${t}`, [heading])));
      } else {
        source.tables.push(this.table({ ...area, heading: undefined }, base, [heading]));
      }
    });
    return source;
  }

  /** A table under its area heading, with its own H3 heading when it names one. */
  private table(table: YamlTableFields, base: string, outer: ParsedHeading[]): ParsedTable {
    const own = table.heading !== undefined ? this.heading(table, base, TABLE_DEPTH) : undefined;
    const headings = own ? [...outer, own] : outer;
    const nearest = headings[headings.length - 1];
    const result: ParsedTable = {
      headings,
      aliases: own ? [] : [...(table.aliases ?? [])],
      rows: (table.rows ?? []).map((row, r) => this.row(row, `${base}/rows/${r}`)),
      source: this.ref(`${base}/rows`),
    };
    // A table without its own heading takes its anchor from the area heading, like Markdown.
    const anchor = own ? own.anchor : (table.anchor ?? nearest?.anchor);
    if (anchor !== undefined) result.anchor = anchor;
    if (table.caption !== undefined) result.caption = this.plain(table.caption, `${base}/caption`);
    if (table.summary !== undefined) result.summary = this.plain(table.summary, `${base}/summary`);
    return result;
  }

  private heading(fields: YamlTableFields, base: string, depth: number): ParsedHeading {
    const heading: ParsedHeading = {
      depth,
      text: this.plain(fields.heading ?? '', `${base}/heading`),
      aliases: [...(fields.aliases ?? [])],
      source: this.ref(`${base}/heading`),
    };
    if (fields.anchor !== undefined) heading.anchor = fields.anchor;
    const intro = this.rich(fields.intro, `${base}/intro`);
    if (intro) heading.intro = intro;
    return heading;
  }

  private row(row: YamlRow, base: string): ParsedRow {
    const parsed: ParsedRow = {
      task: this.plain(row.task, `${base}/task`),
      provider: this.cell(row.provider, `${base}/provider`),
      customer: this.cell(row.customer, `${base}/customer`),
      source: this.ref(base),
    };
    if (row.group !== undefined) parsed.group = this.plain(row.group, `${base}/group`);
    return parsed;
  }

  /** A duty cell: empty, missing and placeholders (`N/A`) all mean no duty is listed. */
  private cell(value: string | null | undefined, pointer: string): Rich {
    if (value === undefined || value === null) return { text: '', html: '' };
    return this.render(value, pointer, {});
  }

  /** Prose (summary, intro): inline Markdown, blank lines separating paragraphs. */
  private rich(value: string | undefined, pointer: string): Rich | undefined {
    if (value === undefined || value.trim() === '') return undefined;
    const rich = this.render(value, pointer, { placeholders: false });
    return rich.html === '' ? undefined : rich;
  }

  /** Headings, tasks and captions: plain text, keyrefs resolved. */
  private plain(value: string, pointer: string): string {
    return this.render(value, pointer, { placeholders: false }).text;
  }

  /**
   * Render a value as inline Markdown. A value written over several lines is rendered from
   * its lines as written, and messages on its later lines get their indentation back, so
   * every position points at the right character of the YAML file.
   */
  private render(value: string, pointer: string, options: InlineOptions): Rich {
    const lines = this.positions.lines(pointer);
    if (!lines) return renderInlineWith(value, this.ctx, this.file, this.positions.get(pointer), options);
    const before = this.file.messages.length;
    const rich = renderInlineWith(lines.text, this.ctx, this.file, lines.place, options);
    for (const message of this.file.messages.slice(before)) {
      const k = (message.line ?? lines.place.line) - lines.place.line;
      if (k <= 0 || message.column === undefined) continue;
      message.column += lines.indents[k] ?? 0;
      if (message.place && 'line' in message.place) message.place = { line: message.line ?? 1, column: message.column };
    }
    return rich;
  }

  private ref(pointer: string): SourceRef {
    const { line, column } = this.positions.get(pointer);
    return { file: this.file.path, line, column };
  }
}
