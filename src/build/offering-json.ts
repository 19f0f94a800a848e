/**
 * model.json in a build that keys its offerings (offering-keys.ts): an offering whose key the
 * last build recorded takes its bytes from the last model.json, while that file is still the
 * one it wrote, instead of having its JSON made again; every offering's place in the new file
 * is recorded for the next build. An offering without a key is made, and digested from the
 * text made (output-reuse.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Offering } from '../model/types.js';
import { MODEL_JSON_PATH } from '../render/outputs/model-json.js';
import type { OfferingJson } from '../render/page.js';
import { stillAsRecorded } from './file-writer.js';
import { offeringKey } from './offering-keys.js';
import { digestOfferingJson, type OfferingRanges, type PreviousOutput } from './output-reuse.js';

export class KeyedOfferingJson implements OfferingJson {
  /** This build's model.json: each keyed offering's place in it. */
  readonly ranges: OfferingRanges = {};
  readonly #file: string | undefined;
  readonly #previous: OfferingRanges;
  #bytes: Buffer | undefined;

  /** `previous`: the last build's output, when its model.json can be read from. */
  constructor(previous: PreviousOutput | undefined) {
    const record = previous?.files[MODEL_JSON_PATH];
    const file = previous && path.join(previous.dir, MODEL_JSON_PATH);
    const usable = previous?.offeringJson && record && file && stillAsRecorded(file, record);
    this.#file = usable ? file : undefined;
    this.#previous = (usable && previous.offeringJson) || {};
  }

  known(offering: Offering): Uint8Array | undefined {
    const key = offeringKey(offering);
    const range = key === undefined ? undefined : this.#previous[key];
    if (!range || this.#file === undefined) return undefined;
    return this.#read().subarray(range[0], range[1]);
  }

  /** Read when a first offering is known: the writer then compares the new file with these bytes. */
  lastFile(): Uint8Array | undefined {
    return this.#bytes;
  }

  #read(): Buffer {
    return (this.#bytes ??= readFileSync(this.#file as string));
  }

  placed(offering: Offering, start: number, end: number, text: string | undefined): void {
    const key = offeringKey(offering);
    if (key !== undefined) this.ranges[key] = [start, end];
    else if (text !== undefined) digestOfferingJson(offering, text);
  }
}
