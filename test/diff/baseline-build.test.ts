import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runCli } from '../cli/helpers.js';
import { generateContent } from '../../tools/synthetic/generate.js';

let root = '';
let firstSource = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'respmatrix-baseline-'));
  const generated = await generateContent(path.join(root, 'content'), { offerings: 3, seed: 8 });
  firstSource = path.join(root, 'content', generated.files[0] as string);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (argv: string[]) => runCli(argv, root);

describe('build --baseline-model', () => {
  it('adds a "What changed" page, linked from home, and diff reports the same change', async () => {
    expect((await run(['build', '--quiet'])).code).toBe(0);
    await copyFile(path.join(root, 'dist', 'model.json'), path.join(root, 'baseline.json'));
    const text = await readFile(firstSource, 'utf8');
    await writeFile(firstSource, text.replace(/(\| ----[^\n]*\r?\n\| [^|\n]+ \| )/, '$1Newly promised duty. '));

    const build = await run(['build', '--baseline-model', 'baseline.json']);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^Built 3 offerings/);
    const changes = await readFile(path.join(root, 'dist', 'changes', 'index.html'), 'utf8');
    expect(changes).toContain('<ins>Newly promised duty. </ins>');
    expect(changes).toContain('1 row changed');
    const home = await readFile(path.join(root, 'dist', 'index.html'), 'utf8');
    expect(home).toContain('href="/changes/"');

    const diff = await run(['diff', 'baseline.json', 'dist/model.json']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('{+Newly promised duty. +}');
  }, 120_000);

  it('is a usage error when the baseline is not a model', async () => {
    await writeFile(path.join(root, 'not-model.json'), '[]');
    const result = await run(['build', '--baseline-model', 'not-model.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a respmatrix model.json');
  });
});
