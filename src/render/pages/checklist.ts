/**
 * `/checklist/<offering-id>/`: the customer's duties for one offering as a printable checklist,
 * and `/checklist/<offering-id>.csv` with the same items. Tasks with no customer duty listed are
 * left out of both (the page says how many), so every item is something to tick off.
 */
import type { Offering, Site } from '../../model/types.js';
import type { OutputFile, Page } from '../page.js';
import type { OutputContext } from '../outputs.js';
import { csvLine } from '../outputs/csv.js';
import { areaOrder, areaTitle, cell, linkTitle } from '../tables.js';
import { isDuty } from '../../model/duty.js';
import { absoluteUrl, siteUrl } from '../url.js';

export interface ChecklistItem {
  /** The row's anchor, also the item's id and its storage key. */
  id: string;
  task: string;
  html: string;
  text: string;
  /** The row on the offering page. */
  url: string;
}

export interface ChecklistPageData {
  offering: { id: string; name: string; url: string };
  csvUrl: string;
  areas: { id: string; title: string; linkTitle: string; items: ChecklistItem[] }[];
  total: number;
  /** Tasks left out because no customer duty is listed for them. */
  omitted: number;
}

export function checklistData(site: Site, offering: Offering): ChecklistPageData {
  let omitted = 0;
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
        items.push({
          id: row.anchor,
          task: row.task,
          html: duty.html,
          text: row.customer.text.trim(),
          url: `offerings/${offering.id}/#${row.anchor}`,
        });
      }
    }
    const title = areaTitle(site, areaId);
    return { id: areaId, title, linkTitle: linkTitle([`${offering.name} checklist`, title]), items };
  });
  return {
    offering: { id: offering.id, name: offering.name, url: `offerings/${offering.id}/` },
    csvUrl: `checklist/${offering.id}.csv`,
    areas: areas.filter((area) => area.items.length > 0),
    total: areas.reduce((sum, area) => sum + area.items.length, 0),
    omitted,
  };
}

export function checklistPages(site: Site): Page[] {
  return site.offerings.map((offering) => ({
    url: `checklist/${offering.id}/`,
    template: 'pages/checklist.njk',
    title: `${offering.name}: checklist of your duties`,
    description: `Everything you must do yourself when you use ${offering.name}, area by area, as a printable checklist.`,
    data: checklistData(site, offering) as unknown as Record<string, unknown>,
  }));
}

/** One CSV per offering: area, task, the customer's duty, link to the row (RFC 4180). */
export function checklistCsv(site: Site, context: OutputContext): OutputFile[] {
  const duty =
    site.parties.customer.trim().toLowerCase() === 'you' ? 'your duty' : `${site.parties.customer} duty`;
  return site.offerings.map((offering) => {
    const data = checklistData(site, offering);
    let out = csvLine(['area', 'task', duty, 'link']);
    for (const area of data.areas) {
      for (const item of area.items) {
        out += csvLine([
          area.title,
          item.task,
          item.text,
          absoluteUrl(site.baseUrl, item.url) ?? siteUrl(context.base, item.url),
        ]);
      }
    }
    return { path: data.csvUrl, contents: out };
  });
}
