import { describe, expect, it } from 'vitest';
import { buildComparison, cellsDiffer, dutyText, offeringPairs } from '../../src/model/compare.js';
import type { CompareRow } from '../../src/model/compare.js';
import { compareFixture } from '../fixtures/compare-fixture.js';

function rowsOf(areaId: string, offeringIds?: string[]): CompareRow[] {
  const area = buildComparison(compareFixture, offeringIds).areas.find((a) => a.area.id === areaId);
  if (!area) throw new Error(`no area ${areaId}`);
  return area.rows;
}

function cellTasks(row: CompareRow): string[][] {
  return row.cells.map((cell) => cell.rows.map((r) => r.task));
}

describe('buildComparison on the fixture', () => {
  it('keeps every area in site order, even one no offering lists', () => {
    const comparison = buildComparison(compareFixture);
    expect(comparison.areas.map((a) => a.area.id)).toEqual([
      'incident-and-ops',
      'change-management',
      'disaster-recovery',
    ]);
    expect(comparison.areas[1]?.rows).toEqual([]);
    expect(comparison.offerings).toEqual([
      { id: 'alpha', name: 'Alpha Standard' },
      { id: 'beta', name: 'Beta Dedicated' },
      { id: 'gamma', name: 'Gamma Secrets' },
    ]);
  });

  it('orders tasks by first appearance: the first offering in source order, then new tasks of the next', () => {
    expect(rowsOf('incident-and-ops').map((r) => r.taskId)).toEqual([
      'incidents',
      'availability',
      'monitoring',
      'firmware-updates',
    ]);
    // beta files availability under disaster recovery: it joins the line where alpha and gamma list it
    expect(rowsOf('disaster-recovery').map((r) => r.taskId)).toEqual(['backups']);
    // beta and gamma: one each, so the first offering (beta) decides the area
    expect(rowsOf('incident-and-ops', ['gamma', 'beta']).map((r) => r.taskId)).toEqual([
      'monitoring',
      'incidents',
      'firmware-updates',
    ]);
    expect(rowsOf('disaster-recovery', ['gamma', 'beta']).map((r) => r.taskId)).toEqual([
      'backups',
      'availability',
    ]);
  });

  it('puts each offering rows for a task in its cell, several or none', () => {
    const [incidents, availability, monitoring, firmware] = rowsOf('incident-and-ops');
    expect(cellTasks(availability!)).toEqual([
      ['Availability'],
      ['Availability'],
      ['Ensuring high availability'],
    ]);
    expect(availability!.cells.map((c) => c.placedIn)).toEqual([undefined, 'disaster-recovery', undefined]);
    expect(cellTasks(monitoring!)).toEqual([['Monitoring'], ['Monitoring'], ['Monitor the system']]);
    expect(cellTasks(incidents!)).toEqual([
      ['Incidents'],
      ['Incidents'],
      ['Incident management', 'Status page'],
    ]);
    expect(cellTasks(firmware!)).toEqual([[], ['Firmware updates'], []]);
    expect(incidents!.anchor).toBe('incident-and-ops--incidents');
    expect(firmware!.title).toBe('Firmware updates');
    expect(availability!.title).toBe('Availability');
  });

  it('flags differences per party, folding whitespace', () => {
    const [incidents, availability, monitoring] = rowsOf('incident-and-ops');
    expect(availability!.differs).toEqual({ provider: true, customer: true });
    expect(monitoring!.differs).toEqual({ provider: true, customer: false });
    expect(incidents!.differs).toEqual({ provider: true, customer: true });
    // alpha and beta word the incident duties alike up to line breaks and spacing
    expect(incidents!.cells[0]!.keys).toEqual(incidents!.cells[1]!.keys);
    expect(cellsDiffer(incidents!.cells.slice(0, 2), 'customer')).toBe(false);
  });

  it('compares only the asked offerings, in site order whatever the order asked', () => {
    const pair = rowsOf('incident-and-ops', ['beta', 'alpha']);
    expect(pair.map((r) => [r.taskId, r.differs.provider, r.differs.customer])).toEqual([
      ['incidents', false, false],
      // the same duties, filed under different areas: no difference
      ['availability', false, false],
      ['monitoring', true, false],
      ['firmware-updates', true, true],
    ]);
    expect(pair[0]!.cells.map((c) => c.offeringId)).toEqual(['alpha', 'beta']);
  });

  it('treats a missing row like a row with no duty for that party', () => {
    const [backups] = rowsOf('disaster-recovery', ['alpha', 'beta']);
    const availability = rowsOf('incident-and-ops', ['alpha', 'gamma']).find(
      (r) => r.taskId === 'firmware-updates',
    );
    expect(availability).toBeUndefined();
    expect(backups!.cells[0]!.rows[0]!.customer.text).toBe('');
    const alphaOnlyBackups = rowsOf('disaster-recovery', ['alpha'])[0]!;
    expect(alphaOnlyBackups.taskId).toBe('backups');
    expect(alphaOnlyBackups.differs).toEqual({ provider: false, customer: false });
    // a missing cell and an empty duty share the key of the empty text
    const firmware = rowsOf('incident-and-ops', ['alpha', 'beta']).find(
      (r) => r.taskId === 'firmware-updates',
    )!;
    expect(dutyText(firmware.cells[0]!.rows, 'customer')).toBe('');
  });

  it('lists every pair once, in offering order', () => {
    expect(offeringPairs(compareFixture).map(([a, b]) => `${a.id}-vs-${b.id}`)).toEqual([
      'alpha-vs-beta',
      'alpha-vs-gamma',
      'beta-vs-gamma',
    ]);
  });
});

