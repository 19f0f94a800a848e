/**
 * dist/responsibilities.csv: one line per row of every offering (RFC 4180: CRLF, quoted fields).
 * Every CSV the site publishes goes through `csvLine`/`csvField`, which also defuse spreadsheet
 * formulas: content comes from pull requests, and a cell such as `=HYPERLINK(...)` must open
 * as text in Excel, LibreOffice or Sheets, not run.
 */
import type { Site } from '../../model/types.js';
import type { OutputFile } from '../page.js';
import type { OutputContext } from '../outputs.js';
import { absoluteUrl, siteUrl } from '../url.js';

/** What spreadsheets read as the start of a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A field a spreadsheet would evaluate gets a leading `'`, so it shows as the text it is. */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Defuse formulas, then quote a field when it holds a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

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
