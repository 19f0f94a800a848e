/**
 * The CI recipe relies on `check --format github` turning content errors into workflow
 * annotations on the right file and line, and on the exit code failing the job.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runCli } from '../cli/helpers.js';

const BAD_SOURCE = [
  '---',
  'lastupdated: "2026-01-02"',
  '---',
  '',
  '# Responsibilities for {{site.data.keyword.product}}',
  '{: #responsibilities}',
  '',
  '## Disaster recovery',
  '{: #disaster-recovery}',
  '',
  '| Task | IBM responsibilities | Your responsibilities |',
  '| ---- | ---- | ---- |',
  '| Backups | Back up {{site.data.keyword.nosuchkey}} daily. | Restore your data. |',
  '{: caption="Table 1. Disaster recovery" caption-side="bottom"}',
  '',
].join('\n');

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'respmatrix-ci-'));
  await mkdir(path.join(root, 'content', 'sources'), { recursive: true });
  await writeFile(path.join(root, 'content', 'site.yaml'), 'title: CI fixture\nlinkBase: https://cloud.ibm.com\n');
  await writeFile(path.join(root, 'content', 'keywords.yaml'), 'product: Key Protect\n');
  await writeFile(path.join(root, 'content', 'sources', 'bad.md'), BAD_SOURCE);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (argv: string[]) => runCli(argv, root);

describe('check --format github on bad content', () => {
  it('prints one annotation per problem at its file, line and column, and exits 1', async () => {
    const result = await run(['check', '--format', 'github']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    const keyref = lines.find((l) => l.includes('nosuchkey'));
    // Line 13, column of the keyref inside the row: where a reviewer sees it in the diff.
    expect(keyref).toMatch(/^::error file=content\/sources\/bad\.md,line=13,col=\d+::.*nosuchkey.*\(unknown-keyref\)$/);
    expect(Number(/col=(\d+)/.exec(keyref ?? '')?.[1])).toBe(BAD_SOURCE.split('\n')[12]!.indexOf('{{') + 1);
    // Every line is a workflow command; nothing else goes to stdout.
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+::/);
  });

  it('fails the build the same way and leaves no output', async () => {
    const result = await run(['build', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/sources/bad.md:13:');
    expect(result.stdout).toBe('');
  });
});
