import { describe, expect, it } from 'vitest';
import { checklistCsv, checklistPages } from '../../src/render/pages/checklist.js';
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
    const boxes = all(tree, (e) => e.tagName === 'input' && e.properties.type === 'checkbox');
    expect(boxes.map((b) => b.properties.dataChecklistItem)).toEqual([
      'incident-and-ops--incidents',
      'incident-and-ops--availability',
      'incident-and-ops--monitoring',
    ]);
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

  it('write an RFC 4180 CSV per offering with absolute links, the page URL and the source date', () => {
    const files = checklistCsv(compareFixture, { pages: [], base: '/sub/' });
    expect(files.map((f) => f.path)).toEqual([
      'checklist/alpha.csv',
      'checklist/beta.csv',
      'checklist/gamma.csv',
    ]);
    const alpha = String(files[0]!.contents);
    // baseUrl is the host's root: the base path follows it, as in every absolute link of the site.
    const row = (anchor: string) => `https://example.test/matrix/sub/offerings/alpha/#${anchor}`;
    const page = 'https://example.test/matrix/sub/checklist/alpha/';
    const updated = compareFixture.offerings[0]!.lastUpdated ?? '';
    expect(alpha.split('\r\n')).toEqual([
      'area,task,IBM label,your duty,done,link,checklist,IBM last updated,exported',
      `Incident and operations management,Incidents,Incidents,"Read notices, then act.",,${row('incident-and-ops--incidents')},${page},${updated},`,
      `Incident and operations management,Availability,Availability,Pick a region.,,${row('incident-and-ops--availability')},${page},${updated},`,
      `Incident and operations management,Monitoring,Monitoring,Review logs.,,${row('incident-and-ops--monitoring')},${page},${updated},`,
      '',
    ]);
    // no baseUrl: links fall back to the base path; line breaks inside a duty stay quoted
    const noBase = checklistCsv({ ...compareFixture, baseUrl: undefined }, { pages: [], base: '/sub/' });
    const beta = String(noBase[1]!.contents);
    expect(beta).toContain(
      '"Read  notices,\nthen act.",,/sub/offerings/beta/#incident-and-ops--incidents,/sub/checklist/beta/,',
    );
  });
});
