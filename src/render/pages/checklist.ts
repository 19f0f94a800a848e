/**
 * `/checklist/<offering-id>/`: the customer's duties for one offering as a printable checklist
 * (the page's script downloads it as CSV, from what the page shows). Tasks with no customer duty
 * listed are left out (the page says how many), so every item is something to tick off.
 */
import type { Offering, Site } from '../../model/types.js';
import { lazyPage, type PageOf } from '../page.js';
import { checklistPageUrl, offeringPageUrl } from '../../shared/site-paths.js';
import { areaOrder, areaTitle, cell } from '../tables.js';
import { linkTitle } from '../../shared/link-formats.js';
import { isDuty } from '../../model/duty.js';
import { rowName, taskTitleMap } from '../../model/row-name.js';

export interface ChecklistItem {
  /** The row's anchor, also the item's id and its storage key. */
  id: string;
  /** The canonical task title, and the source's own label when it differs. */
  task: string;
  label?: string;
  html: string;
  /** The row on the offering page. */
  url: string;
}

export interface ChecklistPageData {
  offering: { id: string; name: string; url: string; sourceFile: string; sourceUrl?: string; sourceTitle?: string; lastUpdated?: string };
  /** "Key Protect Standard checklist": the start of what a copied link to a part of the page says. */
  linkContext: string;
  /** The duty column's heading of the CSV (the page writes the same file with ticks). */
  csvDutyHeader: string;
  areas: { id: string; title: string; linkTitle: string; items: ChecklistItem[] }[];
  total: number;
  /** Tasks left out because no customer duty is listed for them. */
  omitted: number;
}

declare module '../page.js' {
  interface PageDataMap {
    checklist: ChecklistPageData;
  }
}

export function checklistData(site: Site, offering: Offering): ChecklistPageData {
  let omitted = 0;
  const titles = taskTitleMap(site.tasks);
  const linkContext = `${offering.name} checklist`;
  const areas = areaOrder(
    site,
    offering.sections.map((s) => s.areaId),
  ).map((areaId) => {
    const items: ChecklistItem[] = [];
    for (const section of offering.sections.filter((s) => s.areaId === areaId)) {
      for (const row of section.rows) {
        const duty = cell(row.customer, 'customer');
        if (!isDuty(row.customer, 'customer')) {
          omitted += 1;
          continue;
        }
        const name = rowName(titles, row);
        items.push({
          id: row.anchor,
          task: name.title,
          ...(name.label !== undefined ? { label: name.label } : {}),
          html: duty.html,
          url: offeringPageUrl(offering.id, row.anchor),
        });
      }
    }
    const title = areaTitle(site, areaId);
    return { id: areaId, title, linkTitle: linkTitle([linkContext, title]), items };
  });
  return {
    linkContext,
    offering: {
      id: offering.id,
      name: offering.name,
      url: offeringPageUrl(offering.id),
      sourceFile: offering.source.file,
      ...(offering.sourceUrl ? { sourceUrl: offering.sourceUrl } : {}),
      ...(offering.sourceTitle ? { sourceTitle: offering.sourceTitle } : {}),
      ...(offering.lastUpdated ? { lastUpdated: offering.lastUpdated } : {}),
    },
    csvDutyHeader: checklistDutyHeader(site),
    areas: areas.filter((area) => area.items.length > 0),
    total: areas.reduce((sum, area) => sum + area.items.length, 0),
    omitted,
  };
}

export function checklistPages(site: Site): PageOf<'checklist'>[] {
  return site.offerings.map((offering) =>
    lazyPage<'checklist'>(
      {
        kind: 'checklist',
        url: checklistPageUrl(offering.id),
        template: 'pages/checklist.njk',
        title: `${offering.name}: checklist of your duties`,
        description: `Everything you must do yourself when you use ${offering.name}, area by area, as a printable checklist.`,
      },
      () => checklistData(site, offering),
      () => ({ offerings: [offering] }),
    ),
  );
}

/** The duty column's heading in checklist CSVs: "your duty", or the customer's name's. */
export function checklistDutyHeader(site: Site): string {
  return site.parties.customer.trim().toLowerCase() === 'you' ? 'your duty' : `${site.parties.customer}'s duty`;
}
