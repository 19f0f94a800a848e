/**
 * Which NIST SP 800-53 controls each row concerns: its task's `controls` (tasks.yaml), else its
 * area's (site.yaml). Shared by the OSCAL export and `respmatrix check --oscal`.
 */
import type { Diagnostic } from '../../../diagnostics.js';
import type { Offering, Row, Section, Site } from '../../../model/types.js';
import { byCodeUnit } from '../../../shared/order.js';

export interface RowControls {
  offering: Offering;
  section: Section;
  row: Row;
  /** Sorted control ids; empty when neither the task nor the area names any. */
  controls: string[];
}

/** Every row of the site, in page order, with its controls. */
export function rowControls(site: Site): RowControls[] {
  return site.offerings.flatMap(controlsOf(site));
}

/** The rows of an offering of `site`, in page order, with their controls. */
export function controlsOf(site: Site): (offering: Offering) => RowControls[] {
  // Sorted once per task and area, not once per row (a catalog has tens of thousands).
  const sorted = (controls: readonly string[] | undefined) => [...(controls ?? [])].sort(compareControlIds);
  const byTask = new Map(site.tasks.map((t) => [t.id, sorted(t.controls)]));
  const byArea = new Map(site.areas.map((a) => [a.id, sorted(a.controls)]));
  return (offering) => {
    const out: RowControls[] = [];
    for (const section of offering.sections) {
      for (const row of section.rows) {
        const own = byTask.get(row.taskId) ?? [];
        const controls = own.length > 0 ? own : (byArea.get(section.areaId) ?? []);
        out.push({ offering, section, row, controls: [...controls] });
      }
    }
    return out;
  };
}

export interface Coverage {
  mapped: number;
  total: number;
}

export function coverage(rows: readonly RowControls[]): Coverage {
  return { mapped: rows.filter((r) => r.controls.length > 0).length, total: rows.length };
}

/** `OSCAL coverage: 40 of 52 rows (77%) map to NIST SP 800-53 controls`. */
export function coverageLine({ mapped, total }: Coverage): string {
  const percent = total === 0 ? 0 : Math.floor((mapped * 100) / total);
  return `OSCAL coverage: ${mapped} of ${total} rows (${percent}%) map to NIST SP 800-53 controls`;
}

/** One info per row that maps to no control, at the row in its source. */
export function unmappedDiagnostics(rows: readonly RowControls[]): Diagnostic[] {
  return rows
    .filter((r) => r.controls.length === 0)
    .map(({ offering, section, row }) => ({
      file: row.source.file,
      line: row.source.line,
      column: row.source.column ?? 1,
      severity: 'info' as const,
      rule: 'unmapped-control' as const,
      message:
        `Row "${row.task}" of ${offering.name} maps to no control: give task "${row.taskId}" controls in tasks.yaml` +
        ` (or area "${section.areaId}" in site.yaml)`,
    }));
}

/**
 * Control order as catalogs list them: family, then number, then enhancement (`ac-2` < `ac-2.1` < `ac-10`).
 * Families compare by code unit (the schema allows two lower-case letters only): the same on
 * every machine, and no collator to set up.
 */
export function compareControlIds(a: string, b: string): number {
  const pa = parseControlId(a);
  const pb = parseControlId(b);
  return byCodeUnit(pa.family, pb.family) || pa.number - pb.number || pa.enhancement - pb.enhancement;
}

function parseControlId(id: string): { family: string; number: number; enhancement: number } {
  const m = /^([a-z]+)-(\d+)(?:\.(\d+))?$/.exec(id);
  return { family: m?.[1] ?? id, number: Number(m?.[2] ?? 0), enhancement: Number(m?.[3] ?? 0) };
}
