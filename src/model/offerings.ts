/**
 * ParsedSource[] -> offerings, areas and canonical tasks. Markdown and YAML sources meet here,
 * so the same matrix written either way gives an equal model. Pure: no file system.
 */
import type { ContentConfig, OfferingConfig, TableSelector } from '../config/types.js';
import type { Diagnostic } from '../diagnostics.js';
import { slugify } from '../shared/slug.js';
import type { ParsedSource, ParsedTable } from '../parse/types.js';
import { AreaRegistry } from './areas.js';
import { productName } from './names.js';
import { TaskMatcher } from './tasks.js';
import type { Area, CanonicalTask, Offering, OverviewMatrix, Rich, Row, Section } from './types.js';

/** Renders an offering's `summary` from site.yaml (Markdown; the parse stage supplies it). */
export type SummaryRenderer = (markdown: string) => Rich | undefined;

export interface BuiltOfferings {
  offerings: Offering[];
  areas: Area[];
  tasks: CanonicalTask[];
  /**
   * Per offering, what it was made of besides its source's tables and facts: its entry in
   * site.yaml and every answer the registries gave it (areas, task ids, former ids), which
   * depend on the sources before it. With its source's parse, this determines the offering:
   * a rebuild keys what it reuses with both instead of digesting the offering.
   */
  inputs: string[];
}

interface Plan {
  id: string;
  name: string;
  family?: string;
  summary?: string;
  /** site.yaml's `sourceUrl`: overrides the address derived from the source. */
  sourceUrl?: string;
  source: ParsedSource;
  tables: ParsedTable[];
}

export function buildOfferings(
  sources: ParsedSource[], config: ContentConfig, diagnostics: Diagnostic[], renderSummary: SummaryRenderer,
): BuiltOfferings {
  const registry = new AreaRegistry(config.site.areas);
  const tasks = new TaskMatcher(config.tasks);
  const offerings: Offering[] = [];
  const inputs: string[] = [];
  for (const plan of plans(sources, config, diagnostics)) {
    const taken: string[] = [];
    offerings.push(buildOffering(plan, registry, tasks, config, diagnostics, renderSummary, taken));
    // One piece per answer: no id holds a space or a NUL, and text goes in as JSON.
    inputs.push(taken.join('\0'));
  }
  return { offerings, areas: registry.areas(), tasks: tasks.list(), inputs };
}

function fileStem(file: string): string {
  const base = file.split('/').pop() ?? file;
  return base.replace(/\.[^.]*$/, '');
}

/** The id of the offering a source makes when site.yaml lists no offerings: its file's name, as a slug. */
export function sourceOfferingId(file: string): string {
  return slugify(fileStem(file)) || 'offering';
}

