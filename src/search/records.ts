/**
 * Turns the model into search records: one per table row, one per offering's area intro and
 * one per area description. Model text is already keyref-resolved plain text.
 */
import type { RowsView, ViewRow } from '../model/rows-view.js';
import type { PartyCode, SearchDoc, SearchIndexFile } from './record.js';
import { INDEX_VERSION } from './query.js';
import { rowDuties } from '../model/duty.js';
import { rowName, taskTitleMap } from '../model/row-name.js';

/** "No action" cells stay searchable but do not count as the party's duty. */
function partyOf(row: ViewRow): PartyCode {
  return 'duties' in row ? row.duties : rowDuties(row);
}

/** The index file's contents except the engine index (records and lookup tables). */
export function searchRecords(site: RowsView): Omit<SearchIndexFile, 'index'> {
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
