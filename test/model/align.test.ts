import { describe, expect, it } from 'vitest';
import { checkAlignment, similarity } from '../../src/model/align.js';
import type { Offering, Row, Site } from '../../src/model/types.js';

function row(task: string, taskId: string, line: number): Row {
  const rich = { text: 'x', html: 'x' };
  return { anchor: `a--${taskId}`, task, taskId, provider: rich, customer: rich, source: { file: 'sources/x.md', line, column: 1 } };
}

function offering(id: string, sections: Record<string, Row[]>, family?: string): Offering {
  return {
    ...(family ? { family } : {}),
    id,
    name: id.toUpperCase(),
    source: { file: `sources/${id}.md`, line: 1 },
    sections: Object.entries(sections).map(([areaId, rows]) => ({
      areaId,
      anchor: areaId,
      aliases: [],
      title: areaId,
      source: { file: `sources/${id}.md`, line: 1 },
      rows,
    })),
  };
}

function site(offerings: Offering[]): Site {
  return { title: 't', parties: { provider: 'IBM', customer: 'You' }, areas: [], offerings, tasks: [], redirects: [] };
}

describe('similarity', () => {
  it('matches rewordings of the same task', () => {
    expect(similarity('Monitoring', 'Monitor the system')).toBeGreaterThanOrEqual(0.5);
    expect(similarity('Incidents', 'Incident management')).toBeGreaterThanOrEqual(0.5);
    expect(similarity('Availability', 'Ensuring high availability')).toBeGreaterThanOrEqual(0.5);
    expect(similarity('Backups', 'backups ')).toBe(1);
    expect(similarity('Disaster recovery', 'Disaster recovry')).toBeGreaterThanOrEqual(0.8);
  });

  it('does not match different tasks that share a word', () => {
    expect(similarity('Operating System', 'Monitor the system')).toBe(0);
    expect(similarity('Master key backups', 'Instance backups')).toBe(0);
    expect(similarity('Firmware updates', 'Key part files')).toBe(0);
  });
});

describe('checkAlignment', () => {
  it('warns at a row found in one offering only when another offering has a similar row in the area', () => {
    const a = offering('a', { ops: [row('Monitoring', 'monitoring', 10)] });
    const b = offering('b', { ops: [row('Monitor the system', 'monitor-the-system', 20)], other: [row('Monitoring', 'monitoring', 30)] });
    const diagnostics = checkAlignment(site([a, b]), []);
    expect(diagnostics).toEqual([
      {
        file: 'sources/x.md',
        line: 20,
        column: 1,
        severity: 'warning',
        rule: 'unaligned-task',
        message: expect.stringContaining('add a task to tasks.yaml: { id: monitoring, area: ops, aliases: [Monitoring, Monitor the system] }'),
      },
    ]);
  });

  it('suggests the alias to add when the near match is a task of tasks.yaml', () => {
    const a = offering('a', { ops: [row('Incidents', 'incidents', 10)] });
    const b = offering('b', { ops: [row('Incident management', 'incident-management', 20)] });
    const tasks = [{ id: 'incidents', title: 'Incidents', area: 'ops', aliases: ['Incidents'] }];
    const [d] = checkAlignment(site([b, a]), tasks);
    expect(d?.line).toBe(20);
    expect(d?.message).toContain('add "Incident management" to the aliases of task "incidents" in tasks.yaml');
  });

  it('treats the offerings of one family as one, and reports a task once', () => {
    const standard = offering('std', { ops: [row('Monitoring', 'monitoring', 10)] }, 'kp');
    const dedicated = offering('ded', { ops: [row('Monitoring', 'monitoring', 20)] }, 'kp');
    const sm = offering('sm', { ops: [row('Monitor the system', 'monitor-the-system', 30)] }, 'sm');
    const sm2 = offering('sm2', { ops: [row('Monitor the system', 'monitor-the-system', 40)] }, 'sm');
    const diagnostics = checkAlignment(site([standard, dedicated, sm, sm2]), []);
    expect(diagnostics.map((d) => d.line)).toEqual([30]);
    expect(diagnostics[0]?.message).toMatch(/^Task "Monitor the system" appears only in SM and SM2 in this area, but looks like "Monitoring" of STD/);
    // Without families each task is in two offerings: aligned enough, nothing to say.
    const plain = [standard, dedicated, sm, sm2].map(({ family: _family, ...o }) => o);
    expect(checkAlignment(site(plain), [])).toEqual([]);
  });

  it('stays silent for aligned rows, tasks of tasks.yaml, other areas and unrelated names', () => {
    const a = offering('a', { ops: [row('Monitoring', 'monitoring', 10), row('Firmware', 'firmware', 11)] });
    const b = offering('b', {
      ops: [row('Monitor the system', 'monitoring', 20), row('Key part files', 'key-part-files', 21)],
      dr: [row('Firmware updates', 'firmware-updates', 22)],
    });
    expect(checkAlignment(site([a, b]), [])).toEqual([]);
    const c = offering('c', { ops: [row('Monitor the system', 'monitor-the-system', 30)] });
    const tasks = [
      { id: 'monitoring', title: 'Monitoring', aliases: ['Monitoring'] },
      { id: 'monitor-the-system', title: 'System', aliases: ['Monitor the system'] },
    ];
    expect(checkAlignment(site([a, c]), tasks)).toEqual([]);
  });
});
