import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

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
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd: fixtures, env: {} };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('respmatrix diff', () => {
  it('prints the text report by default and exits 0', async () => {
    const result = await run(['diff', 'old-model.json', 'new-model.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2 offerings changed/);
    expect(result.stdout).toContain('[-emails-]{+text messages+}');
  });

  it('prints Markdown with --format markdown', async () => {
    const result = await run(['diff', oldModel, newModel, '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## Responsibility changes/);
  });

  it('exits 2 on bad usage or a file that is not a model', async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'respmatrix-diff-'));
    const notModel = path.join(tmp, 'x.json');
    await writeFile(notModel, '{"offerings": 3}');
    const broken = path.join(tmp, 'y.json');
    await writeFile(broken, '{');
    expect((await run(['diff', oldModel])).code).toBe(2);
    expect((await run(['diff', oldModel, newModel, '--format', 'html'])).code).toBe(2);
    const bad = await run(['diff', oldModel, notModel]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a respmatrix model.json');
    expect((await run(['diff', broken, newModel])).stderr).toContain('not JSON');
    expect((await run(['diff', path.join(tmp, 'missing.json'), newModel])).stderr).toContain('cannot read (ENOENT)');
    // Other commands still reject positional arguments.
    expect((await run(['check', 'stray'])).code).toBe(2);
  });
});
