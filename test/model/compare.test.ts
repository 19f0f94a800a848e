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

  it('orders tasks as tasks.yaml does, unknown tasks after them in order of appearance', () => {
    expect(rowsOf('incident-and-ops').map((r) => r.taskId)).toEqual([
      'availability',
      'monitoring',
      'incidents',
      'firmware-updates',
    ]);
    expect(rowsOf('disaster-recovery').map((r) => r.taskId)).toEqual(['availability', 'backups']);
  });

  it('puts each offering rows for a task in its cell, several or none', () => {
    const [availability, monitoring, incidents, firmware] = rowsOf('incident-and-ops');
    expect(cellTasks(availability!)).toEqual([['Availability'], [], ['Ensuring high availability']]);
    expect(cellTasks(monitoring!)).toEqual([['Monitoring'], ['Monitoring'], ['Monitor the system']]);
    expect(cellTasks(incidents!)).toEqual([['Incidents'], ['Incidents'], ['Incident management', 'Status page']]);
    expect(cellTasks(firmware!)).toEqual([[], ['Firmware updates'], []]);
    expect(incidents!.anchor).toBe('incident-and-ops--incidents');
    expect(firmware!.title).toBe('Firmware updates');
    expect(availability!.title).toBe('Availability');
  });

  it('flags differences per party, folding whitespace', () => {
    const [availability, monitoring, incidents] = rowsOf('incident-and-ops');
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
      ['availability', true, true],
      ['monitoring', true, false],
      ['incidents', false, false],
      ['firmware-updates', true, true],
    ]);
    expect(pair[0]!.cells.map((c) => c.offeringId)).toEqual(['alpha', 'beta']);
  });

  it('treats a missing row like a row with no duty for that party', () => {
    const [availability, backups] = rowsOf('disaster-recovery', ['alpha', 'beta']);
    expect(cellTasks(availability!)).toEqual([[], ['Availability']]);
    expect(backups!.cells[0]!.rows[0]!.customer.text).toBe('');
    const alphaOnlyBackups = rowsOf('disaster-recovery', ['alpha'])[0]!;
    expect(alphaOnlyBackups.differs).toEqual({ provider: false, customer: false });
    // a missing cell and an empty duty share the key of the empty text
    const availabilityAlpha = availability!.cells[0]!;
    expect(dutyText(availabilityAlpha.rows, 'customer')).toBe('');
  });

  it('lists every pair once, in offering order', () => {
    expect(offeringPairs(compareFixture).map(([a, b]) => `${a.id}-vs-${b.id}`)).toEqual([
      'alpha-vs-beta',
      'alpha-vs-gamma',
      'beta-vs-gamma',
    ]);
  });
});
