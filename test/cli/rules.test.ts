/**
 * One small bad content folder per rule (test/fixtures/bad/<rule>/): `respmatrix check` must
 * report that rule at the right file, line and column, and exit 1 only for errors.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, repo, run } from './helpers.js';

const fixtures = path.join(repo, 'test', 'fixtures', 'bad');

const CASES: { rule: string; file: string; line: number; column: number; severity?: 'error' | 'warning'; message?: RegExp }[] = [
  { rule: 'yaml-syntax', file: 'keywords.yaml', line: 3, column: 1, severity: 'error' },
  { rule: 'schema', file: 'site.yaml', line: 7, column: 5, severity: 'error', message: /"tabels"/ },
  { rule: 'unknown-keyref', file: 'sources/page.md', line: 9, column: 24, severity: 'error', message: /no_such_keyword/ },
  { rule: 'table-shape', file: 'sources/page.md', line: 9, column: 1 },
  { rule: 'table-not-read', file: 'sources/page.md', line: 7, column: 1, message: /"Region \| Endpoint"/ },
  { rule: 'orphan-attributes', file: 'sources/page.md', line: 5, column: 1 },
  { rule: 'duplicate-anchor', file: 'sources/page.md', line: 12, column: 1, message: /incident-and-ops/ },
  { rule: 'raw-html', file: 'sources/page.md', line: 9, column: 37, message: /iframe/ },
  { rule: 'unsafe-url', file: 'sources/page.md', line: 9, column: 24, message: /javascript:/ },
  { rule: 'missing-area', file: 'site.yaml', line: 9, column: 13, severity: 'error', message: /other-service\.md/ },
  {
    rule: 'unaligned-task',
    file: 'sources/b.md',
    line: 8,
    column: 1,
    severity: 'warning',
    message: /"Monitor the system".*"Monitoring".*aliases: \[Monitoring, Monitor the system\]/,
  },
];

describe('check reports each rule at its place', () => {
  for (const c of CASES) {
    it(c.rule, async () => {
      const { code, stdout } = await run(['check', '--content', c.rule, '--format', 'json'], fixtures);
      const found = parseJson(stdout).filter((d) => d.rule === c.rule);
      expect(found[0]).toMatchObject({ file: `${c.rule}/${c.file}`, line: c.line, column: c.column });
      if (c.severity) expect(found[0]?.severity).toBe(c.severity);
      if (c.message) expect(found[0]?.message).toMatch(c.message);
      const all = parseJson(stdout);
      expect(code).toBe(all.some((d) => d.severity === 'error') ? 1 : 0);
    });
  }

  it('exits 0 when there are only warnings', async () => {
    const { code, stdout } = await run(['check', '--content', 'unaligned-task'], fixtures);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^unaligned-task\/sources\/b\.md:8:1 +warning +Task "Monitor the system"/m);
    expect(stdout).toMatch(/⚠ 1 warning\n$/);
  });

  it('exits 1 on errors and prints them as file:line:column severity message rule', async () => {
    const { code, stdout } = await run(['check', '--content', 'unknown-keyref'], fixtures);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^unknown-keyref\/sources\/page\.md:9:24 +error +Unknown keyref "no_such_keyword".* unknown-keyref$/m);
    expect(stdout).toMatch(/✖ 1 error\n$/);
  });
});
