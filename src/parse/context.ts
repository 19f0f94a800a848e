/**
 * What every parse step needs besides the text: the keyref dictionary, where root-relative
 * links point, and the content folder for `{{site.data.content.X}}` / `{{../x.md}}` includes.
 */
import type { Keywords } from '../config/types.js';

export interface ParseContext {
  keywords: Keywords;
  /** Base for root-relative links (`https://cloud.ibm.com`); without it they stay as written. */
  linkBase?: string;
  /** Absolute path of the content folder; without it includes are reported as missing. */
  contentDir?: string;
}
