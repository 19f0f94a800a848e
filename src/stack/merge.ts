/**
 * A stack: every customer duty across the offerings a reader uses, grouped by area and then by
 * canonical task. A duty worded identically (whitespace aside) by several offerings appears once
 * with each offering named; different wordings of one task stand side by side under it.
 * Pure: the browser builds the page from it and the tests check it in Node.
 */
import { isDuty } from '../model/duty.js';
import type { OfferingDataFile, OfferingIndexFile } from '../model/compare.js';
import { byCodeUnit } from '../shared/order.js';
import { checklistPageUrl, offeringPageUrl } from '../shared/site-paths.js';
import { collapse } from '../shared/plain-text.js';

export type { OfferingDataFile, OfferingIndexFile };
export type OfferingDataRow = OfferingDataFile['sections'][number]['rows'][number];

/** Whether a row's customer cell is a duty to tick off (empty and "no action" cells are not). */
export type DutyPredicate = (row: OfferingDataRow) => boolean;

/** Where a duty comes from: one offering's row. */
export interface DutySource {
  offeringId: string;
  offeringName: string;
  /** The task as this offering's source words it. */
  task: string;
  anchor: string;
  /** The row on the offering page, relative to the site base. */
  url: string;
}

export interface StackDuty {
  /** `<offering-id>#<anchor>` of the first source: the duty's id on the page. */
  id: string;
  text: string;
  html: string;
  /** Every offering row that asks for this duty, in the stack's offering order. */
  sources: DutySource[];
}

export interface StackTask {
  id: string;
  title: string;
  duties: StackDuty[];
}

export interface StackArea {
  id: string;
  title: string;
  tasks: StackTask[];
}

export interface Stack {
  offerings: { id: string; name: string; url: string; checklistUrl: string }[];
  areas: StackArea[];
  /** Number of duties (merged duties count once). */
  total: number;
}

/** The key of one offering's row, used for ids and for the reader's saved state. */
export function rowKey(offeringId: string, anchor: string): string {
  return `${offeringId}#${anchor}`;
}

/** Text that decides whether two wordings are the same duty: whitespace folded. */
export function dutyWording(text: string): string {
  return collapse(text);
}

/** A customer cell that asks for something: not empty and not "no action" (src/model/duty.ts). */
export const listedDuty: DutyPredicate = (row) => isDuty(row.customer, 'customer');

/**
 * Merge the offerings' customer duties. Offerings keep the order given; areas follow `areas`
 * (the site's order, from the offering index), any other area after them by id; tasks and
 * wordings keep the order of first appearance.
 */
export function buildStack(
  offerings: readonly OfferingDataFile[],
  areas: readonly { id: string; title: string }[],
  isDuty: DutyPredicate = listedDuty,
): Stack {
  const position = new Map(areas.map((area, i) => [area.id, i]));
  const titles = new Map(areas.map((area) => [area.id, area.title]));
  const found = new Map<string, Map<string, { title: string; duties: Map<string, StackDuty> }>>();
  let total = 0;
  for (const offering of offerings) {
    const url = offeringPageUrl(offering.id);
    for (const section of offering.sections) {
      let tasks = found.get(section.areaId);
      if (!tasks) {
        tasks = new Map();
        found.set(section.areaId, tasks);
      }
      for (const row of section.rows) {
        if (!isDuty(row)) continue;
        let task = tasks.get(row.taskId);
        if (!task) {
          task = { title: offering.taskTitles[row.taskId] ?? row.task, duties: new Map() };
          tasks.set(row.taskId, task);
        }
        const wording = dutyWording(row.customer.text);
        const source: DutySource = {
          offeringId: offering.id,
          offeringName: offering.name,
          task: row.task,
          anchor: row.anchor,
          url: `${url}#${row.anchor}`,
        };
        const same = task.duties.get(wording);
        if (same) {
          same.sources.push(source);
        } else {
          total += 1;
          task.duties.set(wording, { id: rowKey(offering.id, row.anchor), text: wording, html: row.customer.html, sources: [source] });
        }
      }
    }
  }
  const rank = (id: string): number => position.get(id) ?? areas.length;
  return {
    offerings: offerings.map(({ id, name }) => ({ id, name, url: offeringPageUrl(id), checklistUrl: checklistPageUrl(id) })),
    areas: [...found]
      .filter(([, tasks]) => tasks.size > 0)
      .sort(([a], [b]) => rank(a) - rank(b) || byCodeUnit(a, b))
      .map(([id, tasks]) => ({
        id,
        title: titles.get(id) ?? id,
        tasks: [...tasks].map(([taskId, task]) => ({ id: taskId, title: task.title, duties: [...task.duties.values()] })),
      })),
    total,
  };
}

/** Every duty of a stack with its area and task, in page order. */
export function stackDuties(stack: Stack): { area: StackArea; task: StackTask; duty: StackDuty }[] {
  return stack.areas.flatMap((area) => area.tasks.flatMap((task) => task.duties.map((duty) => ({ area, task, duty }))));
}
