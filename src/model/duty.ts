/**
 * What a party's cell says: a duty, nothing (empty), or explicitly no action ("None. IBM is
 * fully responsible …", "Perform tasks as usual."). The one place that decides it: counts,
 * checklists, "your duties only" views and the comparison all ask here. No-action cells stay
 * in the model, the pages and search; they are only never counted or listed as duties.
 *
 * Phrasings measured over the IBM pages of the test corpus (cells that begin so): "None" and
 * "N/A" alone (14, dropped as empty by the parser already), "None. IBM and Key Protect are fully
 * responsible …", "None, IBM does not …", "Perform tasks as usual." (2), "No action required"
 * (2), "The Client is not responsible for, nor has access to, …".
 */
import type { Rich } from './types.js';

export type Party = 'provider' | 'customer';
export type DutyState = 'duty' | 'empty' | 'no-action';

/** Words that name the customer as a sentence's subject. */
const CUSTOMER_SUBJECT = /^(?:you|the (?:customer|client|user)s?|customers?|clients?)\b/i;

/** Cells that say, whoever's they are, that nothing is to be done. */
const NOTHING_TO_DO: readonly RegExp[] = [
  /^none\b/i,
  /^n\/a\b/i,
  /^not applicable\b/i,
  /^no (?:action|actions|tasks?|duties|responsibilit(?:y|ies))\b/i,
  /^(?:nothing|no further action)\b/i,
  /^perform (?:your )?tasks as usual\b/i,
  /^(?:continue|carry on) as usual\b/i,
];

/** The letters those phrasings begin with, lower case: most cells begin otherwise, and are spared the patterns. */
const NOTHING_STARTS = new Set([...'ncp'].map((letter) => letter.charCodeAt(0)));

/** "X is fully responsible …" / "X is not responsible …" with the subject at the start. */
const FULLY_RESPONSIBLE = /^([^.;:]{1,80}?)\s+(?:is|are)\s+(?:fully|solely|entirely|wholly)\s+responsible\b/i;
const NOT_RESPONSIBLE = /^([^.;:]{1,80}?)\s+(?:is|are)\s+not\s+responsible\b/i;

/** Whether a cell's plain text says the party has nothing to do. */
export function isNoAction(text: string, party: Party): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (NOTHING_STARTS.has(t.charCodeAt(0) | 0x20) && NOTHING_TO_DO.some((re) => re.test(t))) return true;
  // Both patterns below need the word; most cells lack it, and the patterns cost more to fail.
  if (!/responsible/i.test(t)) return false;
  const customerSubject = (subject: string) => CUSTOMER_SUBJECT.test(subject.trim());
  const fully = FULLY_RESPONSIBLE.exec(t);
  // Someone else carries it all: nothing for this party.
  if (fully && customerSubject(fully[1] ?? '') !== (party === 'customer')) return true;
  const not = NOT_RESPONSIBLE.exec(t);
  // This party itself is "not responsible".
  if (not && customerSubject(not[1] ?? '') === (party === 'customer')) return true;
  return false;
}

// Every page, output and search record that shows a cell asks again: decided once per cell.
const states: Record<Party, WeakMap<Rich, DutyState>> = { provider: new WeakMap(), customer: new WeakMap() };

export function dutyState(cell: Rich, party: Party): DutyState {
  let state = states[party].get(cell);
  if (state === undefined) states[party].set(cell, (state = stateOf(cell, party)));
  return state;
}

/** The state decided afresh: for a caller that asks once per cell, where the memo would cost more than it saves. */
export function stateOf(cell: Rich, party: Party): DutyState {
  if (cell.text.trim() === '' && cell.html.trim() === '') return 'empty';
  return isNoAction(cell.text, party) ? 'no-action' : 'duty';
}

/** A duty to count, list or tick off: not empty and not "no action". */
export function isDuty(cell: Rich, party: Party): boolean {
  return dutyState(cell, party) === 'duty';
}

/** Whose duty a row lists: the provider's (p), the customer's (c), both (b) or neither (''). */
export type RowDuties = 'p' | 'c' | 'b' | '';

export function rowDuties(row: { provider: Rich; customer: Rich }): RowDuties {
  const p = isDuty(row.provider, 'provider');
  const c = isDuty(row.customer, 'customer');
  return p && c ? 'b' : p ? 'p' : c ? 'c' : '';
}
