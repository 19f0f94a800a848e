/**
 * An offering's `summary` in site.yaml: Markdown rendered inline like a source's text (keyrefs,
 * link base, sanitising), its problems reported at site.yaml.
 */
import { VFile } from 'vfile';
import type { ContentConfig } from '../../config/types.js';
import { fromVFile, type Diagnostic } from '../../diagnostics.js';
import type { Rich } from '../types.js';
import { renderInline } from './inline.js';

export function summaryRenderer(config: ContentConfig, diagnostics: Diagnostic[]): (markdown: string) => Rich | undefined {
  const ctx = config.site.linkBase !== undefined
    ? { keywords: config.keywords, linkBase: config.site.linkBase }
    : { keywords: config.keywords };
  return (markdown) => {
    const file = new VFile({ path: 'site.yaml' });
    const rich = renderInline(markdown, ctx, file, { line: 1, column: 1 });
    diagnostics.push(...fromVFile(file, 'site.yaml'));
    return rich.html ? rich : undefined;
  };
}
