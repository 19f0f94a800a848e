import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDiff } from '../../src/cli/diff-command.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const oldModel = path.join(fixtures, 'old-model.json');
const newModel = path.join(fixtures, 'new-model.json');
let tmp = '';
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDiff(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('respmatrix diff', () => {
  it('prints the text report by default and exits 0', async () => {
    const result = await run([oldModel, newModel]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2 offerings changed/);
    expect(result.stdout).toContain('[-emails-]{+text messages+}');
  });

  it('prints Markdown with --format markdown', async () => {
    const result = await run([oldModel, newModel, '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## Responsibility changes/);
  });

  it('exits 2 on bad usage or a file that is not a model', async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'respmatrix-diff-'));
    const notModel = path.join(tmp, 'x.json');
    await writeFile(notModel, '{"offerings": 3}');
    const broken = path.join(tmp, 'y.json');
    await writeFile(broken, '{');
    expect((await run([oldModel])).code).toBe(2);
    expect((await run([oldModel, newModel, '--format', 'html'])).code).toBe(2);
    const bad = await run([oldModel, notModel]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a respmatrix model.json');
    expect((await run([broken, newModel])).stderr).toContain('not JSON');
    expect((await run([path.join(tmp, 'missing.json'), newModel])).stderr).toContain('cannot read (ENOENT)');
  });
});
