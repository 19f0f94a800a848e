/** dist/model.json: the whole typed model, for anyone who wants the data rather than the pages. */
import type { Offering, Site } from '../../model/types.js';
import { TextPieces, type OutputFile } from '../page.js';

export const MODEL_JSON_PATH = 'model.json';

/**
 * Without indentation: a quarter of the file at a thousand offerings, and every reader parses
 * it anyway. The text is JSON.stringify(site)'s, made an offering at a time (TextPieces).
 */
export function modelJson(site: Site): OutputFile[] {
  return [{ path: MODEL_JSON_PATH, contents: modelJsonText(site) }];
}

/** model.json's text; `each` is given every offering's JSON text as it is made (a rebuild's page keys digest it). */
export function modelJsonText(site: Site, each?: (offering: Offering, json: string) => void): TextPieces {
  return new TextPieces(() => siteJson(site, each));
}

/** JSON.stringify(site) + a newline, in pieces: the model is plain data (no toJSON, no cycles). */
function* siteJson(site: Site, each: ((offering: Offering, json: string) => void) | undefined): Generator<string> {
  let open = '{';
  for (const [key, value] of Object.entries(site)) {
    if (key === 'offerings') {
      yield `${open}"offerings":[`;
      for (let i = 0; i < site.offerings.length; i++) {
        const offering = site.offerings[i]!;
        const json = JSON.stringify(offering) ?? 'null';
        each?.(offering, json);
        yield (i > 0 ? ',' : '') + json;
      }
      yield ']';
    } else {
      // As JSON.stringify: a property whose value has no JSON (undefined) is left out.
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue;
      yield `${open}${JSON.stringify(key)}:${json}`;
    }
    open = ',';
  }
  yield open === '{' ? '{}\n' : '}\n';
}
