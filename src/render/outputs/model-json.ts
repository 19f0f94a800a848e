/** dist/model.json: the whole typed model, for anyone who wants the data rather than the pages. */
import type { Site } from '../../model/types.js';
import { TextPieces, type OutputFile } from '../page.js';

/**
 * Without indentation: a quarter of the file at a thousand offerings, and every reader parses
 * it anyway. The text is JSON.stringify(site)'s, made an offering at a time (TextPieces).
 */
export function modelJson(site: Site): OutputFile[] {
  return [{ path: 'model.json', contents: new TextPieces(() => siteJson(site)) }];
}

/** JSON.stringify(site) + a newline, in pieces: the model is plain data (no toJSON, no cycles). */
function* siteJson(site: Site): Generator<string> {
  let open = '{';
  for (const [key, value] of Object.entries(site)) {
    if (key === 'offerings') {
      yield `${open}"offerings":[`;
      for (let i = 0; i < site.offerings.length; i++) yield (i > 0 ? ',' : '') + (JSON.stringify(site.offerings[i]) ?? 'null');
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
