/**
 * Shape checks for data read back from files the build does not trust to be as written (the
 * cache: anything may be there), so each reader says what it expects in one line.
 */

/** An object (arrays included) whose properties can be looked at. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A byte range [start, end) of whole numbers inside something `size` bytes long. */
export function isByteRange(value: unknown, size: number): value is readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [start, end] = value as unknown[];
  return Number.isInteger(start) && Number.isInteger(end) && 0 <= (start as number) && (start as number) <= (end as number) && (end as number) <= size;
}
