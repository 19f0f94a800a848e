/**
 * `respmatrix tasks --suggest`: a proposed tasks.yaml for a catalog. Within each area, rows that
 * matched no configured task are clustered by name (the same similarity the `unaligned-task`
 * check uses); a cluster whose names come from at least two offerings becomes one task, named
 * after its most used name, with every name as an alias. Configured tasks are kept first, as
 * they are. Pure: the command prints the result for a maintainer to review and commit.
 */
import type { TaskConfig } from '../config/types.js';
import { slugify } from '../shared/slug.js';
import { similarity, SIMILARITY_THRESHOLD } from './align.js';
import { taskKey } from './tasks.js';
import type { Site } from './types.js';
import { collapse } from '../shared/plain-text.js';

interface Name {
  /** The name as first written. */
  text: string;
  /** Offerings (or families) that use it. */
  units: Set<string>;
  uses: number;
}

/** Proposed tasks: the configured ones, then one per cluster of similar names across offerings. */
export function suggestTasks(site: Site, configured: readonly TaskConfig[]): TaskConfig[] {
  const known = new Set(configured.map((t) => t.id));
  const ids = new Set(known);
  const proposals: TaskConfig[] = [];
  for (const area of site.areas) {
    const names = new Map<string, Name>();
    for (const offering of site.offerings) {
      const unit = offering.family ?? `offering:${offering.id}`;
      for (const section of offering.sections) {
        if (section.areaId !== area.id) continue;
        for (const row of section.rows) {
          if (known.has(row.taskId)) continue;
          const key = taskKey(row.task);
          if (!key) continue;
          const name = names.get(key) ?? { text: collapse(row.task), units: new Set(), uses: 0 };
          name.units.add(unit);
          name.uses += 1;
          names.set(key, name);
        }
      }
    }
    for (const cluster of clusters([...names.values()])) {
      const units = new Set(cluster.flatMap((n) => [...n.units]));
      if (units.size < 2 || cluster.length < 2) continue;
      const ranked = [...cluster].sort((a, b) => b.units.size - a.units.size || b.uses - a.uses || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      const title = (ranked[0] as Name).text;
      let id = slugify(title) || 'task';
      if (ids.has(id)) id = `${id}-${area.id}`;
      for (let n = 2; ids.has(id); n++) id = `${slugify(title)}-${area.id}-${n}`;
      ids.add(id);
      proposals.push({ id, title, area: area.id, aliases: ranked.map((n) => n.text) });
    }
  }
  return [...configured, ...proposals];
}

/**
 * Clusters around leaders: names in order of use (most offerings first); each joins the first
 * cluster whose leader it resembles, else leads a new one. Unlike chaining similar pairs, this
 * never joins two unlike names through a third.
 */
function clusters(names: Name[]): Name[][] {
  const ordered = [...names].sort((a, b) => b.units.size - a.units.size || b.uses - a.uses);
  const groups: Name[][] = [];
  for (const name of ordered) {
    const home = groups.find((g) => similarity((g[0] as Name).text, name.text) >= SIMILARITY_THRESHOLD);
    if (home) home.push(name);
    else groups.push([name]);
  }
  return groups;
}

/** tasks.yaml text for the proposal, with a header saying what it is. */
export function formatTasksYaml(tasks: readonly TaskConfig[], configuredCount: number): string {
  const lines = [
    '# Proposed by `respmatrix tasks --suggest`: review, then save as content/tasks.yaml.',
    `# ${configuredCount} configured task${configuredCount === 1 ? '' : 's'} kept, ${tasks.length - configuredCount} proposed: rows whose names`,
    '# mean the same thing in different offerings of an area, so the comparison lines them up.',
  ];
  tasks.forEach((task, i) => {
    if (i === configuredCount) lines.push('', '# Proposed');
    lines.push(`- id: ${task.id}`, `  title: ${yamlString(task.title)}`);
    if (task.area !== undefined) lines.push(`  area: ${task.area}`);
    lines.push(`  aliases: [${task.aliases.map(yamlString).join(', ')}]`);
    if (task.formerIds?.length) lines.push(`  formerIds: [${task.formerIds.join(', ')}]`);
  });
  return `${lines.join('\n')}\n`;
}

function yamlString(text: string): string {
  return /^[A-Za-z0-9][\w ()/-]*$/.test(text) && !/^(?:true|false|null|yes|no|on|off)$/i.test(text) ? text : JSON.stringify(text);
}
