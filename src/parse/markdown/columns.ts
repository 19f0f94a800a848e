/**
 * Which column is which (13 real header variants, either order): the IBM side (`IBM
 * responsibilities`, `How IBM helps`, a product name + responsibilities), the customer side
 * (`Your responsibility`, `What you can do`), then the task column and the grouping columns
 * before it. When the words name only one party, the structure names the other: the two party
 * columns sit side by side at the end of the header (`How Cloudant helps | What you can do`).
 */

export interface ColumnRoles {
  provider: number;
  customer: number;
  task: number;
  /** Grouping columns before the task column, outermost first (`Area | Activity | ...`). */
  groups?: number[];
}

const CUSTOMER = /\b(?:your?|customer'?s?|client'?s?|consumer'?s?|tenant'?s?)\b|what you can do/i;
const PROVIDER = /\b(?:ibm|provider'?s?)\b|\bhow\b.*\bhelps?\b|responsibilit/i;

export function customerHeader(text: string): boolean {
  return CUSTOMER.test(text);
}

export function providerHeader(text: string): boolean {
  return !CUSTOMER.test(text) && PROVIDER.test(text);
}

/** The other party column of a header where the words name only one: its neighbour at the end. */
function neighbour(known: number, count: number): number {
  const other = known === count - 1 ? known - 1 : known === count - 2 ? count - 1 : -1;
  return other > 0 ? other : -1;
}

/** Roles of a responsibility table's columns, or undefined when it is not one. */
export function columnRoles(headers: string[]): ColumnRoles | undefined {
  let customer = headers.findIndex((h, i) => i > 0 && customerHeader(h));
  let provider = headers.findIndex((h, i) => i > 0 && i !== customer && providerHeader(h));
  if (customer < 0 && provider > 0) customer = neighbour(provider, headers.length);
  else if (provider < 0 && customer > 0) provider = neighbour(customer, headers.length);
  if (customer < 0 || provider < 0) return undefined;
  const others = headers.map((_, i) => i).filter((i) => i !== customer && i !== provider);
  const before = others.filter((i) => i < Math.min(customer, provider));
  const candidates = before.length > 0 ? before : others;
  if (candidates.length === 0) return undefined;
  const task = candidates[candidates.length - 1] as number;
  const groups = candidates.slice(0, -1);
  return groups.length === 0 ? { provider, customer, task } : { provider, customer, task, groups };
}
