/**
 * Text conservation: every word of every body cell of a responsibility table must reach the
 * model (task, group, IBM text, your text, caption of the table at that line) or be quoted
 * (inside "...") by a diagnostic that names its line. The tables are read here by a few lines of code of their
 * own, independent of the parser: each body line is split at its pipes, whatever the parser
 * makes of it (a row, the rest of the row above, a line it leaves out).
 */

export interface ModelTable {
  /** Line of the table's header in the source. */
  line: number;
  /** Task, group, IBM text, your text of every row, and the caption. */
  texts: string[];
}

export interface Message {
  line: number;
  message: string;
}

export interface Loss {
  line: number;
  word: string;
  cell: string;
}

const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)*\|?\s*$/;
const NO_DUTY = /^(?:n\/a|none|\(none\)|not applicable|\?|-)$/i;
/** Header words that say a table gives duties of the provider or the customer. */
const PARTY_HEADER = /\b(?:your?|customer|client|consumer|ibm|provider)\b|responsib|helps/i;
/** Cells of an overview matrix ("by resource"): a party, or shared. */
const OVERVIEW_CELL = /^(?:ibm|ibm cloud|you|shared|both|customer|client|provider)$/i;

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function splitCells(line: string): string[] {
  const cells = line.trim().split(/(?<!\\)\|/);
  if (line.trim().startsWith('|')) cells.shift();
  if (cells.length > 1 && (cells[cells.length - 1] ?? '').trim() === '') cells.pop();
  return cells;
}

/** What a reader sees of a cell: keyrefs resolved, link targets, markup and attribute lists gone. */
function plain(cell: string, keywords: Map<string, string>): string {
  return cell
    .replace(/\{\{\s*site\.data\.keyword\.([\w.-]+)\s*\}\}/g, (_, n: string) => keywords.get(n) ?? n)
    .replace(/\{:[^}]*\}/g, ' ')
    .replace(/\\n/g, ' ')
    .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '] ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#x?[0-9a-f]+;/gi, ' ')
    .trim();
}

interface ReadCell { line: number; text: string }
interface ReadTable { line: number; cells: ReadCell[] }

/** The responsibility tables of a page: pipe tables with a party in their header, not overviews. */
export function readTables(source: string, keywords: Map<string, string>): ReadTable[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const tables: ReadTable[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || !line.includes('|') || !DELIMITER.test(lines[i + 1] ?? '') || !(lines[i + 1] ?? '').includes('-')) continue;
    const header = splitCells(line).map((c) => plain(c, keywords));
    const table: ReadTable = { line: i + 1, cells: [] };
    let j = i + 2;
    for (; j < lines.length; j++) {
      const body = lines[j] as string;
      if (body.trim() === '' || /^#{1,6}\s/.test(body)) break;
      if (body.trim().startsWith('{:')) continue;
      for (const cell of splitCells(body)) table.cells.push({ line: j + 1, text: plain(cell, keywords) });
    }
    i = j - 1;
    if (!header.slice(1).some((h) => PARTY_HEADER.test(h))) continue;
    const overview = header.length >= 4 && lines.slice(table.line + 1, j).every((body) => {
      const cells = splitCells(body).slice(1).map((c) => plain(c, keywords).replace(/^\[|\]$/g, ''));
      return body.trim().startsWith('{:') || cells.every((c) => OVERVIEW_CELL.test(c));
    });
    if (!overview) tables.push(table);
  }
  return tables;
}

/** The words of responsibility table cells that reach neither the model nor a diagnostic of their line. */
export function lostWords(source: string, keywords: Map<string, string>, model: ModelTable[], messages: Message[]): Loss[] {
  const losses: Loss[] = [];
  const quoted = new Map<number, Set<string>>();
  for (const m of messages) {
    const set = quoted.get(m.line) ?? new Set<string>();
    for (const q of m.message.matchAll(/"([^"]*)"/g)) for (const w of words(q[1] ?? '')) set.add(w);
    quoted.set(m.line, set);
  }
  for (const table of readTables(source, keywords)) {
    const available = new Map<string, number>();
    for (const t of model.filter((m) => m.line === table.line)) {
      for (const w of t.texts.flatMap(words)) available.set(w, (available.get(w) ?? 0) + 1);
    }
    // Words a diagnostic quotes at their line are accounted for; the others must be in the model.
    for (const cell of table.cells) {
      if (NO_DUTY.test(cell.text)) continue;
      for (const word of words(cell.text)) {
        if (quoted.get(cell.line)?.has(word)) continue;
        const left = available.get(word) ?? 0;
        if (left > 0) available.set(word, left - 1);
        else losses.push({ line: cell.line, word, cell: cell.text });
      }
    }
  }
  return losses;
}
