/**
 * model.json in a build that keys its offerings (offering-keys.ts): an offering whose key the
 * last build recorded takes its bytes from the last model.json, while that file is still the
 * one it wrote, instead of having its JSON made again; every offering's place in the new file
 * is recorded for the next build. An offering without a key is made, and digested from the
 * text made (output-reuse.ts).
 */
import type { Offering } from '../model/types.js';
import { MODEL_JSON_PATH } from '../render/outputs/model-json.js';
import { isByteRange } from '../shared/shapes.js';
import type { OfferingJson, PreviousBytes } from '../render/page.js';
import { stillAsRecordedIn } from './file-writer.js';
import { offeringKey } from './offering-keys.js';
import { digestOfferingJson, type OfferingRanges, type PreviousOutput } from './output-reuse.js';

export class KeyedOfferingJson implements OfferingJson {
  /** This build's model.json: each keyed offering's place in it. */
  readonly ranges: OfferingRanges = {};
  readonly #previous: OfferingRanges;
  /** The last model.json's size: a recorded range past it (a damaged record) is made again. */
  readonly #size: number;

  /** `previous`: the last build's output, when its model.json can be read from. */
  constructor(previous: PreviousOutput | undefined) {
    const record = previous?.files[MODEL_JSON_PATH];
    const usable = previous?.offeringJson && record && stillAsRecordedIn(previous.dir, MODEL_JSON_PATH, record, previous.live);
    this.#previous = (usable && previous.offeringJson) || {};
    this.#size = record?.size ?? 0;
  }

  /** The writer reads these bytes from the previous output's model.json (file-writer.ts). */
  known(offering: Offering): PreviousBytes | undefined {
    const key = offeringKey(offering);
    const range: unknown = key === undefined ? undefined : this.#previous[key];
    return isByteRange(range, this.#size) ? { previous: range } : undefined;
  }

  placed(offering: Offering, start: number, end: number, text: string | undefined): void {
    const key = offeringKey(offering);
    if (key !== undefined) this.ranges[key] = [start, end];
    else if (text !== undefined) digestOfferingJson(offering, text);
  }
}
