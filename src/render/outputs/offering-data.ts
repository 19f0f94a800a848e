/**
 * `data/offering-index.json` (every offering's id and name, for pickers) and one
 * `data/offerings/<id>.json` per offering (its rows by area), for pages that assemble a view of
 * the offerings a reader chose in the browser. Linear in offerings: each row is written once.
 */
import type { Offering, Site } from '../../model/types.js';
import type { OutputFile } from '../page.js';
import {
  OFFERING_INDEX_PATH,
  offeringDataPath,
  type OfferingDataArea,
  type OfferingDataFile,
  type OfferingIndexFile,
} from '../../stack/data.js';
import { areaOrder, areaTitle } from '../tables.js';

export function offeringIndex(site: Site): OfferingIndexFile {
  return {
    offerings: site.offerings.map(({ id, name, family }) => ({ id, name, ...(family ? { family } : {}) })),
  };
}

export function offeringData(site: Site, offering: Offering): OfferingDataFile {
  const taskTitles = new Map(site.tasks.map((task) => [task.id, task.title]));
  const position = new Map(site.areas.map((area, i) => [area.id, i]));
  const ordered = areaOrder(
    site,
    offering.sections.map((s) => s.areaId),
  );
  const areas: OfferingDataArea[] = ordered.map((areaId) => ({
    id: areaId,
    title: areaTitle(site, areaId),
    // Areas the site does not declare come after the declared ones (then by id, as areaOrder).
    order: position.get(areaId) ?? site.areas.length,
    rows: offering.sections
      .filter((section) => section.areaId === areaId)
      .flatMap((section) =>
        section.rows.map((row) => ({
          anchor: row.anchor,
          taskId: row.taskId,
          taskTitle: taskTitles.get(row.taskId) ?? row.task,
          task: row.task,
          provider: { text: row.provider.text, html: row.provider.html },
          customer: { text: row.customer.text, html: row.customer.html },
        })),
      ),
  }));
  return {
    id: offering.id,
    name: offering.name,
    url: `offerings/${offering.id}/`,
    checklistUrl: `checklist/${offering.id}/`,
    areas,
  };
}

export function offeringDataFiles(site: Site): OutputFile[] {
  return [
    { path: OFFERING_INDEX_PATH, contents: JSON.stringify(offeringIndex(site)) },
    ...site.offerings.map((offering) => ({
      path: offeringDataPath(offering.id),
      contents: JSON.stringify(offeringData(site, offering)),
    })),
  ];
}
