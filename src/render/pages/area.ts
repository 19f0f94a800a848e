/**
 * Area pages: one area across all offerings. With many offerings the area is split into pages of
 * AREA_PAGE_SIZE offerings (`areas/<id>/`, `areas/<id>/2/`, ...), so no page grows with the site.
 */
import { pagerView, type PagerView } from '../offering-summary.js';
import type { Offering, Site } from '../../model/types.js';
import { lazyPage, type PageOf } from '../page.js';
import { taskTitleMap, type TaskTitles } from '../../model/row-name.js';
import { areaDescription } from '../meta.js';
import { IdSet, numberCaptions, tableView, type TableView } from '../tables.js';
import { linkTitle } from '../../shared/link-formats.js';
import { areaPageUrl, offeringPageUrl } from '../../shared/site-paths.js';

export const AREA_PAGE_SIZE = 25;

export interface AreaOfferingView {
  id: string;
  name: string;
  url: string;
  /** "Offering › Area": what a copied link to this offering's part says. */
  linkTitle: string;
  introHtml?: string;
  tables: TableView[];
}

export interface AreaPageData {
  area: { id: string; title: string; description?: string };
  offerings: AreaOfferingView[];
  /** Present when the area spans several pages. */
  pager?: PagerView;
}

declare module '../page.js' {
  interface PageDataMap {
    area: AreaPageData;
  }
}

/** Per site: area id -> the offerings that have it, in site order (made in one pass over the offerings). */
const withArea = new WeakMap<Site, Map<string, readonly Offering[]>>();

function offeringsWithArea(site: Site, areaId: string): readonly Offering[] {
  let byArea = withArea.get(site);
  if (!byArea) {
    const lists = new Map<string, Offering[]>();
    for (const offering of site.offerings) {
      for (const areaOf of new Set(offering.sections.map((s) => s.areaId))) {
        const list = lists.get(areaOf);
        if (list) list.push(offering);
        else lists.set(areaOf, [offering]);
      }
    }
    withArea.set(site, (byArea = lists));
  }
  return byArea.get(areaId) ?? [];
}

/** Per site and area: offering id -> its position among the offerings that have the area. */
const positions = new WeakMap<Site, Map<string, Map<string, number>>>();

/** Where an offering's part of an area page is: the page URL with its fragment. */
export function areaLinkFor(site: Site, areaId: string, offeringId: string): string {
  let byArea = positions.get(site);
  if (!byArea) positions.set(site, (byArea = new Map()));
  let index = byArea.get(areaId);
  if (!index) byArea.set(areaId, (index = new Map(offeringsWithArea(site, areaId).map((o, i) => [o.id, i]))));
  const position = index.get(offeringId);
  if (position === undefined) return areaPageUrl(areaId);
  return `${areaPageUrl(areaId, Math.floor(position / AREA_PAGE_SIZE) + 1)}#${offeringId}`;
}

function offeringView(areaId: string, title: string, offering: Offering, ids: IdSet, titles: TaskTitles): AreaOfferingView {
  const sections = offering.sections.filter((s) => s.areaId === areaId);
  ids.claim(offering.id);
  const intro = sections.find((s) => s.intro && s.intro.html.trim() !== '')?.intro;
  return {
    id: offering.id,
    name: offering.name,
    url: offeringPageUrl(offering.id, areaId),
    linkTitle: linkTitle([offering.name, title]),
    ...(intro ? { introHtml: intro.html } : {}),
    // Table and row ids are prefixed by the offering (several offerings share task ids here);
    // aliases belong to the offering page.
    tables: sections.map((section, index) =>
      tableView(section, ids, {
        caption: section.caption || `${title}: ${offering.name}`,
        context: [offering.name, title],
        titles,
        tableId: `${offering.id}--table${index === 0 ? '' : `-${index + 1}`}`,
        rowId: (row) => `${offering.id}--${row.taskId}`,
        aliases: false,
      }),
    ),
  };
}

function pager(areaId: string, current: number, total: number): PagerView | undefined {
  return pagerView((n) => areaPageUrl(areaId, n), current, total);
}

/** How many pages an area takes (at least one, even when no offering has the area). */
function areaPageCount(offerings: readonly Offering[]): number {
  return Math.max(1, Math.ceil(offerings.length / AREA_PAGE_SIZE));
}

/** The data of page `index` (0-based) of an area whose offerings are `offerings`. */
function areaPageAt(site: Site, areaId: string, offerings: readonly Offering[], index: number, titles: TaskTitles): AreaPageData {
  const area = site.areas.find((a) => a.id === areaId) ?? { id: areaId, title: areaId };
  const ids = new IdSet();
  for (const fixed of ['main', 'top', 'duties-only']) ids.claim(fixed);
  const chunk = offerings.slice(index * AREA_PAGE_SIZE, (index + 1) * AREA_PAGE_SIZE);
  const paging = pager(areaId, index + 1, areaPageCount(offerings));
  const views = chunk.map((offering) => offeringView(areaId, area.title, offering, ids, titles));
  numberCaptions(views.flatMap((view) => view.tables));
  return {
    area: { id: area.id, title: area.title, ...(area.description ? { description: area.description } : {}) },
    offerings: views,
    ...(paging ? { pager: paging } : {}),
  };
}

/** The offerings on each page of an area, page by page (one empty page when none has it). */
export function areaPageOfferings(site: Site, areaId: string): Offering[][] {
  const offerings = offeringsWithArea(site, areaId);
  return Array.from({ length: areaPageCount(offerings) }, (_, i) => offerings.slice(i * AREA_PAGE_SIZE, (i + 1) * AREA_PAGE_SIZE));
}

/** The first (often only) page of an area. */
export function areaPageData(site: Site, areaId: string): AreaPageData {
  return areaPageAt(site, areaId, offeringsWithArea(site, areaId), 0, taskTitleMap(site.tasks));
}

export function areaPages(site: Site): PageOf<'area'>[] {
  const titles = taskTitleMap(site.tasks);
  return site.areas.flatMap((area) => {
    const offerings = offeringsWithArea(site, area.id);
    const total = areaPageCount(offerings);
    return Array.from({ length: total }, (_, i): PageOf<'area'> => {
      const suffix = total > 1 ? ` (page ${i + 1} of ${total})` : '';
      return lazyPage<'area'>(
        {
          kind: 'area',
          url: areaPageUrl(area.id, i + 1),
          template: 'pages/area.njk',
          title: `${area.title} across offerings${suffix}`,
          description: () => areaDescription(site, area.id) + suffix,
        },
        () => areaPageAt(site, area.id, offerings, i, titles),
        // The description counts the area's rows in every offering, not only this page's.
        () => ({ offerings: offerings.slice(i * AREA_PAGE_SIZE, (i + 1) * AREA_PAGE_SIZE), area: area.id, values: [total, areaDescription(site, area.id)] }),
      );
    });
  });
}
