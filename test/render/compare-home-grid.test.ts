import { describe, expect, it } from 'vitest';
import { homeGrid } from '../../src/render/home-grid.js';
import { homePages } from '../../src/render/pages/home.js';
import { compareFixture } from '../fixtures/compare-fixture.js';
import { all, hasClass, renderPages, text } from './compare-helpers.js';

describe('home grid', () => {
  it('counts duties per party for each area and offering', () => {
    const grid = homeGrid(compareFixture);
    expect(grid.rows.map((r) => r.areaId)).toEqual([
      'incident-and-ops',
      'change-management',
      'disaster-recovery',
    ]);
    const [ops, change, dr] = grid.rows;
    expect(ops!.cells.map((c) => [c.offeringId, c.provider, c.customer, c.url])).toEqual([
      ['alpha', 3, 3, 'offerings/alpha/#incident-and-ops'],
      // beta's "Carry on as usual." is no action: not your duty
      ['beta', 3, 2, 'offerings/beta/#incident-and-ops'],
      ['gamma', 4, 4, 'offerings/gamma/#incident-and-ops'],
    ]);
    expect(change!.cells.every((c) => c.url === undefined && c.provider === 0)).toBe(true);
    expect(dr!.cells.map((c) => [c.provider, c.customer])).toEqual([
      [1, 0],
      [2, 2],
      [1, 1],
    ]);
  });

  it('renders on the home page as a table with caption and scoped headers, cells linking to the area', () => {
    const tree = renderPages(compareFixture, homePages(compareFixture)).get('')!;
    const table = all(tree, (e) => hasClass(e, 'home-grid-table'))[0];
    expect(table, 'the home page includes the grid').toBeDefined();
    expect(text(all(table!, (e) => e.tagName === 'caption')[0]!)).toContain('Duties per area and offering');
    const ths = all(table!, (e) => e.tagName === 'th');
    expect(ths.filter((th) => th.properties.scope === 'col').map(text)).toEqual([
      'Area',
      'Alpha Standard',
      'Beta Dedicated',
      'Gamma Secrets',
    ]);
    expect(ths.filter((th) => th.properties.scope === 'row').map(text)).toEqual([
      'Incident and operations management',
      'Change management',
      'Disaster recovery',
      'Checklist',
    ]);
    const checklist = all(table!, (e) => e.tagName === 'tfoot')[0]!;
    const links = all(checklist, (e) => e.tagName === 'a');
    expect(links.map((a) => [a.properties.href, text(a)])).toEqual([
      ['/sub/checklist/alpha/', 'Your duties in Alpha Standard'],
      ['/sub/checklist/beta/', 'Your duties in Beta Dedicated'],
      ['/sub/checklist/gamma/', 'Your duties in Gamma Secrets'],
    ]);
    const cells = all(table!, (e) => e.tagName === 'td');
    expect(text(cells[0]!)).toBe('IBM 3 · You 3');
    expect(all(cells[0]!, (e) => e.tagName === 'a')[0]!.properties.href).toBe(
      '/sub/offerings/alpha/#incident-and-ops',
    );
    expect(text(cells[3]!)).toBe('Not listed');
  });
});
