/**
 * Plain code-unit order of strings: the same on every machine and locale (`localeCompare` is
 * not), and what `Array#sort` does without a comparator, for use inside other comparators.
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
