/**
 * Data for the home page's area x offering grid: per cell, how many duties each party carries
 * in that offering's area, linking to the area on the offering page when the offering has it.
 */
import type { Offering, Site } from '../model/types.js';
import { dutyCounts } from './tables.js';
import { areaPageUrl, checklistPageUrl, offeringPageUrl } from '../shared/site-paths.js';

/** One offering's duties in one area, per party. */
export interface AreaDutyCell {
  /** The area on the offering page; absent when the offering lists nothing in this area. */
  url?: string;
  provider: number;
  customer: number;
}

export interface HomeGridCell extends AreaDutyCell {
  offeringId: string;
}

export interface HomeGrid {
  caption: string;
  offerings: { id: string; name: string; url: string; checklistUrl: string }[];
  rows: { areaId: string; title: string; url: string; cells: HomeGridCell[] }[];
}

export function homeGrid(site: Site): HomeGrid {
  return {
    caption: `Duties per area and offering: how many tasks list a duty for ${site.parties.provider} and for ${customerInText(site)}`,
    offerings: site.offerings.map((o) => ({
      id: o.id,
      name: o.name,
      url: offeringPageUrl(o.id),
      checklistUrl: checklistPageUrl(o.id),
    })),
    rows: site.areas.map((area) => ({
      areaId: area.id,
      title: area.title,
      url: areaPageUrl(area.id),
      cells: site.offerings.map((offering): HomeGridCell => ({ offeringId: offering.id, ...areaDutyCell(offering, area.id) })),
    })),
  };
}

/** How many duties each party carries in one area of one offering, linking to it when listed. */
export function areaDutyCell(offering: Offering, areaId: string): AreaDutyCell {
  const sections = offering.sections.filter((s) => s.areaId === areaId);
  const counts = dutyCounts(sections);
  return {
    ...(sections.length > 0 ? { url: offeringPageUrl(offering.id, areaId) } : {}),
    provider: counts.provider,
    customer: counts.customer,
  };
}

/** The customer party as it reads mid-sentence ("for you", "for Acme"). */
export function customerInText(site: Site): string {
  return site.parties.customer.toLowerCase() === 'you' ? 'you' : site.parties.customer;
}
