import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/changes/diff.js';
import { reportMarkdown, reportText } from '../../src/changes/format.js';
import type { Site } from '../../src/model/types.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const load = (name: string): Site => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Site;
const oldModel = load('old-model.json');
const newModel = load('new-model.json');

describe('diffModels', () => {
  it('finds rows added, removed, moved and changed, per offering', () => {
    const report = diffModels(oldModel, newModel);
    expect(report.summary).toEqual({
      offeringsAdded: 1,
      offeringsRemoved: 1,
      offeringsChanged: 2,
      added: 1,
      removed: 1,
      moved: 2,
      changed: 2,
    });
    expect(report.offerings.map((o) => `${o.kind} ${o.id}`)).toEqual(['added cos', 'changed kp-ded', 'changed kp-std', 'removed sm']);
    const kp = report.offerings.find((o) => o.id === 'kp-std');
    expect(kp?.rows.map((r) => `${r.kind} ${r.anchor}`)).toEqual([
      'moved incident-operations--monitoring',
      'changed incident-operations--incidents',
      'moved incident-operations--failover',
      'changed disaster-recovery--backups',
      'added disaster-recovery--restore-testing',
    ]);
    const failover = kp?.rows.find((r) => r.anchor === 'incident-operations--failover');
    expect(failover?.from).toEqual({ areaId: 'disaster-recovery', areaTitle: 'Disaster recovery', position: 2 });
    expect(failover?.cells).toEqual([]);
  });

  it('ignores whitespace-only edits and reports nothing for identical models', () => {
    const report = diffModels(oldModel, structuredClone(oldModel));
    expect(report.offerings).toEqual([]);
    // Backups' provider text differs only in spacing: only the customer cell is reported.
    const backups = diffModels(oldModel, newModel)
      .offerings.find((o) => o.id === 'kp-std')
      ?.rows.find((r) => r.anchor === 'disaster-recovery--backups');
    expect(backups?.cells.map((c) => c.party)).toEqual(['customer']);
  });

  it('does not call rows moved when an insertion only shifts them', () => {
    const shifted = structuredClone(oldModel);
    const rows = shifted.offerings[0]?.sections[0]?.rows;
    const first = rows?.[0];
    if (!rows || !first) throw new Error('fixture changed');
    rows.unshift({ ...first, anchor: 'incident-operations--new-task', task: 'New task', taskId: 'new-task' });
    const report = diffModels(oldModel, shifted);
    expect(report.offerings[0]?.rows.map((r) => `${r.kind} ${r.anchor}`)).toEqual(['added incident-operations--new-task']);
  });
});

describe('change report formats', () => {
  const report = diffModels(oldModel, newModel);

  it('prints the text report', () => {
    expect(reportText(report)).toBe(
      [
        '2 offerings changed, 1 offering added, 1 offering removed; 1 row added, 1 row removed, 2 rows moved, 2 rows changed',
        '',
        'Object Storage (cos) added, 1 row',
        '',
        'Key Protect Dedicated (kp-ded)',
        '  - Incident and operations management › Firmware updates',
        '      IBM: Update firmware sequentially.',
        '      You: Perform tasks as usual.',
        '',
        'Key Protect Standard (kp-std)',
        '  > Monitoring: from Incident and operations management #2 to Incident and operations management #1',
        '  ~ Incident and operations management › Incidents',
        '      You: Set preferences to receive [-emails-]{+text messages+} about platform notifications.',
        '  > Failover: from Disaster recovery #2 to Incident and operations management #4',
        '  ~ Disaster recovery › Backups',
        '      You: {+Test restores.+}',
        '  + Disaster recovery › Restore testing',
        '      You: Test restores every quarter.',
        '',
        'Secrets Manager (sm) removed, had 1 row',
        '',
      ].join('\n'),
    );
  });

  it('prints Markdown for a pull-request comment, with word changes and escaped text', () => {
    const markdown = reportMarkdown(report);
    expect(markdown.startsWith('## Responsibility changes\n\n**2 offerings changed')).toBe(true);
    expect(markdown).toContain(
      '- **Changed** Incident and operations management › Incidents (`#incident-operations--incidents`)\n' +
        '  - You: Set preferences to receive <del>emails</del><ins>text messages</ins> about platform notifications.',
    );
    expect(markdown).toContain('### Secrets Manager (`sm`) removed, had 1 row');
    const evil = structuredClone(newModel);
    const row = evil.offerings[1]?.sections[0]?.rows[0];
    if (!row) throw new Error('fixture changed');
    row.customer.text = 'Review <script>alert(1)</script> *logs* | now';
    const escaped = reportMarkdown(diffModels(oldModel, evil));
    expect(escaped).toContain('&lt;script&gt;');
    expect(escaped).not.toContain('<script>');
    expect(escaped).toContain('\\*logs\\* \\| now');
  });

  it('says so when nothing changed', () => {
    const none = diffModels(newModel, newModel);
    expect(reportText(none)).toBe('No changes in responsibilities.\n');
    expect(reportMarkdown(none)).toContain('**No changes in responsibilities.**');
  });
});
