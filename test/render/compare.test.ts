import { describe, expect, it } from 'vitest';
import { comparePages, publishedPairs, ALL_PAIRS_LIMIT } from '../../src/render/pages/compare.js';
import { homePages } from '../../src/render/pages/home.js';
import { CATALOG_PAGE_SIZE } from '../../src/render/offering-summary.js';
import type { Offering, Site } from '../../src/model/types.js';
import { compareFixture } from '../fixtures/compare-fixture.js';
import { all, byId, hasClass, ids, renderPages, text } from './compare-helpers.js';

const pages = comparePages(compareFixture);
const html = renderPages(compareFixture, pages);

function page(url: string) {
  const tree = html.get(url);
  if (!tree) throw new Error(`no page ${url}`);
  return tree;
}

describe('compare pages', () => {
  it('publish /compare/ and one page per pair', () => {
    expect(pages.map((p) => p.url)).toEqual([
      'compare/',
      'compare/alpha-vs-beta/',
      'compare/alpha-vs-gamma/',
      'compare/beta-vs-gamma/',
    ]);
    expect(pages[1]!.title).toBe('Alpha Standard vs Beta Dedicated: shared responsibilities compared');
  });

  it('never carry an id twice', () => {
    for (const [url, tree] of html) {
      const list = ids(tree);
      expect(list.length, url).toBe(new Set(list).size);
    }
  });

  it('show every area with its anchor, one table per listed area with caption and scoped headers', () => {
    const tree = page('compare/');
    for (const id of ['incident-and-ops', 'change-management', 'disaster-recovery']) {
      expect(byId(tree, id).tagName).toBe('h2');
    }
    const tables = all(tree, (e) => e.tagName === 'table');
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(text(all(table, (e) => e.tagName === 'caption')[0]!)).toMatch(/: duties by offering$/);
      const headers = all(table, (e) => e.tagName === 'th');
      expect(headers.every((th) => th.properties.scope === 'col' || th.properties.scope === 'row')).toBe(
        true,
      );
    }
    const colHeads = all(tables[0]!, (e) => e.tagName === 'th' && e.properties.scope === 'col').map(text);
    expect(colHeads).toEqual(['Task', 'Alpha Standard', 'Beta Dedicated', 'Gamma Secrets']);
    const sections = all(tree, (e) => hasClass(e, 'cmp-area'));
    const change = sections.find((s) => all(s, (e) => e.properties.id === 'change-management').length === 1)!;
    expect(text(change)).toContain('No offering lists a task in this area.');
  });

  it('put one row per task with #<area>--<task>, cells saying Not listed where an offering has none', () => {
    const tree = page('compare/');
    const firmware = byId(tree, 'incident-and-ops--firmware-updates');
    const firmwareCells = all(firmware, (e) => e.tagName === 'td');
    expect(text(firmwareCells[0]!)).toBe('Alpha Standard Not listed');
    expect(firmwareCells[0]!.properties.dataListed).toBe('0');
    const availability = byId(tree, 'incident-and-ops--availability');
    expect(availability.tagName).toBe('tr');
    expect(availability.properties.dataDiffersProvider).toBe('1');
    const cells = all(availability, (e) => e.tagName === 'td');
    expect(cells.map((c) => c.properties.dataOffering)).toEqual(['alpha', 'beta', 'gamma']);
    // beta files it under disaster recovery: on this line, saying where it is listed
    expect(text(all(cells[1]!, (e) => hasClass(e, 'cmp-placed'))[0]!)).toBe('Listed under Disaster recovery');
    expect(cells[1]!.properties.dataListed).toBe('1');
    // and disaster recovery points here under the row's old anchor
    const pointer = byId(tree, 'disaster-recovery--availability');
    expect(text(pointer)).toContain('Compared under Incident and operations management › Availability');
    expect(all(pointer, (e) => e.tagName === 'a')[0]!.properties.href).toBe('#incident-and-ops--availability');
    // gamma words the task its own way: say so and link the source row
    const source = all(cells[2]!, (e) => hasClass(e, 'cmp-source-task'))[0]!;
    expect(text(source)).toBe('Listed as Ensuring high availability');
    expect(all(source, (e) => e.tagName === 'a')[0]!.properties.href).toBe(
      '/sub/offerings/gamma/#incident-and-ops--availability',
    );
    const duties = all(cells[0]!, (e) => hasClass(e, 'cmp-duty')).map(text);
    expect(duties).toEqual(['IBM Run in three zones.', 'You Pick a region.']);
  });

  it('show several rows of one offering in one cell', () => {
    const incidents = byId(page('compare/'), 'incident-and-ops--incidents');
    const gamma = all(incidents, (e) => e.tagName === 'td' && e.properties.dataOffering === 'gamma')[0]!;
    expect(all(gamma, (e) => hasClass(e, 'cmp-entry'))).toHaveLength(2);
    const monitoring = byId(page('compare/'), 'incident-and-ops--monitoring');
    expect(monitoring.properties.dataDiffersCustomer).toBe('0');
    expect(all(monitoring, (e) => e.tagName === 'td').map((c) => c.properties.dataKeyCustomer)).toEqual([
      '0',
      '0',
      '0',
    ]);
  });

  it('say No duty listed for an empty duty inside a listed row', () => {
    const backups = byId(page('compare/'), 'disaster-recovery--backups');
    const alpha = all(backups, (e) => e.tagName === 'td')[0]!;
    expect(all(alpha, (e) => hasClass(e, 'cmp-duty')).map(text)).toEqual([
      'IBM Back up keys.',
      'You No duty listed',
    ]);
  });

  it('render pair pages server-side with only the pair, rows of the pair only, no offering choice', () => {
    const tree = page('compare/alpha-vs-beta/');
    expect(text(all(tree, (e) => e.tagName === 'h1')[0]!)).toBe('Alpha Standard and Beta Dedicated compared');
    const heads = all(tree, (e) => e.tagName === 'th' && e.properties.scope === 'col').map(text);
    expect(heads.slice(0, 3)).toEqual(['Task', 'Alpha Standard', 'Beta Dedicated']);
    expect(all(tree, (e) => e.tagName === 'input' && e.properties.name === 'offerings')).toHaveLength(0);
    const rowIds = all(tree, (e) => e.tagName === 'tr' && typeof e.properties.id === 'string').map(
      (e) => e.properties.id,
    );
    expect(rowIds).toEqual([
      'incident-and-ops--incidents',
      'incident-and-ops--availability',
      'incident-and-ops--monitoring',
      'incident-and-ops--firmware-updates',
      'disaster-recovery--backups',
      'disaster-recovery--availability',
    ]);
    expect(byId(tree, 'incident-and-ops--incidents').properties.dataDiffersCustomer).toBe('0');
    const current = all(tree, (e) => e.properties.ariaCurrent === 'page' && e.tagName === 'a');
    expect(current.map((a) => a.properties.href)).toContain('/sub/compare/alpha-vs-beta/');
  });

  it('keep the controls as real form controls, hidden until scripts wire them', () => {
    const tree = page('compare/');
    const form = all(tree, (e) => e.tagName === 'form' && hasClass(e, 'cmp-controls'))[0]!;
    expect(form.properties.hidden).toBe(true);
    const inputs = all(form, (e) => e.tagName === 'input');
    expect(inputs.map((i) => `${i.properties.type}:${i.properties.name}=${i.properties.value}`)).toEqual([
      'checkbox:offerings=alpha',
      'checkbox:offerings=beta',
      'checkbox:offerings=gamma',
      'radio:party=both',
      'radio:party=provider',
      'radio:party=customer',
      'checkbox:diff=1',
    ]);
    // every control sits in its label
    expect(
      inputs.every(
        (i) => all(form, (e) => e.tagName === 'label' && all(e, (x) => x === i).length > 0).length === 1,
      ),
    ).toBe(true);
    // and pair links work without scripts
    expect(all(tree, (e) => e.tagName === 'a' && String(e.properties.href).includes('-vs-')).length).toBe(3);
  });

  it('publish every pair up to the limit, then pairs within a family only, and /compare/ lists them', () => {
    const many = (n: number, family?: (i: number) => string): Site => ({
      ...compareFixture,
      offerings: Array.from({ length: n }, (_, i): Offering => ({
        id: `o${String(i).padStart(3, '0')}`,
        name: `O ${i}`,
        ...(family ? { family: family(i) } : {}),
        source: { file: 'x', line: 1 },
        sections: compareFixture.offerings[i % 3]!.sections,
      })),
    });
    expect(publishedPairs(many(ALL_PAIRS_LIMIT))).toHaveLength((ALL_PAIRS_LIMIT * (ALL_PAIRS_LIMIT - 1)) / 2);
    expect(publishedPairs(many(ALL_PAIRS_LIMIT + 1))).toHaveLength(0);
    const big = many(30, (i) => (i % 10 === 0 ? 'tens' : `f${i}`));
    expect(publishedPairs(big).map((group) => group.map((o) => o.id).join('-'))).toEqual([
      'o000-o010',
      'o000-o020',
      'o010-o020',
    ]);
    const pages = comparePages(big);
    expect(pages.map((p) => p.url)).toEqual([
      'compare/',
      'compare/o000-vs-o010/',
      'compare/o000-vs-o020/',
      'compare/o010-vs-o020/',
    ]);
    const tree = renderPages(big, pages).get('compare/')!;
    // Above the limit: no table and no checkbox per offering, but the picker (filled in by the browser)
    expect(all(tree, (e) => e.tagName === 'table')).toHaveLength(0);
    const form = all(tree, (e) => e.tagName === 'form' && hasClass(e, 'cmp-controls'));
    expect(form).toHaveLength(1);
    expect(all(form[0]!, (e) => e.tagName === 'input' && e.properties.type === 'checkbox' && e.properties.name === 'offerings')).toHaveLength(0);
    expect(all(form[0]!, (e) => e.tagName === 'input' && e.properties.role === 'combobox')).toHaveLength(1);
    expect(all(tree, (e) => e.tagName === 'a' && String(e.properties.href).includes('-vs-'))).toHaveLength(3);
  });

  it('turn the home page of a large site into a paged summary, offerings as rows and areas as columns', () => {
    const big: Site = {
      ...compareFixture,
      offerings: Array.from({ length: CATALOG_PAGE_SIZE + 5 }, (_, i): Offering => ({
        id: `o${i}`, name: `O ${i}`, source: { file: 'x', line: 1 }, sections: compareFixture.offerings[i % 3]!.sections,
      })),
    };
    const pages = homePages(big);
    expect(pages.map((p) => p.url)).toEqual(['', 'catalog/2/']);
    const trees = renderPages(big, pages);
    const home = trees.get('')!;
    expect(all(home, (e) => hasClass(e, 'cards'))).toHaveLength(0);
    expect(all(home, (e) => e.tagName === 'tbody').flatMap((b) => all(b, (e) => e.tagName === 'tr'))).toHaveLength(CATALOG_PAGE_SIZE);
    expect(all(home, (e) => e.tagName === 'form' && e.properties.dataOfferingFilter !== undefined)).toHaveLength(1);
    const second = trees.get('catalog/2/')!;
    expect(all(second, (e) => e.tagName === 'tbody').flatMap((b) => all(b, (e) => e.tagName === 'tr'))).toHaveLength(5);
    expect(text(all(second, (e) => e.tagName === 'h1')[0]!)).toBe('All offerings, page 2');
    // a small site keeps its cards
    expect(all(renderPages(compareFixture, homePages(compareFixture)).get('')!, (e) => hasClass(e, 'card'))).toHaveLength(3);
  });

  it('link from a pair page the pairs sharing one of its offerings', () => {
    const site: Site = {
      ...compareFixture,
      offerings: [
        ...compareFixture.offerings,
        { ...compareFixture.offerings[0]!, id: 'delta', name: 'Delta' },
      ],
    };
    const pairPage = comparePages(site).find((p) => p.url === 'compare/alpha-vs-beta/')!;
    const labels = (pairPage.data as { pairs: { url: string; current: boolean }[] }).pairs.map(
      (p) => `${p.url}${p.current ? ' (current)' : ''}`,
    );
    expect(labels).toEqual([
      'compare/alpha-vs-beta/ (current)',
      'compare/alpha-vs-gamma/',
      'compare/alpha-vs-delta/',
      'compare/beta-vs-gamma/',
      'compare/beta-vs-delta/',
    ]);
  });
});
