/**
 * Task alignment check: the comparison lines rows up by canonical task, so a row whose task
 * exists in only one offering of an area is shown alone. When another offering of the same
 * area has a row with a similar name, the two are probably the same duty worded differently;
 * warn (`unaligned-task`) at the row and say which alias to add to tasks.yaml.
 */
import { distance } from 'fastest-levenshtein';
import type { TaskConfig } from '../config/types.js';
import { normaliseTaskName } from '../config/parse-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Offering, Row, Site } from './types.js';

/** How similar two task names must be (0..1) to be suggested as one task. */
export const SIMILARITY_THRESHOLD = 0.5;
const THRESHOLD = SIMILARITY_THRESHOLD;
const STOPWORDS = new Set(['a', 'an', 'and', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'your']);

interface Placed {
  offering: Offering;
  offeringIndex: number;
  /** Offerings of one family are one unit (see below). */
  unit: string;
  areaId: string;
  row: Row;
}

export function checkAlignment(site: Site, tasks: readonly TaskConfig[]): Diagnostic[] {
  const configured = new Set(tasks.map((t) => t.id));
  const byArea = new Map<string, Placed[]>();
  site.offerings.forEach((offering, offeringIndex) => {
    const unit = offering.family ?? `offering:${offering.id}`;
    for (const section of offering.sections) {
      const list = byArea.get(section.areaId) ?? [];
      for (const row of section.rows) list.push({ offering, offeringIndex, unit, areaId: section.areaId, row });
      byArea.set(section.areaId, list);
    }
  });
  const diagnostics: Diagnostic[] = [];
  for (const placed of byArea.values()) {
    // Offerings of one family (tiers of one product) count as one: a task only they share
    // is still compared with nothing outside the family.
    const unitsOf = new Map<string, Set<string>>();
    // Sets, in first-seen order: a task most offerings share would make lists quadratic.
    const namesOf = new Map<string, Set<string>>();
    for (const p of placed) {
      const units = unitsOf.get(p.row.taskId) ?? new Set();
      units.add(p.unit);
      unitsOf.set(p.row.taskId, units);
      const names = namesOf.get(p.row.taskId) ?? new Set();
      names.add(p.offering.name);
      namesOf.set(p.row.taskId, names);
    }
    const alone = (p: Placed) => (unitsOf.get(p.row.taskId)?.size ?? 0) === 1;
    const runs = runEnds(placed);
    const warned = new Set<string>();
    for (const p of placed) {
      // A task named in tasks.yaml was aligned on purpose; only rows that matched no task are
      // suspects, and each suspect task is reported once per area (at its first row).
      if (!alone(p) || configured.has(p.row.taskId) || warned.has(p.row.taskId)) continue;
      const match = bestMatch(p, placed, runs, (o) => configured.has(o.row.taskId) || !alone(o));
      if (!match) continue;
      warned.add(p.row.taskId);
      diagnostics.push(warning(p, [...(namesOf.get(p.row.taskId) ?? [])], match, configured, tasks));
    }
  }
  return diagnostics;
}

/** For each place, the index just after the run of places of the same offering it is in. */
function runEnds(placed: readonly Placed[]): number[] {
  const ends = new Array<number>(placed.length);
  for (let i = placed.length - 1; i >= 0; i--) {
    const next = placed[i + 1];
    ends[i] = next && next.offering === placed[i]!.offering ? ends[i + 1]! : i + 1;
  }
  return ends;
}

/**
 * The most similar row of another offering in the same area that is not already this row's
 * task. Rows are compared by distinct name, so large sites with repeated names stay fast, and
 * the row's own offering is stepped over at once, so one big table costs no more than its rows.
 */
