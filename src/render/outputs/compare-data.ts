/**
 * The data the browser compares from: `data/offerings.json` (the offering index the picker
 * filters, with the site's areas in order) and one `data/offerings/<id>.json` per offering
 * (its rows as the comparison reads them, less what the reader rebuilds: model/compare.ts writeRow). Output grows linearly with the offerings, and a
 * comparison of two offerings fetches the index and two small files.
 */
import { writeRow, type OfferingDataJson, type OfferingIndexFile } from '../../model/compare.js';
import type { Offering, Site } from '../../model/types.js';
import { TextPieces, type OutputFile } from '../page.js';
import { offeringDataPath } from '../../shared/site-paths.js';

export const OFFERING_INDEX_PATH = 'data/offerings.json';

export function offeringIndex(site: Site): OfferingIndexFile {
  return {
    areas: site.areas.map((a) => ({ id: a.id, title: a.title })),
    offerings: site.offerings.map((o) => ({ id: o.id, name: o.name, ...(o.family !== undefined ? { family: o.family } : {}) })),
  };
}

export function compareDataOutputs(site: Site): OutputFile[] {
  const titles = new Map(site.tasks.map((t) => [t.id, t.title]));
  const files: OutputFile[] = [{ path: OFFERING_INDEX_PATH, contents: JSON.stringify(offeringIndex(site)) }];
  // Made when written, so a rebuild that keeps the file (its offering unchanged) never makes it.
  for (const offering of site.offerings) {
    files.push({ path: offeringDataPath(offering.id), contents: new TextPieces(() => [JSON.stringify(offeringData(offering, titles))]), inputs: [offering] });
  }
  return files;
}

function offeringData(offering: Offering, titles: ReadonlyMap<string, string>): OfferingDataJson {
  const taskTitles: Record<string, string> = {};
  return {
    id: offering.id,
    name: offering.name,
    taskTitles,
    sections: offering.sections.map((section) => ({
      areaId: section.areaId,
      rows: section.rows.map((row) => {
        const title = titles.get(row.taskId);
        if (title !== undefined) taskTitles[row.taskId] = title;
        return writeRow(row, section.areaId, taskTitles);
      }),
    })),
  };
}