function plans(sources: ParsedSource[], config: ContentConfig, diagnostics: Diagnostic[]): Plan[] {
  const configured = config.site.offerings;
  if (!configured) {
    return sources.map((source) => {
      const id = sourceOfferingId(source.file);
      return { id, name: source.title ? productName(source.title) : id, source, tables: source.tables };
    });
  }
  // By path and by path below `sources/`: one lookup per offering, not a scan.
  const byFile = new Map<string, ParsedSource>();
  for (const s of sources) {
    byFile.set(s.file, s);
    const rel = s.file.replace(/^(?:.*\/)?sources\//, '');
    if (!byFile.has(rel)) byFile.set(rel, s);
  }
  const out: Plan[] = [];
  for (const oc of configured) {
    const source = byFile.get(oc.source);
    if (!source) continue; // the loader reports offerings whose source is missing
    const tables = oc.tables ? source.tables.filter((t) => matches(t, oc.tables as TableSelector)) : source.tables;
    if (tables.length === 0) {
      diagnostics.push({
        file: 'site.yaml', line: 1, column: 1, severity: 'error', rule: 'missing-area',
        message: `Offering "${oc.id}": no table of ${oc.source} matches its table selector ${describe(oc)}`,
      });
    }
    const name = oc.name ?? (source.title ? productName(source.title) : oc.id);
    const plan: Plan = { id: oc.id, name, source, tables };
    if (oc.family !== undefined) plan.family = oc.family;
    if (oc.summary !== undefined) plan.summary = oc.summary;
    if (oc.sourceUrl !== undefined) plan.sourceUrl = oc.sourceUrl;
    out.push(plan);
  }
  return out;
}

function describe(oc: OfferingConfig): string {
  return JSON.stringify(oc.tables ?? {});
}

export function matches(table: ParsedTable, sel: TableSelector): boolean {
  if (sel.anchorSuffix !== undefined && !(table.anchor ?? '').endsWith(sel.anchorSuffix)) return false;
  if (sel.captionIncludes !== undefined && !(table.caption ?? '').includes(sel.captionIncludes)) return false;
  if (sel.headingIncludes !== undefined && !table.headings.some((h) => h.text.includes(sel.headingIncludes as string))) return false;
  return true;
}

function buildOffering(
  plan: Plan, registry: AreaRegistry, tasks: TaskMatcher, config: ContentConfig, diagnostics: Diagnostic[],
  renderSummary: SummaryRenderer, taken: string[],
): Offering {
  const { source: _source, tables: _tables, ...entry } = plan;
  // Which of the source's tables, not the tables themselves: they come with the source.
  taken.push(JSON.stringify([entry, plan.tables.map((table) => plan.source.tables.indexOf(table))]));
  const offering: Offering = { id: plan.id, name: plan.name, source: plan.source.source, sections: [] };
  if (plan.family !== undefined) offering.family = plan.family;
  if (plan.source.lastUpdated !== undefined) offering.lastUpdated = plan.source.lastUpdated;
  const sourceUrl = plan.sourceUrl ?? plan.source.docsUrl;
  if (sourceUrl !== undefined) offering.sourceUrl = sourceUrl;
  if (plan.source.title) offering.sourceTitle = plan.source.title;
  const summary = plan.summary !== undefined ? renderSummary(plan.summary) : plan.source.summary;
  if (plan.summary !== undefined) taken.push(`summary ${JSON.stringify(summary ?? null)}`);
  if (summary) offering.summary = summary;
  const used = new Set<string>();
  const unique = (id: string): string => {
    let candidate = id;
    for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
    used.add(candidate);
    return candidate;
  };
  for (const table of plan.tables) {
    const area = registry.areaOf(table.headings, plan.source.title ?? '');
    taken.push(`area ${area.id} ${JSON.stringify(area.title)}`);
    const own = table.headings[table.headings.length - 1];
    const anchor = unique(table.anchor ?? (slugify(own?.text ?? area.title) || area.id));
    const section: Section = {
      areaId: area.id,
      anchor,
      aliases: legacyAliases(table, anchor, area.id),
      title: own?.text ?? area.title,
      source: table.source,
      rows: [],
    };
    // The nearest heading with an intro: a tier heading often has none, its area heading does.
    const intro = [...table.headings].reverse().find((h) => h.intro)?.intro;
    if (intro) section.intro = intro;
    if (table.caption !== undefined) section.caption = table.caption;
    for (const row of table.rows) {
      const taskId = tasks.idFor(row.task, area.id);
      taken.push(taskId);
      const built: Row = { anchor: unique(`${area.id}--${taskId}`), task: row.task, taskId, provider: row.provider, customer: row.customer, source: row.source };
      // tasks.yaml formerIds: the row's old anchors keep resolving (alias ids on the row).
      const former = tasks.formerIds(taskId);
      if (former.length > 0) {
        taken.push(`former ${former.join(' ')}`);
        built.aliases = former.map((id) => `${area.id}--${id}`);
      }
      section.rows.push(row.group === undefined ? built : { ...built, group: row.group });
    }
    offering.sections.push(section);
  }
  const overview = plan.source.overviews[0];
  if (overview) {
    offering.overview = mapOverview(overview, registry);
    taken.push(`overview ${JSON.stringify(offering.overview.areaIds)}`);
  }
  return offering;
}

/**
 * Ids the source gave this table and its headings (`{: #incident-and-ops}` on the area's H2,
 * `aliases="..."`): links written against the source page keep their fragment on ours.
 */
function legacyAliases(table: ParsedTable, anchor: string, areaId: string): string[] {
  const ids = new Set<string>();
  const add = (id: string | undefined): void => {
    if (id && id !== anchor && id !== areaId) ids.add(id);
  };
  table.aliases.forEach(add);
  for (const h of table.headings) {
    add(h.anchor);
    h.aliases.forEach(add);
  }
  return [...ids];
}

function mapOverview(matrix: OverviewMatrix, registry: AreaRegistry): OverviewMatrix {
  return { ...matrix, areaIds: matrix.areaIds.map((ref) => registry.mapOverviewColumn(ref)) };
}
