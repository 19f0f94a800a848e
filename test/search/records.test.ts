/**
 * Search records made from an offering's shape (what a rebuild's files worker keeps of an
 * unchanged offering) are those its rows give, but for their text.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsView, type RowsView } from '../../src/model/rows-view.js';
import { buildIndexData, searchOutputs } from '../../src/search/index.js';
import { OfferingWords } from '../../src/search/offering-words.js';
import { asOfferingShape, offeringShape, RecordsWithoutText, searchRecords } from '../../src/search/records.js';
import { exampleSites } from '../model/example-sites.js';

let cleanup = (): void => undefined;
const views: RowsView[] = [];

beforeAll(async () => {
  const examples = await exampleSites();
  cleanup = examples.cleanup;
  views.push(...examples.sites.map((site) => rowsView(site)));
  // Sections of areas the site does not declare: they are numbered as they come, shape or not.
  const undeclared = structuredClone(views[1] as RowsView);
  undeclared.offerings.forEach((offering, o) => offering.sections.forEach((section, s) => {
    if ((o + s) % 3 === 0) section.areaId = `undeclared-${s}`;
  }));
  views.push(undeclared);
});
afterAll(() => cleanup());

describe('an offering read as its shape', () => {
  test("gives the records its rows give, each with the same kind, offering, area and party, and no text", () => {
    for (const view of views) {
      const whole = searchRecords(view);
      // Every other offering as its shape, through JSON as the cache keeps it.
      const shapes = view.offerings.map((offering) => asOfferingShape(JSON.parse(JSON.stringify(offeringShape(offering.sections)))));
      const shaped = searchRecords(view, (o) => (o % 2 === 0 ? shapes[o] : undefined));
      expect(shaped.areas).toEqual(whole.areas);
      expect(shaped.offerings).toEqual(whole.offerings);
      expect(shaped.docs.map((doc) => [doc[0], doc[1], doc[2], doc[7]])).toEqual(whole.docs.map((doc) => [doc[0], doc[1], doc[2], doc[7]]));
      shaped.docs.forEach((doc, i) => {
        const texts = doc[1] >= 0 && doc[1] % 2 === 0 ? ['', '', '', '', ''] : [3, 4, 5, 6, 8].map((at) => whole.docs[i]![at]);
        expect([3, 4, 5, 6, 8].map((at) => doc[at])).toEqual(texts);
      });
    }
    // Between them, the views have intros, rows of every party and undeclared areas.
    const parties = new Set(views.flatMap((view) => searchRecords(view).docs.map((doc) => `${doc[0]}${doc[7]}`)));
    expect([...parties].sort()).toEqual(expect.arrayContaining(['a', 'i', 'r', 'rb', 'rc', 'rp']));
    expect(searchRecords(views[3]!).areas.some(([id]) => id.startsWith('undeclared-'))).toBe(true);
  });

  test("gives the search index's files its rows give, words and records' JSON taken from an earlier build, one file or split", () => {
    // The shipped site's and the grouping fixture's indexes are one file (records inline), the catalogs' split.
    const outputs = views.map((view) => {
      const keys = view.offerings.map((offering) => offering.id);
      const earlier = new OfferingWords('context');
      const whole = searchOutputs(view, { reuse: { words: earlier, keys } });
      const json = searchRecords(view).docs.map((doc) => JSON.stringify(doc));
      const shaped = searchOutputs(view, {
        reuse: { words: new OfferingWords('context', earlier.file()), keys },
        docJson: () => json,
        shapeOf: (o) => offeringShape(view.offerings[o]!.sections),
      });
      expect(shaped).toEqual(whole);
      return whole;
    });
    expect(outputs.map((files) => files.length > 1)).toEqual([false, true, false, true]);
  });

  test('has its words taken, or the index is not made', () => {
    const view = views[0]!;
    const shape = offeringShape(view.offerings[0]!.sections);
    const records = searchRecords(view, (o) => (o === 0 ? shape : undefined));
    expect(() => buildIndexData(records, undefined, (o) => (o === 0 ? shape : undefined))).toThrow(RecordsWithoutText);
  });

  test('is read back from its JSON only when it is one', () => {
    expect(asOfferingShape([['backups', 1, 'pcb-'], ['access', 0, '']])).toEqual([['backups', 1, 'pcb-'], ['access', 0, '']]);
    for (const value of [null, 'x', {}, [['a', 2, 'p']], [['a', 1, 'x']], [['a', 1]], [['a', 1, 'p', 0]], [[1, 1, 'p']], [['a', true, 'p']]]) {
      expect(asOfferingShape(value), JSON.stringify(value)).toBeUndefined();
    }
  });
});
