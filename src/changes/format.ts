/**
 * The change report as text (terminal, CI log) and as Markdown (a pull-request comment).
 * Word changes show as `[-old-]{+new+}` in text and as <del>/<ins> in Markdown, which both
 * GitHub and GitLab render.
 */
import type { CellChange, ChangeReport, ChangeSummary, OfferingChange, RowChange, RowPlace } from './diff.js';
import type { WordPart } from './word-diff.js';

/** GitHub refuses comments over 65,536 characters; stop well before. */
const MARKDOWN_LIMIT = 60_000;

export function summaryLine(summary: ChangeSummary): string {
  const parts: string[] = [];
  const offerings = [
    count(summary.offeringsChanged, 'offering changed', 'offerings changed'),
    count(summary.offeringsAdded, 'offering added', 'offerings added'),
    count(summary.offeringsRemoved, 'offering removed', 'offerings removed'),
  ].filter(Boolean);
  if (offerings.length) parts.push(offerings.join(', '));
  const rows = [
    count(summary.added, 'row added', 'rows added'),
    count(summary.removed, 'row removed', 'rows removed'),
    count(summary.moved, 'row moved', 'rows moved'),
    count(summary.changed, 'row changed', 'rows changed'),
  ].filter(Boolean);
  if (rows.length) parts.push(rows.join(', '));
  return parts.length ? parts.join('; ') : 'No changes in responsibilities.';
}

export function reportText(report: ChangeReport): string {
  const lines = [summaryLine(report.summary)];
  for (const offering of report.offerings) {
    lines.push('', `${offering.name} (${offering.id})${offeringNote(offering)}`);
    for (const row of offering.rows) {
      lines.push(`  ${TEXT_SIGN[row.kind]} ${rowHeading(row)}`);
      for (const cell of row.cells) {
        if (cell.words.length === 0) continue;
        lines.push(`      ${partyLabel(report, cell)}: ${cell.words.map(textPart(row.kind)).join('')}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

export function reportMarkdown(report: ChangeReport): string {
  const out = ['## Responsibility changes', '', `**${summaryLine(report.summary)}**`];
  let omitted = 0;
  let length = out.join('\n').length;
  for (const offering of report.offerings) {
    const block = ['', `### ${md(offering.name)} (\`${offering.id}\`)${md(offeringNote(offering))}`];
    if (offering.rows.length > 0) block.push('');
    for (const row of offering.rows) {
      block.push(`- **${MD_KIND[row.kind]}** ${md(rowHeading(row))} (\`#${row.anchor}\`)`);
      for (const cell of row.cells) {
        if (cell.words.length === 0) continue;
        block.push(`  - ${md(partyLabel(report, cell))}: ${cell.words.map(markdownPart(row.kind)).join('')}`);
      }
    }
    const text = block.join('\n');
    if (length + text.length > MARKDOWN_LIMIT) {
      omitted += 1;
      continue;
    }
    out.push(text);
    length += text.length;
  }
  if (omitted > 0) out.push('', `_${omitted} more ${omitted === 1 ? 'offering' : 'offerings'} not shown: run \`respmatrix diff\` for the full report._`);
  return out.join('\n') + '\n';
}

const TEXT_SIGN: Record<RowChange['kind'], string> = { added: '+', removed: '-', moved: '>', changed: '~' };
const MD_KIND: Record<RowChange['kind'], string> = { added: 'Added', removed: 'Removed', moved: 'Moved', changed: 'Changed' };

function rowHeading(row: RowChange): string {
  const here = `${row.place.areaTitle} › ${row.task}`;
  if (row.kind !== 'moved' || !row.from) return here;
  return `${row.task}: from ${placeText(row.from)} to ${placeText(row.place)}`;
}

function placeText(place: RowPlace): string {
  return `${place.areaTitle} #${place.position}`;
}

function offeringNote(offering: OfferingChange): string {
  const rows = `${offering.rowCount} ${offering.rowCount === 1 ? 'row' : 'rows'}`;
  if (offering.kind === 'added') return ` added, ${rows}`;
  if (offering.kind === 'removed') return ` removed, had ${rows}`;
  return '';
}

function partyLabel(report: ChangeReport, cell: CellChange): string {
  return report.parties[cell.party];
}

/** A whole added or removed row shows its text plainly; edits show their word changes. */
function textPart(kind: RowChange['kind']): (part: WordPart) => string {
  return (part) => {
    if (kind === 'added' || kind === 'removed' || part.kind === 'same') return part.text;
    return part.kind === 'added' ? `{+${part.text}+}` : `[-${part.text}-]`;
  };
}

function markdownPart(kind: RowChange['kind']): (part: WordPart) => string {
  return (part) => {
    const text = md(part.text);
    if (kind === 'added' || kind === 'removed' || part.kind === 'same') return text;
    return part.kind === 'added' ? `<ins>${text}</ins>` : `<del>${text}</del>`;
  };
}

/** Escape text for Markdown: HTML-significant characters and Markdown punctuation. */
export function md(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1');
}

function count(n: number, one: string, many: string): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}
