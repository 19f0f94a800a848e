/**
 * remark plugin: check every `{{...}}` of the file (text, headings, cells, links, attribute
 * values, front matter) once, at its exact position: unknown keyrefs and includes that lead
 * outside the content folder are errors, missing includes warnings. Rendering later substitutes them without reporting again.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import { resolveInclude } from './includes.js';
import { locator } from './offsets.js';
import { ADL_NAME, isIncludeTarget } from './preprocess.js';
import type { ParseContext } from '../context.js';
import { pageText } from './data.js';

const REF = /\{\{([^{}\n]*)\}\}/g;

/** Options: the keyref dictionary, and the content folder includes are looked up in. */
export default function keyrefs(options: Pick<ParseContext, 'keywords' | 'contentDir'>) {
  return (_tree: Root, file: VFile): void => {
    const text = pageText(file);
    if (!text.includes('{{')) return;
    const at = locator(text);
    for (const m of text.matchAll(REF)) {
      const inner = (m[1] ?? '').trim();
      if (inner.startsWith('site.data.keyword.')) {
        const name = inner.slice('site.data.keyword.'.length);
        if (name !== ADL_NAME && !options.keywords.has(name)) {
          report(file, 'unknown-keyref', `Unknown keyref "${name}" (not in keywords.yaml)`, at(m.index), 'error');
        }
      } else if (isIncludeTarget(inner)) {
        const included = resolveInclude(inner, file.path || '', options.contentDir);
        if (included === undefined) {
          report(file, 'missing-include', `Include "${inner}" not found in the content folder`, at(m.index));
        } else if ('unsafe' in included) {
          report(file, 'unsafe-path', included.unsafe, at(m.index), 'error');
        }
      } else {
        report(file, 'unknown-keyref', `Unknown template reference "{{${inner}}}"`, at(m.index), 'error');
      }
    }
  };
}
