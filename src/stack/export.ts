/**
 * A stack with the reader's ticks, owners and notes, in the forms wikis and trackers take:
 * Markdown (a table per area), Confluence wiki markup, CSV (formula-defused, like every CSV the
 * site publishes) and JSON. Links use the same Markdown and Confluence forms as copy-link.
 * Pure: the page calls it on "Copy" and "Download", the tests compare it with fixtures.
 */
import { formatLink } from '../shared/link-formats.js';
import { csvLine } from '../shared/csv-fields.js';
import { stackDuties, type Stack, type StackDuty } from './merge.js';
import { dutyState, type DutyState, type SavedRows } from './state.js';
import { collapse } from '../shared/plain-text.js';

export type ExportFormat = 'markdown' | 'confluence' | 'csv' | 'json';

export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string; extension: string; type: string }[] = [
  { format: 'markdown', label: 'Markdown', extension: 'md', type: 'text/markdown' },
  { format: 'confluence', label: 'Confluence wiki markup', extension: 'confluence.txt', type: 'text/plain' },
  { format: 'csv', label: 'CSV', extension: 'csv', type: 'text/csv' },
  { format: 'json', label: 'JSON', extension: 'json', type: 'application/json' },
];

export interface ExportOptions {
  /** Heading of the document, e.g. "Your stack: Key Protect Standard, Secrets Manager". */
  title: string;
  /** Column heading of the duty, e.g. "Your duty". */
  dutyLabel: string;
  /** The absolute URL of a path relative to the site base. */
  absolute(url: string): string;
}

interface Line {
  duty: StackDuty;
  state: DutyState;
}

function linesByArea(stack: Stack, saved: SavedRows): { title: string; id: string; tasks: { title: string; lines: Line[] }[] }[] {
  return stack.areas.map((area) => ({
    id: area.id,
    title: area.title,
    tasks: area.tasks.map((task) => ({
      title: task.title,
      lines: task.duties.map((duty) => ({ duty, state: dutyState(saved, duty) })),
    })),
  }));
}

/** Markdown table cell text: pipes and the characters that start inline markup are escaped. */
function mdCell(text: string): string {
  return collapse(text).replace(/([\\|*_`[\]<>])/g, '\\$1');
}

/** Confluence wiki cell text: every character that starts markup is escaped; empty cells need a space. */
function wikiCell(text: string): string {
  const t = collapse(text).replace(/([\\|*_^~+!{}[\]#-])/g, '\\$1');
  return t === '' ? ' ' : t;
}

export function stackMarkdown(stack: Stack, saved: SavedRows, options: ExportOptions): string {
  const out: string[] = [`# ${mdCell(options.title)}`, ''];
  out.push(`Offerings: ${stack.offerings.map((o) => formatLink('markdown', o.name, options.absolute(o.url))).join(', ')}`, '');
  for (const area of linesByArea(stack, saved)) {
    out.push(`## ${mdCell(area.title)}`, '');
    out.push(`| Done | Task | ${mdCell(options.dutyLabel)} | Offerings | Owner | Note |`, '| --- | --- | --- | --- | --- | --- |');
    for (const task of area.tasks) {
      for (const { duty, state } of task.lines) {
        const links = duty.sources.map((s) => formatLink('markdown', s.offeringName, options.absolute(s.url)).replace(/\|/g, '\\|'));
        out.push(`| ${state.done ? '[x]' : '[ ]'} | ${mdCell(task.title)} | ${mdCell(duty.text)} | ${links.join(', ')} | ${mdCell(state.owner)} | ${mdCell(state.note)} |`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

export function stackConfluence(stack: Stack, saved: SavedRows, options: ExportOptions): string {
  const out: string[] = [`h1. ${wikiCell(options.title)}`, ''];
  out.push(`Offerings: ${stack.offerings.map((o) => formatLink('confluence', o.name, options.absolute(o.url))).join(', ')}`, '');
  for (const area of linesByArea(stack, saved)) {
    out.push(`h2. ${wikiCell(area.title)}`, '');
    out.push(`||Done||Task||${wikiCell(options.dutyLabel)}||Offerings||Owner||Note||`);
    for (const task of area.tasks) {
      for (const { duty, state } of task.lines) {
        const links = duty.sources.map((s) => formatLink('confluence', s.offeringName, options.absolute(s.url)));
        out.push(`|${state.done ? '(/)' : ' '}|${wikiCell(task.title)}|${wikiCell(duty.text)}|${links.join(', ')}|${wikiCell(state.owner)}|${wikiCell(state.note)}|`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

export function stackCsv(stack: Stack, saved: SavedRows, options: ExportOptions): string {
  let out = csvLine(['area', 'task', options.dutyLabel.toLowerCase(), 'offerings', 'links', 'done', 'owner', 'note']);
  for (const area of linesByArea(stack, saved)) {
    for (const task of area.tasks) {
      for (const { duty, state } of task.lines) {
        out += csvLine([
          area.title,
          task.title,
          duty.text,
          duty.sources.map((s) => s.offeringName).join('; '),
          duty.sources.map((s) => options.absolute(s.url)).join(' '),
          state.done ? 'yes' : 'no',
          state.owner,
          state.note,
        ]);
      }
    }
  }
  return out;
}

export function stackJson(stack: Stack, saved: SavedRows, options: ExportOptions): string {
  const duties = stackDuties(stack);
  const done = duties.filter(({ duty }) => dutyState(saved, duty).done).length;
  const document = {
    title: options.title,
    offerings: stack.offerings.map((o) => ({ id: o.id, name: o.name, url: options.absolute(o.url) })),
    done,
    total: duties.length,
    areas: linesByArea(stack, saved).map((area) => ({
      id: area.id,
      title: area.title,
      tasks: area.tasks.map((task) => ({
        title: task.title,
        duties: task.lines.map(({ duty, state }) => ({
          text: duty.text,
          done: state.done,
          owner: state.owner,
          note: state.note,
          rows: duty.sources.map((s) => ({ offering: s.offeringId, name: s.offeringName, task: s.task, url: options.absolute(s.url) })),
        })),
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function stackExport(format: ExportFormat, stack: Stack, saved: SavedRows, options: ExportOptions): string {
  switch (format) {
    case 'markdown':
      return stackMarkdown(stack, saved, options);
    case 'confluence':
      return stackConfluence(stack, saved, options);
    case 'csv':
      return stackCsv(stack, saved, options);
    case 'json':
      return stackJson(stack, saved, options);
  }
}
