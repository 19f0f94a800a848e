/**
 * dist/responsibilities.csv: one line per row of every offering (RFC 4180: CRLF, quoted fields).
 * Every CSV the site publishes, in the build or in the browser, goes through `csvLine`/`csvField`
 * (src/shared/csv-fields.ts), which also defuse spreadsheet formulas.
 */
import type { RowsView } from '../../model/rows-view.js';
import { TextPieces, type KnownTexts, type OutputContext, type OutputFile } from '../page.js';
import { absoluteUrl, siteUrl } from '../url.js';
import { offeringPageUrl } from '../../shared/site-paths.js';
import { csvLine } from '../../shared/csv-fields.js';
import { partyLabels } from '../environment.js';
import { LABEL_SOURCE, rowName, taskTitleMap } from '../../model/row-name.js';

/**
 * Offerings' lines made before, by the offering's place in the site (a rebuild's files worker
 * keeps them for the next, and gives them back as the UTF-8 it wrote, written as they are).
 */
export type OfferingLines = KnownTexts<number, string | Uint8Array>;

export function responsibilitiesCsv(site: RowsView, context: Pick<OutputContext, 'base'> & { lines?: OfferingLines }): OutputFile[] {
  return [{ path: 'responsibilities.csv', contents: new TextPieces(() => csvLines(site, context.base, context.lines)) }];
}

/** The header line, then each offering's lines as one piece. */
function* csvLines(site: RowsView, base: string, known: OfferingLines | undefined): Generator<string | Uint8Array> {
  const areaTitles = new Map(site.areas.map((area) => [area.id, area.title]));
  const labels = partyLabels(site);
  const titles = taskTitleMap(site.tasks);
  // "task" is the canonical task title, as on every page; the source's own row label stands beside it.
  yield csvLine(['offering', 'area', 'task', `${LABEL_SOURCE} label`, 'task id', labels.provider ?? '', labels.customer ?? '', 'url']);
  for (const [index, offering] of site.offerings.entries()) {
    const lines = known?.known(index);
    if (lines !== undefined) {
      yield lines;
      continue;
    }
    let out = '';
    for (const section of offering.sections) {
      for (const row of section.rows) {
        const target = offeringPageUrl(offering.id, row.anchor);
        out += csvLine([
          offering.name,
          areaTitles.get(section.areaId) ?? section.areaId,
          rowName(titles, row).title,
          row.task,
          row.taskId,
          row.provider.text,
          row.customer.text,
          absoluteUrl(site.baseUrl, siteUrl(base, target)) ?? siteUrl(base, target),
        ]);
      }
    }
    known?.placed(index, out);
    yield out;
  }
}
