/**
 * Every real IBM page in ../shared/corpus must parse without errors, and its IBM/You tables
 * must come out row for row. The expected rows come from a deliberately simple line-based
 * reader of pipe tables written here, independent of the parser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { ContentConfig } from '../src/config/types.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { buildOfferings as build } from '../src/model/offerings.js';
import { summaryRenderer } from '../src/parse/markdown/summary.js';
import type { ParsedSource } from '../src/parse/types.js';
import type { Rich } from '../src/model/types.js';
import { parseMarkdownSource } from '../src/parse/markdown/index.js';
import { CORPUS, CORPUS_FILES as FILES, keywordsFor } from './corpus-pages.js';

/** The model stage as the build runs it: configured summaries rendered by the parse stage. */
function buildOfferings(sources: ParsedSource[], config: ContentConfig, diagnostics: Diagnostic[]) {
  return build(sources, config, diagnostics, summaryRenderer(config, diagnostics));
}


// ---- the independent reader ------------------------------------------------------------

interface ExpectedRow { task: string; ibm: string; you: string }
interface ExpectedTable { line: number; headings: string[]; rows: ExpectedRow[] }

const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const SAFE_TAGS = /<\/?(?:br|p|ul|ol|li|code|a|em|strong|b|i)\b[^>]*>/gi;

function splitRow(line: string): string[] {
  const cells = line.trim().split(/(?<!\\)\|/);
  if (cells[0]?.trim() === '') cells.shift();
  if (cells.length > 0 && cells[cells.length - 1]?.trim() === '') cells.pop();
  return cells.map((c) => c.trim());
}

function plain(cell: string, keywords: Map<string, string>): string {
  return cell
    .replace(/\{\{site\.data\.keyword\.([A-Za-z0-9_.-]+)\}\}/g, (_, n: string) => keywords.get(n) ?? n)
    .replace(/\{:[^}]*\}/g, ' ')
    .replace(/\\n/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/\[\^([^\]]+)\]/g, ' $1 ')
    .replace(SAFE_TAGS, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ');
}

/** Letters and digits only: formatting differences do not count, words do. */
function words(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const PLACEHOLDER = /^(n\/a|none|\(none\)|not applicable|\?|-)$/i;

function readTables(text: string, keywords: Map<string, string>): ExpectedTable[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const tables: ExpectedTable[] = [];
  const headingAt: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const h = /^(#{2,6})\s+(.*)$/.exec(line);
    if (h) { headingAt.length = (h[1] as string).length - 1; headingAt[(h[1] as string).length - 2] = plain(h[2] as string, keywords); continue; }
    if (!line.trimStart().startsWith('|') || !DELIMITER.test(lines[i + 1] ?? '')) continue;
    const header = splitRow(line).map((c) => plain(c, keywords));
    const you = header.findIndex((c, k) => k > 0 && /\byour?\b|customer|what you can do/i.test(c));
    const ibm = header.findIndex((c, k) => k > 0 && k !== you && /ibm|responsib/i.test(c));
    if (you < 0 || ibm < 0) continue;
    const task = header.length === 4 && /^area$/i.test(header[0] ?? '') ? 1 : 0;
    const table: ExpectedTable = { line: i + 1, headings: headingAt.filter(Boolean), rows: [] };
    let j = i + 2;
    for (; j < lines.length && (lines[j] as string).trimStart().startsWith('|'); j++) {
      const cells = splitRow(lines[j] as string).map((c) => plain(c, keywords).trim());
      const cell = (k: number) => {
        const v = cells[k] ?? '';
        return PLACEHOLDER.test(v.trim()) ? '' : v;
      };
      const name = cells[task] ?? '';
      if (/^task \d+$/i.test(name)) continue;
      const prev = table.rows[table.rows.length - 1];
      if (name === '') {
        if (prev) { prev.ibm += ` ${cell(ibm)}`; prev.you += ` ${cell(you)}`; }
        continue;
      }
      table.rows.push({ task: name, ibm: cell(ibm), you: cell(you) });
    }
    tables.push(table);
    i = j - 1;
  }
  return tables;
}

// ---- the checks ------------------------------------------------------------------------

function richProblems(r: Rich, where: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(r)) {
    if (v.includes('{:')) out.push(`${where}.${k} contains {:`);
    if (v.includes('{{')) out.push(`${where}.${k} contains {{`);
    if (v.includes('\\n')) out.push(`${where}.${k} contains a literal \\n`);
  }
  return out;
}

