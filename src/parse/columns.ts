/**
 * Which column is which, from the header text alone (13 real variants, either order):
 * the IBM side (`IBM responsibilities`, `How IBM helps`, a product name + responsibilities),
 * the customer side (`Your responsibility`, `What you can do`), then the task and group columns.
 */

export interface ColumnRoles {
  provider: number;
  customer: number;
  task: number;
  group?: number;
}

const CUSTOMER = /\b(?:your?|customer'?s?|client'?s?|consumer'?s?|tenant'?s?)\b|what you can do/i;
const PROVIDER = /\b(?:ibm|provider'?s?)\b|how ibm helps|responsibilit/i;

export function customerHeader(text: string): boolean {
  return CUSTOMER.test(text);
}

export function providerHeader(text: string): boolean {
  return !CUSTOMER.test(text) && PROVIDER.test(text);
}

/** Roles of a responsibility table's columns, or undefined when it is not one. */
export function columnRoles(headers: string[]): ColumnRoles | undefined {
  const customer = headers.findIndex((h, i) => i > 0 && customerHeader(h));
  const provider = headers.findIndex((h, i) => i > 0 && i !== customer && providerHeader(h));
  if (customer < 0 || provider < 0) return undefined;
  const others = headers.map((_, i) => i).filter((i) => i !== customer && i !== provider);
  const before = others.filter((i) => i < Math.min(customer, provider));
  const candidates = before.length > 0 ? before : others;
  if (candidates.length === 0) return undefined;
  const task = candidates[candidates.length - 1] as number;
  const group = candidates.length > 1 ? candidates[0] : undefined;
  return group === undefined ? { provider, customer, task } : { provider, customer, task, group };
}
