/**
 * insideOutput joins a path of the output (from the model or a cache record, which may hold
 * anything) to a root, and refuses any that would leave it: its quick way with plain paths
 * gives what the general one does.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { insideOutput } from '../../src/build/out-dir.js';

const RELATIVES = [
  'a', 'a/b', 'offerings/x/index.html', '.a', 'a/.b', '..a', 'a..', 'a/..b', '...', 'a/...', 'é/ü', 'a b',
  '.', '..', 'a/.', 'a/..', './a', '../a', 'a/./b', 'a/../b', 'a/b/../../..', 'a//b', '/a', 'a/', 'a\\b', '', 'a/../../etc',
];

/** What joining must give: the resolved path when it is strictly inside the root, else a refusal. */
function expected(root: string, relative: string): string {
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  const inside = !path.isAbsolute(relative) && file !== base && file.startsWith(base === '/' ? '/' : `${base}/`);
  return inside ? file : 'refused';
}

describe('insideOutput', () => {
  test.each(['/srv/out', '/', '/srv/out/'])('joins plain paths to %s and refuses any that leave it', (root) => {
    for (const relative of RELATIVES) {
      let joined: string;
      try {
        joined = insideOutput(root, relative);
      } catch {
        joined = 'refused';
      }
      expect(joined, JSON.stringify(relative)).toBe(expected(root, relative));
    }
  });
});
