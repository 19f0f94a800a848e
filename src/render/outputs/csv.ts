/**
 * dist/responsibilities.csv: one line per row of every offering (RFC 4180: CRLF, quoted fields).
 * Every CSV the site publishes, in the build or in the browser, goes through `csvLine`/`csvField`
 * (src/render/csv-fields.ts), which also defuse spreadsheet formulas.
 */
import type { Site } from '../../model/types.js';
import type { OutputContext, OutputFile } from '../page.js';
import { absoluteUrl, siteUrl } from '../url.js';
import { csvLine } from '../../shared/csv-fields.js';

export function responsibilitiesCsv(site: Site, context: OutputContext): OutputFile[] {
  const areaTitles = new Map(site.areas.map((area) => [area.id, area.title]));
  let out = csvLine(['offering', 'area', 'task', 'task id', `${site.parties.provider} responsibilities`, `${site.parties.customer} responsibilities`, 'url']);
  for (const offering of site.offerings) {
    for (const section of offering.sections) {
      for (const row of section.rows) {
        const target = `offerings/${offering.id}/#${row.anchor}`;
        out += csvLine([
          offering.name,
          areaTitles.get(section.areaId) ?? section.areaId,
          row.task,
          row.taskId,
          row.provider.text,
          row.customer.text,
          absoluteUrl(site.baseUrl, siteUrl(context.base, target)) ?? siteUrl(context.base, target),
        ]);
      }
    }
  }
  return [{ path: 'responsibilities.csv', contents: out }];
}
