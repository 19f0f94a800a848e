/** One page per offering: every area, its intro and its table(s). */
import type { Offering, Site } from '../../model/types.js';
import { lazyPage, type PageOf } from '../page.js';
import { offeringPageUrl } from '../../shared/site-paths.js';
import { taskTitleMap } from '../../model/row-name.js';
import { areaLinkFor } from './area.js';
import { offeringDescription } from '../meta.js';
import { IdSet, areaOrder, areaTitle, dutyCounts, numberCaptions, tableView, type DutyCounts, type TableView } from '../tables.js';
import { linkTitle } from '../../shared/link-formats.js';

export interface OfferingAreaView {
  /** The area's id on its section element, absent only if something earlier claimed it. */
  id?: string;
  areaId: string;
  title: string;
  /** "Offering › Area": what a copied link to the area says. */
  linkTitle: string;
  introHtml?: string;
  /** This offering's place on the area page (page URL and fragment). */
  areaUrl: string;
  tables: TableView[];
}

export interface OfferingPageData {
  offering: {
    id: string;
    name: string;
    family?: string;
    lastUpdated?: string;
    sourceFile: string;
    sourceUrl?: string;
    sourceTitle?: string;
    summaryHtml?: string;
  };
  counts: DutyCounts;
  areas: OfferingAreaView[];
}

declare module '../page.js' {
  interface PageDataMap {
    offering: OfferingPageData;
  }
}

export function offeringPageData(site: Site, offering: Offering): OfferingPageData {
  const ids = new IdSet();
  // Ids the layout and the page chrome use.
  for (const fixed of ['main', 'top', 'duties-only']) ids.claim(fixed);
  const areaIds = areaOrder(site, offering.sections.map((section) => section.areaId));
  // Claim area ids first: the area heading wins when a table shares its id.
  const areaClaims = new Map(areaIds.map((areaId) => [areaId, ids.claim(areaId)]));
  const titles = taskTitleMap(site.tasks);
  const areas = areaIds.map((areaId): OfferingAreaView => {
    const sections = offering.sections.filter((section) => section.areaId === areaId);
    const intro = sections.find((section) => section.intro && section.intro.html.trim() !== '')?.intro;
    const title = areaTitle(site, areaId);
    return {
      ...(areaClaims.get(areaId) ? { id: areaId } : {}),
      areaId,
      title,
      linkTitle: linkTitle([offering.name, title]),
      ...(intro ? { introHtml: intro.html } : {}),
      areaUrl: areaLinkFor(site, areaId, offering.id),
      tables: sections.map((section) =>
        tableView(section, ids, { caption: section.caption || `${title}: ${offering.name}`, context: [offering.name, title], titles }),
      ),
    };
  });
  numberCaptions(areas.flatMap((area) => area.tables));
  return {
    offering: {
      id: offering.id,
      name: offering.name,
      ...(offering.family ? { family: offering.family } : {}),
      ...(offering.lastUpdated ? { lastUpdated: offering.lastUpdated } : {}),
      sourceFile: offering.source.file,
      ...(offering.sourceUrl ? { sourceUrl: offering.sourceUrl } : {}),
      ...(offering.sourceTitle ? { sourceTitle: offering.sourceTitle } : {}),
      ...(offering.summary && offering.summary.html.trim() ? { summaryHtml: offering.summary.html } : {}),
    },
    counts: dutyCounts(offering.sections),
    areas,
  };
}

export function offeringPages(site: Site): PageOf<'offering'>[] {
  return site.offerings.map((offering) =>
    lazyPage<'offering'>(
      {
        kind: 'offering',
        url: offeringPageUrl(offering.id),
        template: 'pages/offering.njk',
        title: `${offering.name}: shared responsibilities`,
        description: () => offeringDescription(site, offering),
      },
      () => offeringPageData(site, offering),
      // Besides the offering, its data reads only where it stands on each of its area pages.
      () => ({ offerings: [offering], values: offering.sections.map((section) => areaLinkFor(site, section.areaId, offering.id)) }),
    ),
  );
}
