/** Reads a model.json written by `respmatrix build`, checking the shape the change report needs. */
import { readFile } from 'node:fs/promises';
import type { Site } from '../model/types.js';
import { diffModels, type ChangeReport } from './diff.js';

/** The model in `file`, or a sentence saying why it is not one. */
export async function readModel(file: string): Promise<Site | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  return isModel(data) ? data : 'not a respmatrix model.json (expected offerings with sections and rows)';
}

/** The change report between two model.json files, or which of them (0 or 1) is not a model and why. */
export async function diffModelFiles(before: string, after: string): Promise<{ report: ChangeReport } | { index: 0 | 1; problem: string }> {
  const [a, b] = await Promise.all([readModel(before), readModel(after)]);
  if (typeof a === 'string') return { index: 0, problem: a };
  if (typeof b === 'string') return { index: 1, problem: b };
  return { report: diffModels(a, b) };
}

function isModel(data: unknown): data is Site {
  if (!isObject(data) || !Array.isArray(data['offerings']) || !Array.isArray(data['areas'])) return false;
  if (!isObject(data['parties'])) return false;
  return data['offerings'].every(
    (o) =>
      isObject(o) &&
      typeof o['id'] === 'string' &&
      typeof o['name'] === 'string' &&
      Array.isArray(o['sections']) &&
      o['sections'].every((s) => isObject(s) && typeof s['areaId'] === 'string' && Array.isArray(s['rows']) && s['rows'].every(isRow)),
  );
}

function isRow(r: unknown): boolean {
  return (
    isObject(r) &&
    typeof r['anchor'] === 'string' &&
    typeof r['task'] === 'string' &&
    typeof r['taskId'] === 'string' &&
    isObject(r['provider']) &&
    isObject(r['customer']) &&
    typeof r['provider']['text'] === 'string' &&
    typeof r['customer']['text'] === 'string'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
