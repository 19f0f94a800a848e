/**
 * Texts made of one offering and of what every page shares (its OSCAL component), in a build
 * that keys its offerings (offering-keys.ts): an offering whose key the last build of the same
 * site-wide render key recorded a text for takes that text instead of having it made again.
 * Every keyed offering's text is recorded for the next build (in the output record's body,
 * output-reuse.ts).
 */
import type { Offering } from '../model/types.js';
import type { OfferingTexts } from '../render/page.js';
import { offeringKey } from './offering-keys.js';

export class KeyedTexts implements OfferingTexts {
  /** This build's texts by offering key, for the next build. */
  readonly texts = new Map<string, string>();
  #previous: ReadonlyMap<string, Uint8Array> = new Map();

  /** The last build's texts by key, when it had the same site-wide render key (else none are known). */
  use(previous: ReadonlyMap<string, Uint8Array> | undefined): void {
    this.#previous = previous ?? new Map();
  }

  known(offering: Offering): string | undefined {
    const key = offeringKey(offering);
    const bytes = key === undefined ? undefined : this.#previous.get(key);
    return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  placed(offering: Offering, text: string): void {
    const key = offeringKey(offering);
    if (key !== undefined) this.texts.set(key, text);
  }
}
