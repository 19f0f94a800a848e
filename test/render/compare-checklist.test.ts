import { describe, expect, it } from 'vitest';
import { checklistPages } from '../../src/render/pages/checklist.js';
import { checklistCsvText } from '../../src/render/checklist-csv.js';
import { compareFixture } from '../fixtures/compare-fixture.js';
import { all, byId, hasClass, ids, renderPages, text } from './compare-helpers.js';

const pages = checklistPages(compareFixture);
const html = renderPages(compareFixture, pages);

describe('checklist pages', () => {
  it('publish one checklist per offering', () => {
    expect(pages.map((p) => p.url)).toEqual(['checklist/alpha/', 'checklist/beta/', 'checklist/gamma/']);
  });

  it('list the customer duties as labelled checkboxes keyed by row anchor, leaving out tasks with none', () => {
    const tree = html.get('checklist/alpha/')!;
    const items = all(tree, (e) => hasClass(e, 'checklist-item'));
    expect(items.map((item) => item.properties.id)).toEqual([
      'incident-and-ops--incidents',
      'incident-and-ops--availability',
      'incident-and-ops--monitoring',
    ]);
    const boxes = all(tree, (e) => e.tagName === 'input' && e.properties.type === 'checkbox');
    expect(boxes).toHaveLength(items.length);
    for (const box of boxes) {
      const id = String(box.properties.id);
      const labels = all(tree, (e) => e.tagName === 'label' && String(e.properties.htmlFor) === id);
      expect(labels).toHaveLength(1);
      const describedBy = String(box.properties.ariaDescribedBy);
      expect(text(byId(tree, describedBy)).length).toBeGreaterThan(0);
    }
    expect(text(byId(tree, 'incident-and-ops--availability'))).toContain('Pick a region.');
    const lead = all(tree, (e) => hasClass(e, 'lead'))[0]!;
    expect(text(lead)).toContain('1 task lists no duty for you and is left out.');
    // the backups row (no customer duty) is not there at all, and its area is dropped
    expect(ids(tree)).not.toContain('disaster-recovery--backups');
    expect(ids(tree)).not.toContain('disaster-recovery');
    expect(new Set(ids(tree)).size).toBe(ids(tree).length);
    expect(all(tree, (e) => e.tagName === 'div' && e.properties.dataChecklist === 'alpha')).toHaveLength(1);
  });

  it('download as RFC 4180 CSV: one line per item with its tick, the page address and the dates, formulas defused', () => {
    const text = checklistCsvText(
      [
        { area: 'Incident and operations management', task: 'Incidents', duty: 'Read notices, then act.', url: 'https://example.test/offerings/alpha/#incidents', done: true },
        { area: 'Disaster recovery', task: 'Backups', label: 'Applications', duty: 'Read  notices,\nthen "act".', url: '/sub/offerings/alpha/#backups', done: false },
        { area: 'Access', task: 'Keys', duty: "=cmd|' /C calc'!A0", url: '/sub/offerings/alpha/#keys' },
      ],
      { dutyHeader: 'your duty', pageUrl: 'https://example.test/checklist/alpha/', sourceUpdated: '2026-01-02', exported: '2026-12-05' },
    );
    const page = 'https://example.test/checklist/alpha/';
    expect(text.split('\r\n')).toEqual([
      'area,task,IBM label,your duty,done,link,checklist,IBM last updated,exported',
      `Incident and operations management,Incidents,Incidents,"Read notices, then act.",yes,https://example.test/offerings/alpha/#incidents,${page},2026-01-02,2026-12-05`,
      `Disaster recovery,Backups,Applications,"Read  notices,\nthen ""act"".",no,/sub/offerings/alpha/#backups,${page},2026-01-02,2026-12-05`,
      `Access,Keys,Keys,'=cmd|' /C calc'!A0,,/sub/offerings/alpha/#keys,${page},2026-01-02,2026-12-05`,
      '',
    ]);
  });

  it('publish no CSV file of their own: the page downloads what it shows', () => {
    const tree = html.get('checklist/alpha/')!;
    const download = all(tree, (e) => e.properties.dataChecklistCsv !== undefined)[0]!;
    expect(download.tagName).toBe('button');
    expect(download.properties.hidden).toBe(true);
    expect(all(tree, (e) => e.tagName === 'a' && /checklist\/.*\.csv$/.test(String(e.properties.href)))).toEqual([]);
  });
});
