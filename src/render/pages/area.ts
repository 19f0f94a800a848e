/** One page per area: that area across all offerings. */
import type { Site } from '../../model/types.js';
import type { Page } from '../page.js';
import { areaDescription } from '../meta.js';
import { IdSet, tableView, type TableView } from '../tables.js';

export interface AreaOfferingView {
  id: string;
  name: string;
  url: string;
  introHtml?: string;
  tables: TableView[];
}

export interface AreaPageData {
  area: { id: string; title: string; description?: string };
  offerings: AreaOfferingView[];
}

export function areaPageData(site: Site, areaId: string): AreaPageData {
  const area = site.areas.find((a) => a.id === areaId) ?? { id: areaId, title: areaId };
  const ids = new IdSet();
  for (const fixed of ['main', 'top', 'duties-only']) ids.claim(fixed);
  const offerings = site.offerings
    .map((offering) => ({ offering, sections: offering.sections.filter((s) => s.areaId === areaId) }))
    .filter(({ sections }) => sections.length > 0)
    .map(({ offering, sections }): AreaOfferingView => {
      ids.claim(offering.id);
      const intro = sections.find((s) => s.intro && s.intro.html.trim() !== '')?.intro;
      return {
        id: offering.id,
        name: offering.name,
        url: `offerings/${offering.id}/#${areaId}`,
        ...(intro ? { introHtml: intro.html } : {}),
        // Table and row ids are prefixed by the offering (several offerings share task ids here);
        // aliases belong to the offering page.
        tables: sections.map((section, index) =>
          tableView(section, ids, {
            caption: section.caption || `${area.title}: ${offering.name}`,
            tableId: `${offering.id}--table${index === 0 ? '' : `-${index + 1}`}`,
            rowId: (row) => `${offering.id}--${row.taskId}`,
            aliases: false,
          }),
        ),
      };
    });
  return {
    area: { id: area.id, title: area.title, ...(area.description ? { description: area.description } : {}) },
    offerings,
  };
}

export function areaPages(site: Site): Page[] {
  return site.areas.map((area) => ({
    url: `areas/${area.id}/`,
    template: 'pages/area.njk',
    title: `${area.title} across offerings`,
    description: areaDescription(site, area.id),
    data: areaPageData(site, area.id) as unknown as Record<string, unknown>,
  }));
}
