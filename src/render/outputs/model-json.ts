/** dist/model.json: the whole typed model, for anyone who wants the data rather than the pages. */
import type { Site } from '../../model/types.js';
import { TextPieces, type OfferingJson, type OutputContext, type OutputFile, type PreviousBytes } from '../page.js';

export const MODEL_JSON_PATH = 'model.json';

/**
 * Without indentation: a quarter of the file at a thousand offerings, and every reader parses
 * it anyway. The text is JSON.stringify(site)'s, made an offering at a time (TextPieces).
 */
export function modelJson(site: Site, context: Pick<OutputContext, 'offeringJson'> = {}): OutputFile[] {
  return [{ path: MODEL_JSON_PATH, contents: modelJsonText(site, context.offeringJson) }];
}

export function modelJsonText(site: Site, offerings?: OfferingJson): TextPieces {
  return new TextPieces(() => siteJson(site, offerings));
}

/** JSON.stringify(site) + a newline, in pieces: the model is plain data (no toJSON, no cycles). */
function* siteJson(site: Site, offerings: OfferingJson | undefined): Generator<string | PreviousBytes> {
  // Bytes so far, so that each offering's place in the file is known.
  let at = 0;
  const counted = <T extends string | PreviousBytes>(piece: T): T => {
    at += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.previous[1] - piece.previous[0];
    return piece;
  };
  let open = '{';
  for (const [key, value] of Object.entries(site)) {
    if (key === 'offerings') {
      yield counted(`${open}"offerings":[`);
      for (let i = 0; i < site.offerings.length; i++) {
        const offering = site.offerings[i]!;
        if (i > 0) yield counted(',');
        const start = at;
        const known = offerings?.known(offering);
        const text = known ? undefined : (JSON.stringify(offering) ?? 'null');
        yield counted(known ?? (text as string));
        offerings?.placed(offering, start, at, text);
      }
      yield counted(']');
    } else {
      // As JSON.stringify: a property whose value has no JSON (undefined) is left out.
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue;
      yield counted(`${open}${JSON.stringify(key)}:${json}`);
    }
    open = ',';
  }
  yield open === '{' ? '{}\n' : '}\n';
}
