import { describe, expect, it } from 'vitest';
import { baseOption } from '../../src/cli/commands/common.js';
import { formatDiagnostics, relocate, summary } from '../../src/cli/format.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { repo, run } from './helpers.js';

const d = (over: Partial<Diagnostic>): Diagnostic => ({
  file: 'sources/a.md',
  line: 3,
  column: 7,
  severity: 'error',
  rule: 'unknown-keyref',
  message: 'Unknown keyref "x"',
  ...over,
});

describe('output formats', () => {
  it('escapes GitHub workflow commands', () => {
    const out = formatDiagnostics([d({ file: 'a,b:c.md', message: '100% broken\nsecond line' })], 'github');
    expect(out).toBe('::error file=a%2Cb%3Ac.md,line=3,col=7::100%25 broken%0Asecond line (unknown-keyref)\n');
  });

  it('prints JSON with exactly the documented fields, in order', () => {
    const out = formatDiagnostics([d({ severity: 'warning', rule: 'raw-html', message: 'm' })], 'json');
    expect(out).toBe(
      '[\n  {\n    "file": "sources/a.md",\n    "line": 3,\n    "column": 7,\n    "severity": "warning",\n    "rule": "raw-html",\n    "message": "m"\n  }\n]\n',
    );
    expect(formatDiagnostics([], 'json')).toBe('[]\n');
  });

  it('summarises', () => {
    expect(summary([])).toBe('✔ no problems');
    expect(summary([d({}), d({}), d({ severity: 'warning' })])).toBe('✖ 2 errors, 1 warning');
    expect(summary([d({ severity: 'warning' }), d({ severity: 'warning' })])).toBe('⚠ 2 warnings');
  });

  it('makes paths relative to the current folder', () => {
    expect(relocate([d({})], '/x/content', '/x')[0]?.file).toBe('content/sources/a.md');
    expect(relocate([d({})], 'site/content', '/x')[0]?.file).toBe('site/content/sources/a.md');
  });
});

describe('--base', () => {
  it('becomes a path that starts and ends with a slash', () => {
    const base = (value: string) => baseOption({ base: value });
    expect(base('/')).toBe('/');
    expect(base('')).toBe('/');
    expect(base('docs')).toBe('/docs/');
    expect(base('/a/b')).toBe('/a/b/');
    expect(base('/a//b//')).toBe('/a/b/');
  });

  it('refuses URLs (exit 2)', async () => {
    expect(() => baseOption({ base: 'https://example.com/' })).toThrow(/not a URL/);
    const result = await run(['build', '--base', 'https://example.com/'], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--base takes a path/);
  });
});
