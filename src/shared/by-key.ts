/**
 * What a rebuild keeps about items by their keys (offerings by offering key, in the cache
 * record): read back for the items that have a key, and written for the next build.
 */

/** Each item that has a key and a value under it in `recorded` (which may hold anything), with that value. */
export function* recordedFor<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined, recorded: Readonly<Record<string, unknown>>): Generator<[T, unknown]> {
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined && Object.hasOwn(recorded, key)) yield [item, recorded[key]];
  }
}

/** `valueOf` of each item that has a key and a value, by key. */
export function byKey<T, V>(items: Iterable<T>, keyOf: (item: T) => string | undefined, valueOf: (item: T) => V | undefined): Record<string, V> {
  const values: Record<string, V> = {};
  for (const item of items) {
    const key = keyOf(item);
    const value = key === undefined ? undefined : valueOf(item);
    if (key !== undefined && value !== undefined) values[key] = value;
  }
  return values;
}