function bestMatch(p: Placed, placed: Placed[], runs: readonly number[], settled: (other: Placed) => boolean): Placed | undefined {
  let best: Placed | undefined;
  let bestScore = 0;
  const scores = new Map<string, number>();
  for (let i = 0; i < placed.length; i++) {
    const other = placed[i]!;
    if (other.offering.id === p.offering.id) {
      i = runs[i]! - 1;
      continue;
    }
    if (other.row.taskId === p.row.taskId) continue;
    // Two unaligned rows would suggest each other; warn only at the later offering's row.
    if (!settled(other) && other.offeringIndex > p.offeringIndex) continue;
    let score = scores.get(other.row.task);
    if (score === undefined) {
      score = similarity(p.row.task, other.row.task);
      scores.set(other.row.task, score);
    }
    if (score > bestScore || (score === bestScore && best && other.offeringIndex < best.offeringIndex)) {
      if (score < THRESHOLD) continue;
      best = other;
      bestScore = score;
    }
  }
  return best;
}

function warning(
  p: Placed,
  holders: string[],
  match: Placed,
  configured: Set<string>,
  tasks: readonly TaskConfig[],
): Diagnostic {
  const task = match.row.taskId;
  const existing = configured.has(task) ? tasks.find((t) => t.id === task) : undefined;
  const advice = existing
    ? `add "${p.row.task}" to the aliases of task "${existing.id}" in tasks.yaml`
    : `add a task to tasks.yaml: { id: ${task}, area: ${p.areaId}, aliases: [${yamlString(match.row.task)}, ${yamlString(p.row.task)}] }`;
  return {
    file: p.row.source.file,
    line: p.row.source.line,
    column: p.row.source.column ?? 1,
    severity: 'warning',
    rule: 'unaligned-task',
    message:
      `Task "${p.row.task}" appears only in ${holders.join(' and ')} in this area, but looks like ` +
      `"${match.row.task}" of ${match.offering.name}; to compare them, ${advice}`,
  };
}

/**
 * Similarity of two task names (0..1): word overlap (Dice) when it is high or when every word
 * of the shorter name is in the longer one ("Monitoring" / "Monitor the system"), or closeness
 * by edit distance for typos. Anything else scores 0.
 */
export function similarity(a: string, b: string): number {
  const na = normaliseTaskName(a);
  const nb = normaliseTaskName(b);
  if (na === nb) return 1;
  const ta = tokens(na);
  const tb = tokens(nb);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared += 1;
  const dice = ta.size + tb.size === 0 ? 0 : (2 * shared) / (ta.size + tb.size);
  const contained = shared > 0 && shared === Math.min(ta.size, tb.size);
  const words = dice > THRESHOLD || contained ? dice : 0;
  const longest = Math.max(na.length, nb.length);
  // Edit distance only matters for near-identical lengths; skip the quadratic work otherwise.
  if (Math.abs(na.length - nb.length) > longest * 0.2) return words;
  const edit = 1 - distance(na, nb) / longest;
  return Math.max(words, edit >= 0.8 ? edit : 0);
}

function tokens(name: string): Set<string> {
  const out = new Set<string>();
  for (const word of name.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!STOPWORDS.has(word)) out.add(stem(word));
  }
  return out;
}

/** Just enough stemming for task names: monitoring/monitor, incidents/incident, backups/backup. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function yamlString(text: string): string {
  return /^[\w ()-]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * Many `unaligned-task` warnings are noise together: more than one become one warning (at the
 * first) with the count and the command that proposes the tasks.yaml fixing them all.
 */
export function summariseUnaligned(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const unaligned = diagnostics.filter((d) => d.rule === 'unaligned-task');
  const first = unaligned[0];
  if (unaligned.length < 2 || !first) return [...diagnostics];
  const summary: Diagnostic = {
    ...first,
    message:
      `${unaligned.length} tasks appear in one offering of an area only but look like a task of another; ` +
      'run `respmatrix tasks --suggest` to propose a tasks.yaml that lines them up (`check --verbose` lists them)',
  };
  return diagnostics.filter((d) => d.rule !== 'unaligned-task' || d === first).map((d) => (d === first ? summary : d));
}
