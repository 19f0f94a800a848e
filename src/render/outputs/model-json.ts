/** dist/model.json: the whole typed model, for anyone who wants the data rather than the pages. */
import type { Site } from '../../model/types.js';
import type { OutputFile } from '../page.js';

/** Without indentation: a quarter of the file at a thousand offerings, and every reader parses it anyway. */
export function modelJson(site: Site): OutputFile[] {
  return [{ path: 'model.json', contents: JSON.stringify(site) + '\n' }];
}