const AREAS: [string, RegExp][] = [
  ['incident-and-ops', /incidents? and operations/i],
  ['change-management', /^change management/i],
  ['iam-responsibilities', /identity and access/i],
  ['security-compliance', /security and (regulat|compliance)/i],
  ['disaster-recovery', /disaster/i],
];

describe.each(FILES)('corpus %s', (name) => {
  const text = readFileSync(path.join(CORPUS, name), 'utf8');
  const keywords = keywordsFor(text);
  const file = new VFile({ path: path.basename(name), value: text });
  const parsed = parseMarkdownSource(file, { keywords, linkBase: 'https://cloud.ibm.com' });
  const expected = readTables(text, keywords);

  it('parses without errors', () => {
    expect(file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([]);
    expect(file.messages.every((m) => typeof m.line === 'number' && m.line >= 1)).toBe(true);
  });

  it('yields the IBM/You tables row for row', () => {
    const pipeTables = parsed.tables.filter((t) => !(text.split(/\r?\n/)[t.source.line - 1] ?? '').trimStart().startsWith('<'));
    expect(pipeTables.map((t) => t.source.line)).toEqual(expected.map((t) => t.line));
    pipeTables.forEach((t, i) => {
      const want = expected[i] as ExpectedTable;
      expect(t.rows.map((r) => words(r.task)), `table at line ${want.line}`).toEqual(want.rows.map((r) => words(r.task)));
      expect(t.rows.map((r) => words(r.provider.text))).toEqual(want.rows.map((r) => words(r.ibm)));
      expect(t.rows.map((r) => words(r.customer.text))).toEqual(want.rows.map((r) => words(r.you)));
    });
  });

  it('leaves no attribute list, keyref or literal \\n in any text, and no caption as a task', () => {
    const problems: string[] = [];
    if (parsed.summary) problems.push(...richProblems(parsed.summary, 'summary'));
    for (const t of parsed.tables) {
      for (const h of t.headings) if (h.intro) problems.push(...richProblems(h.intro, `intro ${h.text}`));
      for (const r of t.rows) {
        problems.push(...richProblems(r.provider, `${r.task} IBM`), ...richProblems(r.customer, `${r.task} you`));
        problems.push(...richProblems({ text: r.task, html: '' }, 'task'));
        if (/caption|^table \d+\.|summary=/i.test(r.task)) problems.push(`row task looks like a caption: ${r.task}`);
      }
      if (t.caption?.includes('{{')) problems.push(`caption has a keyref: ${t.caption}`);
    }
    expect(problems).toEqual([]);
  });

  it('recognises the standard areas it has', () => {
    const config: ContentConfig = {
      site: { title: 'Corpus', linkBase: 'https://cloud.ibm.com', parties: { provider: 'IBM', customer: 'You' }, areas: [], redirects: [] },
      keywords,
      tasks: [],
    };
    const diagnostics: Diagnostic[] = [];
    const built = buildOfferings([parsed], config, diagnostics);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const sectionAreas = new Set(built.offerings.flatMap((o) => o.sections.map((s) => s.areaId)));
    for (const [id, wording] of AREAS) {
      const present = expected.some((t) => t.rows.length > 0 && t.headings.some((h) => wording.test(h.trim())));
      if (present) expect(sectionAreas, id).toContain(id);
    }
    const rows = built.offerings.flatMap((o) => o.sections.flatMap((s) => s.rows));
    expect(new Set(rows.map((r) => r.anchor)).size).toBe(rows.length);
  });
});