describe('buildComparison on the shipped content', async () => {
  const { loadSite } = await import('../../src/build/load-site.js');
  const { site } = await loadSite(new URL('../../content', import.meta.url).pathname);

  function tasks(areaId: string, taskId: string): string[][] {
    const area = buildComparison(site!).areas.find((a) => a.area.id === areaId);
    const row = area?.rows.find((r) => r.taskId === taskId);
    if (!row) throw new Error(`no row ${areaId}--${taskId}`);
    return cellTasks(row);
  }

  it('compares the three shipped offerings', () => {
    expect(buildComparison(site!).offerings.map((o) => o.id)).toEqual([
      'key-protect-standard',
      'key-protect-dedicated',
      'secrets-manager',
    ]);
  });

  it('aligns the tasks the offerings word differently', () => {
    expect(tasks('incident-and-ops', 'availability')).toEqual([
      ['Availability'],
      ['Availability'],
      ['Ensuring high availability'],
    ]);
    expect(tasks('incident-and-ops', 'monitoring')).toEqual([
      ['Monitoring'],
      ['Monitoring'],
      ['Monitor the system'],
    ]);
    expect(tasks('incident-and-ops', 'incidents')).toEqual([
      ['Incidents'],
      ['Incidents'],
      ['Incident management'],
    ]);
    expect(tasks('change-management', 'service-updates')).toEqual([
      ['Applications'],
      ['Applications'],
      ['Updates, fixes, and new features'],
    ]);
    expect(tasks('iam-responsibilities', 'access-control')).toEqual([
      ['Applications'],
      ['User management'],
      ['Restricting access'],
    ]);
    expect(tasks('security-compliance', 'compliance')).toEqual([
      ['Applications'],
      ['Applications'],
      ['Meet security and compliance objectives'],
    ]);
    expect(tasks('disaster-recovery', 'backups')).toEqual([
      ['Applications'],
      ['Instance backups'],
      ['Back up of instance configuration and secrets'],
    ]);
    // Dedicated files availability under disaster recovery: its row joins the others' line,
    // and disaster recovery keeps a pointer under the row's old anchor
    expect(() => tasks('disaster-recovery', 'availability')).toThrow();
    const dr = buildComparison(site!).areas.find((a) => a.area.id === 'disaster-recovery')!;
    expect(dr.pointers).toEqual([
      {
        taskId: 'availability',
        title: 'High availability',
        anchor: 'disaster-recovery--availability',
        areaId: 'incident-and-ops',
        target: 'incident-and-ops--availability',
      },
    ]);
  });

  it('lines up Standard and Dedicated high availability on one line whichever pair is asked', () => {
    const pair = buildComparison(site!, ['key-protect-standard', 'key-protect-dedicated']);
    const lines = pair.areas.flatMap((a) =>
      a.rows.filter((r) => r.taskId === 'availability').map((r) => [a.area.id, r]),
    );
    expect(lines).toHaveLength(1);
    const [areaId, row] = lines[0] as [string, CompareRow];
    expect(areaId).toBe('incident-and-ops');
    expect(row.cells.map((c) => c.placedIn)).toEqual([undefined, 'disaster-recovery']);
    // The same words: "differences only" leaves it out
    expect(row.differs).toEqual({ provider: false, customer: false });
    // With Dedicated first, the line goes where Dedicated files it
    const other = buildComparison(site!, ['key-protect-dedicated', 'secrets-manager']);
    const dr = other.areas.find((a) => a.area.id === 'disaster-recovery')!;
    expect(dr.rows.find((r) => r.taskId === 'availability')!.cells.map((c) => c.placedIn)).toEqual([
      undefined,
      'incident-and-ops',
    ]);
  });

  it('lines up rows of identical text whatever their tasks, unless one offering lists both', () => {
    const base = structuredClone(compareFixture);
    const beta = base.offerings[1]!;
    // beta words alpha's monitoring row under another task in disaster recovery
    const moved = {
      ...structuredClone(base.offerings[0]!.sections[0]!.rows[2]!),
      taskId: 'watching',
      task: 'Watching',
      anchor: 'disaster-recovery--watching',
    };
    moved.provider = { text: 'Provide logs and audit events for every key.', html: 'x' };
    moved.customer = { text: 'Review the logs every week.', html: 'y' };
    const alphaMonitoring = base.offerings[0]!.sections[0]!.rows[2]!;
    alphaMonitoring.provider = { ...moved.provider };
    alphaMonitoring.customer = { ...moved.customer };
    beta.sections[0]!.rows = beta.sections[0]!.rows.filter((r) => r.taskId !== 'monitoring');
    beta.sections[1]!.rows.push(moved);
    const comparison = buildComparison(base, ['alpha', 'beta']);
    const ops = comparison.areas.find((a) => a.area.id === 'incident-and-ops')!;
    const monitoring = ops.rows.find((r) => r.taskId === 'monitoring')!;
    expect(cellTasks(monitoring)).toEqual([['Monitoring'], ['Watching']]);
    expect(monitoring.cells[1]!.placedIn).toBe('disaster-recovery');
    expect(monitoring.differs).toEqual({ provider: false, customer: false });
  });

  it('finds the same duties the same: Key Protect incident duties match, Secrets Manager words its own', () => {
    const comparison = buildComparison(site!, ['key-protect-standard', 'key-protect-dedicated']);
    const ops = comparison.areas.find((a) => a.area.id === 'incident-and-ops')!;
    const monitoring = ops.rows.find((r) => r.taskId === 'monitoring')!;
    expect(monitoring.differs).toEqual({ provider: true, customer: false });
    const incidents = ops.rows.find((r) => r.taskId === 'incidents')!;
    expect(incidents.differs).toEqual({ provider: false, customer: false });
  });

  it('never leaves a shipped row out of the comparison', () => {
    const comparison = buildComparison(site!);
    const compared = comparison.areas.flatMap((a) => a.rows.flatMap((r) => r.cells.flatMap((c) => c.rows)));
    const all = site!.offerings.flatMap((o) => o.sections.flatMap((s) => s.rows));
    expect(compared).toHaveLength(all.length);
    expect(new Set(compared)).toEqual(new Set(all));
  });
});
