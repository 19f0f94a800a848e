/**
 * The rows view of the model (what a rebuild sends its files worker): the files made from it are
 * those the whole model gives, whatever the rows hold.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isViewSections, rowsView } from '../../src/model/rows-view.js';
import type { Site } from '../../src/model/types.js';
import { wholeContents } from '../../src/render/page.js';
import { responsibilitiesCsv } from '../../src/render/outputs/csv.js';
import { searchOutputs } from '../../src/search/index.js';
import { exampleSites } from './example-sites.js';

let cleanup = (): void => undefined;
const sites: Site[] = [];

beforeAll(async () => {
  const examples = await exampleSites();
  cleanup = examples.cleanup;
  sites.push(...examples.sites);
  // A cell with markup and no text (an image alone) is a duty: its HTML decides.
  const imageOnly = structuredClone(sites[0] as Site);
  imageOnly.offerings[0]!.sections[0]!.rows[0]!.customer = { text: '', html: '<img src="x.png" alt="">' };
  sites.push(imageOnly, { ...imageOnly, baseUrl: 'https://example.com/duties/' });
});
afterAll(() => cleanup());

describe('the rows view of the model', () => {
  test('gives the search index and the CSV the whole model gives, copied as the files worker receives it', () => {
    for (const site of sites) {
      // A copy: nothing the files read may depend on objects of the thread that made the view.
      const view = structuredClone(rowsView(site));
      expect(searchOutputs(view)).toEqual(searchOutputs(site));
      const csv = (from: Site | typeof view) => responsibilitiesCsv(from, { base: '/duties/' }).map((file) => wholeContents(file.contents));
      expect(csv(view)).toEqual(csv(site));
    }
    // Between them, the sites have what the view narrows: grouped rows, cells whose text is blank.
    const rows = sites.flatMap((site) => site.offerings.flatMap((o) => o.sections.flatMap((s) => s.rows)));
    expect(rows.some((row) => row.group !== undefined)).toBe(true);
    expect(rows.some((row) => [row.provider, row.customer].some((cell) => cell.text.trim() === ''))).toBe(true);
  });

  test('sections read back from JSON are known as such, and damaged ones are not', () => {
    for (const site of sites) {
      for (const offering of rowsView(site).offerings) expect(isViewSections(JSON.parse(JSON.stringify(offering.sections)))).toBe(true);
    }
    const [section] = JSON.parse(JSON.stringify(rowsView(sites[0] as Site).offerings[0]!.sections)) as Record<string, unknown>[];
    const row = (section!['rows'] as Record<string, unknown>[])[0]!;
    const damaged: unknown[] = [
      undefined,
      {},
      [{ ...section, rows: 'not rows' }],
      [{ ...section, areaId: 3 }],
      [{ ...section, intro: 'text' }],
      [{ ...section, rows: [{ ...row, duties: 'x' }] }],
      [{ ...section, rows: [{ ...row, provider: 'text' }] }],
      [{ ...section, rows: [{ ...row, group: 1 }] }],
      [{ ...section, rows: [null] }],
    ];
    for (const value of damaged) expect(isViewSections(value), JSON.stringify(value)?.slice(0, 80)).toBe(false);
  });
});
