/**
 * Turns the model into search records: one per table row, one per offering's area intro and
 * one per area description. Model text is already keyref-resolved plain text.
 */
import type { RowsView, ViewRow, ViewSection } from '../model/rows-view.js';
import type { PartyCode, SearchDoc, SearchIndexFile } from './record.js';
import { INDEX_VERSION } from './query.js';
import { rowDuties } from '../model/duty.js';
import { rowName, taskTitleMap } from '../model/row-name.js';

/** "No action" cells stay searchable but do not count as the party's duty. */
function partyOf(row: ViewRow): PartyCode {
  return 'duties' in row ? row.duties : rowDuties(row);
}

/**
 * What an offering's search records are besides their text, section by section: its area, whether
 * it has an intro record (1) or not (0), and each row's party, one character each ('-': none).
 * A rebuild's files worker keeps it for an unchanged offering, whose records' text it also
 * keeps (as JSON, and as words), so it never reads that offering's rows.
 */
export type OfferingShape = [areaId: string, intro: 0 | 1, parties: string][];

/** The shape of an offering's records. */
export function offeringShape(sections: readonly ViewSection[]): OfferingShape {
  return sections.map((section) => [
    section.areaId,
    section.intro?.text.trim() ? 1 : 0,
    section.rows.map((row) => partyOf(row) || '-').join(''),
  ]);
}

/** A shape as read back (JSON); undefined when it is not one. */
export function asOfferingShape(value: unknown): OfferingShape | undefined {
  const valid = Array.isArray(value) && value.every((section: unknown) =>
    Array.isArray(section) &&
    section.length === 3 &&
    typeof section[0] === 'string' &&
    (section[1] === 0 || section[1] === 1) &&
    typeof section[2] === 'string' &&
    /^[pcb-]*$/.test(section[2]));
  return valid ? (value as OfferingShape) : undefined;
}

/**
 * The index file's contents except the engine index (records and lookup tables). An offering
 * that `shapeOf` gives a shape for is not read: its records come from the shape, with every text
 * empty. Its texts must then come from elsewhere (a rebuild's last build: the records' JSON for
 * splitIndex, their words for buildIndexData, which require them: RecordsWithoutText).
 */
export function searchRecords(site: RowsView, shapeOf?: (offering: number) => OfferingShape | undefined): Omit<SearchIndexFile, 'index'> {
  const areaIndex = new Map(site.areas.map((area, i) => [area.id, i]));
  const areas: [string, string][] = site.areas.map((area) => [area.id, area.title]);
  const areaOf = (id: string): number => {
    const known = areaIndex.get(id);
    if (known !== undefined) return known;
    // A section whose area is not declared still gets a filterable area.
    areaIndex.set(id, areas.length);
    areas.push([id, id]);
    return areas.length - 1;
  };
  const titles = taskTitleMap(site.tasks);
  // The same few (task id, label) pairs recur in every offering: name each once.
  const names = new Map<string, string[]>();
  const nameOf = (row: ViewRow): string[] => {
    const key = `${row.taskId}\0${row.task}`;
    let name = names.get(key);
    if (!name) {
      const { title, label } = rowName(titles, row);
      name = [title, label ?? ''];
      names.set(key, name);
    }
    return name;
  };
  const docs: SearchDoc[] = [];
  site.areas.forEach((area, i) => {
    if (area.description) docs.push(['a', -1, i, area.title, area.description, '', area.id, '', '']);
  });
  site.offerings.forEach((offering, o) => {
    const shape = shapeOf?.(o);
    if (shape) {
      for (const [areaId, intro, parties] of shape) {
        const a = areaOf(areaId);
        if (intro) docs.push(['i', o, a, '', '', '', '', '', '']);
        for (const party of parties) docs.push(['r', o, a, '', '', '', '', party === '-' ? '' : (party as PartyCode), '']);
      }
      return;
    }
    for (const section of offering.sections) {
      const a = areaOf(section.areaId);
      if (section.intro?.text.trim()) {
        docs.push(['i', o, a, section.title, section.intro.text, '', section.areaId, '', '']);
      }
      for (const row of section.rows) {
        const [title, label] = nameOf(row) as [string, string];
        const task = row.group ? `${row.group}: ${title}` : title;
        const party = partyOf(row);
        docs.push(['r', o, a, task, row.provider.text, row.customer.text, row.anchor, party, label]);
      }
    }
  });
  return {
    version: INDEX_VERSION,
    parties: { provider: site.parties.provider, customer: site.parties.customer },
    offerings: site.offerings.map((offering) => [offering.id, offering.name]),
    areas,
    docs,
  };
}

/**
 * The runs of records that belong to one offering, in order: [its place in the site (-1: no
 * offering's), first record, end]. An offering's records are consecutive.
 */
export function* offeringRuns(docs: readonly SearchDoc[]): Generator<[offering: number, first: number, end: number]> {
  for (let first = 0; first < docs.length; ) {
    const offering = (docs[first] as SearchDoc)[1];
    let end = first + 1;
    while (end < docs.length && (docs[end] as SearchDoc)[1] === offering) end++;
    yield [offering, first, end];
    first = end;
  }
}

/** Records of an offering came from its shape, and their text the last build kept is not there after all. */
export class RecordsWithoutText extends Error {
  constructor(offering: number) {
    super(`the search records of offering ${offering} have no text to take`);
  }
}
