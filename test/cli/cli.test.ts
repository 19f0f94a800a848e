/** The real `bin/respmatrix.js` as a process: exit codes, output formats, build and its atomicity. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCompiled, makeContent, MINIMAL_SITE, parseJson, repo, spawnBin } from './helpers.js';

const PAGE = `# A service

## Incident and operations management
{: #incident-and-ops}

| Task | IBM responsibilities | Your responsibilities |
| --- | --- | --- |
| Monitoring | Provide {{site.data.keyword.nope}} tools. | Use them. |
| Backups | Back up. | Use [it](javascript:void(0)). |
`;

let bad: ReturnType<typeof makeContent>;

beforeAll(() => {
  ensureCompiled();
  bad = makeContent({ 'site.yaml': MINIMAL_SITE, 'sources/page.md': PAGE });
});
afterAll(() => bad.cleanup());

describe('respmatrix (process)', () => {
  it('prints help and version', async () => {
    const help = await spawnBin(['--help'], repo);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: respmatrix <command>/);
    expect(help.stdout).toMatch(/check/);
    const checkHelp = await spawnBin(['check', '--help'], repo);
    expect(checkHelp.stdout).toMatch(/--format text\|json\|github/);
    const version = await spawnBin(['--version'], repo);
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('exits 2 on usage errors, with a hint and no stack trace', async () => {
    for (const args of [['frobnicate'], ['check', '--nope'], ['check', '--format', 'xml'], ['check', '--content', 'no/such/dir'], []]) {
      const result = await spawnBin(args, bad.root);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await spawnBin(['check', '--format', 'xml'], bad.root)).stderr).toMatch(/unknown format "xml"/);
  });

  it('check --format json prints every diagnostic with paths relative to the current folder', async () => {
    const result = await spawnBin(['check', '--format', 'json'], bad.root);
    expect(result.code).toBe(1);
    const diagnostics = parseJson(result.stdout);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'content/sources/page.md', line: 8, column: 24, severity: 'error', rule: 'unknown-keyref' }),
      expect.objectContaining({ file: 'content/sources/page.md', line: 9, column: 28, rule: 'unsafe-url' }),
    ]);
    for (const d of diagnostics) expect(Object.keys(d).sort()).toEqual(['column', 'file', 'line', 'message', 'rule', 'severity']);
  });

  it('check --format github prints workflow annotations', async () => {
    const result = await spawnBin(['check', '--format', 'github', '--content', path.join(bad.root, 'content')], repo);
    expect(result.code).toBe(1);
    const relative = path.relative(repo, path.join(bad.content, 'sources', 'page.md')).split(path.sep).join('/');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `::error file=${relative},line=8,col=24::Unknown keyref "nope" (not in keywords.yaml) (unknown-keyref)`,
    );
    expect(lines[1]).toMatch(new RegExp(`^::warning file=${relative.replace(/\./g, '\\.')},line=9,col=28::.*\\(unsafe-url\\)$`));
  });

  it('build refuses bad content and leaves the previous output untouched', async () => {
    const out = path.join(bad.root, 'dist');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'previous.txt'), 'last good build');
    const result = await spawnBin(['build'], bad.root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/content\/sources\/page\.md:8:24 +error/);
    expect(readFileSync(path.join(out, 'previous.txt'), 'utf8')).toBe('last good build');
    expect(existsSync(path.join(out, 'model.json'))).toBe(false);
  });

  it('build writes dist/model.json for good content', async () => {
    const good = makeContent({
      'site.yaml': MINIMAL_SITE,
      'sources/page.md': PAGE.replace('{{site.data.keyword.nope}} ', '').replace('[it](javascript:void(0))', 'it'),
    });
    try {
      const result = await spawnBin(['build', '--out', 'site', '--base', 'docs'], good.root);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Built 1 offerings \(2 rows\) into site/);
      const model = JSON.parse(readFileSync(path.join(good.root, 'site', 'model.json'), 'utf8')) as {
        title: string;
        offerings: { sections: { rows: unknown[] }[] }[];
      };
      expect(model.title).toBe('Test site');
      expect(model.offerings[0]?.sections[0]?.rows).toHaveLength(2);
    } finally {
      good.cleanup();
    }
  });

  it('an unexpected failure prints one line and exits 2 (the stack only with RESPMATRIX_DEBUG=1)', async () => {
    const good = makeContent({ 'site.yaml': MINIMAL_SITE, 'sources/page.md': '# Empty\n' });
    try {
      writeFileSync(path.join(good.root, 'blocker'), 'a file, not a folder');
      const result = await spawnBin(['build', '--out', 'blocker/dist'], good.root);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^respmatrix: internal error: /);
      const debug = await spawnBin(['build', '--out', 'blocker/dist'], good.root, { RESPMATRIX_DEBUG: '1' });
      expect(debug.code).toBe(2);
      expect(debug.stderr).toMatch(/ENOTDIR/);
      expect(debug.stderr).not.toMatch(/RESPMATRIX_DEBUG/);
    } finally {
      good.cleanup();
    }
  });
});
