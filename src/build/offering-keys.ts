/**
 * Each offering's key for a rebuild's reuse (output-reuse.ts): a hash of its source's parse
 * key (the source's text, path, keywords, link base and the parsing code) and of what else it
 * was made of (BuiltOfferings.inputs: its site.yaml entry and the registries' answers), so a
 * rebuild knows an offering is unchanged without making its JSON. An offering of a source the
 * parse cache does not key (the cache off, a page that pulls in other files) has none, and is
 * known by the digest of its JSON instead.
 */
import { hash } from 'node:crypto';
import type { Offering } from '../model/types.js';
import { codeFingerprint } from './cache/fingerprint.js';

const keys = new WeakMap<Offering, string>();

/** Key `offerings` by their sources' parse keys (by source file) and their other inputs (same order). */
export function keyOfferings(offerings: readonly Offering[], inputs: readonly string[], parseKeys: ReadonlyMap<string, string>): void {
  const code = codeFingerprint('all');
  offerings.forEach((offering, i) => {
    const parseKey = parseKeys.get(offering.source.file);
    const input = inputs[i];
    if (parseKey === undefined || input === undefined) return;
    keys.set(offering, hash('sha256', `${JSON.stringify([code, parseKey])}\0${input}`));
  });
}

export function offeringKey(offering: Offering): string | undefined {
  return keys.get(offering);
}

/** The keys of `offerings` in order (null: none), for another thread's copy of them (adoptKeys). */
export function offeringKeysOf(offerings: readonly Offering[]): (string | null)[] {
  return offerings.map((offering) => keys.get(offering) ?? null);
}

/** Give another thread's copy of the offerings the keys `offeringKeysOf` listed. */
export function adoptKeys(offerings: readonly Offering[], listed: readonly (string | null)[]): void {
  offerings.forEach((offering, i) => {
    const key = listed[i];
    if (key) keys.set(offering, key);
  });
}
