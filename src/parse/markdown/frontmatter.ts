/** remark plugin: read `lastupdated` and `subcollection` from the YAML front matter; bad YAML is a positioned error. */
import type { Root } from 'mdast';
import { load } from 'js-yaml';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import { plainFrontMatter } from './front-matter-lines.js';
import type {} from './data.js';

export default function frontMatter() {
  return (tree: Root, file: VFile): void => {
    const node = tree.children[0];
    if (node?.type !== 'yaml') return;
    const base = node.position?.start.line ?? 1; // the `---` line; content starts below it
    // IBM's plain `key: value` lines are read directly; anything else goes to the YAML parser.
    let data: unknown = plainFrontMatter(node.value);
    if (data === undefined) {
      try {
        data = load(node.value);
      } catch (error) {
        const mark = (error as { mark?: { line: number; column: number } }).mark;
        const reason = (error as { reason?: string }).reason ?? 'invalid YAML';
        report(file, 'yaml-syntax', `Front matter is not valid YAML: ${reason}`,
          { line: base + 1 + (mark?.line ?? 0), column: 1 + (mark?.column ?? 0) }, 'error');
        return;
      }
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
    const subcollection = (data as Record<string, unknown>).subcollection;
    if (typeof subcollection === 'string') file.data.subcollection = subcollection.trim();
    const value = (data as Record<string, unknown>).lastupdated;
    if (value instanceof Date && !Number.isNaN(value.getTime())) file.data.lastUpdated = value.toISOString().slice(0, 10);
    else if (typeof value === 'string' || typeof value === 'number') file.data.lastUpdated = String(value).trim();
  };
}
