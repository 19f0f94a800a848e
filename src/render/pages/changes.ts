/**
 * The "What changed" page (`/changes/`), built when `build --baseline-model FILE` names the
 * previously published model: the change report as HTML, each row linking to its anchor.
 */
import type { ChangeReport, RowChange } from '../../changes/diff.js';
import { summaryLine } from '../../changes/format.js';
import type { WordPart } from '../../changes/word-diff.js';
import type { Page, PageOf } from '../page.js';
import { offeringPageUrl } from '../../shared/site-paths.js';

export const CHANGES_URL = 'changes/';

export interface ChangesRowView {
  kind: RowChange['kind'];
  label: string;
  heading: string;
  /** Link to the row on its offering page; absent for a removed row. */
  url?: string;
  cells: { party: string; parts: WordPart[]; whole: boolean }[];
}

export interface ChangesPageData {
  summary: string;
  offerings: { id: string; name: string; kind: string; note: string; url?: string; rows: ChangesRowView[] }[];
}

declare module '../page.js' {
  interface PageDataMap {
    changes: ChangesPageData;
  }
}

const LABELS: Record<RowChange['kind'], string> = { added: 'Added', removed: 'Removed', moved: 'Moved', changed: 'Changed' };

export function changesPageData(report: ChangeReport): ChangesPageData {
  return {
    summary: summaryLine(report.summary),
    offerings: report.offerings.map((offering) => {
      const url = offering.kind === 'removed' ? undefined : offeringPageUrl(offering.id);
      const rows = offering.rows.map((row): ChangesRowView => {
        const heading =
          row.kind === 'moved' && row.from
            ? `${row.task}: moved from ${row.from.areaTitle} (row ${row.from.position}) to ${row.place.areaTitle} (row ${row.place.position})`
            : `${row.place.areaTitle}: ${row.task}`;
        return {
          kind: row.kind,
          label: LABELS[row.kind],
          heading,
          ...(url && row.kind !== 'removed' ? { url: `${url}#${row.anchor}` } : {}),
          cells: row.cells
            .filter((cell) => cell.words.length > 0)
            .map((cell) => ({ party: report.parties[cell.party], parts: cell.words, whole: row.kind === 'added' || row.kind === 'removed' })),
        };
      });
      const note =
        offering.kind === 'added'
          ? `New offering, ${offering.rowCount} rows.`
          : offering.kind === 'removed'
            ? `Removed; it had ${offering.rowCount} rows.`
            : '';
      return { id: offering.id, name: offering.name, kind: offering.kind, note, ...(url ? { url } : {}), rows };
    }),
  };
}

export function changesPages(report: ChangeReport): PageOf<'changes'>[] {
  return [
    {
      kind: 'changes',
      url: CHANGES_URL,
      template: 'pages/changes.njk',
      title: 'What changed',
      description: `Changes in responsibilities since the previous version: ${summaryLine(report.summary)}`,
      data: changesPageData(report),
    },
  ];
}

/**
 * Adds the changes page to a page list and a link to it from the home page
 * (`page.data.changes`, shown by the home template when present).
 */
export function withChangesPage(pages: Page[], report: ChangeReport | undefined): Page[] {
  if (!report) return pages;
  const summary = summaryLine(report.summary);
  const linked = pages.map((page) => (page.kind === 'home' && page.url === '' ? { ...page, data: { ...page.data, changes: { url: CHANGES_URL, summary } } } : page));
  return [...linked, ...changesPages(report)];
}
