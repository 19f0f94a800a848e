/**
 * Schema validation with positions: each ajv error's instancePath is looked up in the
 * document's PositionMap, so a `schema` error points at the offending key or value.
 */
import type { ErrorObject } from 'ajv';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { escapePointer, type PositionMap, type Position } from './yaml.js';

/** A compiled validator (see validators.generated.ts): ajv's calling convention. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface SchemaProblem {
  /** JSON pointer of the node the problem is about. */
  pointer: string;
  message: string;
  place: Position;
}

/**
 * Validate `data`, report each problem on `file` as a `schema` error at its node, and return
 * the problems (empty when valid).
 */
export function validateWithPositions(
  validate: Validator,
  data: unknown,
  positions: PositionMap,
  file: VFile,
): SchemaProblem[] {
  if (validate(data)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = describe(error, positions);
    if (!problem) continue;
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  problems.sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column);
  for (const p of problems) report(file, 'schema', p.message, p.place, 'error');
  return problems;
}

function describe(error: ErrorObject, positions: PositionMap): SchemaProblem | undefined {
  const pointer = error.instancePath;
  const hint = hintOf(error);
  const suffix = hint ? ` ${hint}` : '';
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params['additionalProperty']);
      const known = Object.keys((error.parentSchema?.['properties'] as object | undefined) ?? {});
      const expected = known.length > 0 ? ` Expected one of: ${known.join(', ')}.` : '';
      return {
        pointer: `${pointer}/${escapePointer(name)}`,
        message: `Unknown property "${name}" in ${label(pointer)}.${expected}`,
        place: positions.key(`${pointer}/${escapePointer(name)}`),
      };
    }
    case 'required': {
      const name = String(error.params['missingProperty']);
      return { pointer, message: `Missing required property "${name}" in ${label(pointer)}`, place: positions.get(pointer) };
    }
    case 'pattern':
      if (hint && error.propertyName === undefined) {
        const value = JSON.stringify(error.data);
        return { pointer, message: `${label(pointer)} is not valid: ${value}.${suffix}`, place: positions.get(pointer) };
      }
      break;
    case 'propertyNames':
      // ajv also reports the failing name itself (with `propertyName`), which is more precise.
      return undefined;
  }
  if (error.propertyName !== undefined) {
    const child = `${pointer}/${escapePointer(error.propertyName)}`;
    return { pointer: child, message: `Invalid name "${error.propertyName}".${suffix}`, place: positions.key(child) };
  }
  return { pointer, message: `${label(pointer)} ${error.message ?? 'is invalid'}.${suffix}`, place: positions.get(pointer) };
}

function hintOf(error: ErrorObject): string | undefined {
  const hint = (error.parentSchema as { hint?: unknown } | undefined)?.hint;
  return typeof hint === 'string' ? hint : undefined;
}

/** `/areas/0/id` -> `areas[0].id`, for messages. */
export function label(pointer: string): string {
  if (pointer === '') return 'the document';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(segment) ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return `"${out}"`;
}
