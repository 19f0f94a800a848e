/**
 * The import-direction rules of `npm run lint` (.dependency-cruiser.cjs): the code base has no
 * violation, and each kind of violation planted in a scratch tree fails the same command.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repo } from '../cli/helpers.js';

const run = promisify(execFile);
const depcruise = path.join(repo, 'node_modules', '.bin', 'depcruise');
const config = path.join(repo, '.dependency-cruiser.cjs');

async function cruise(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(depcruise, ['src', '--config', config], { cwd });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const planted: Record<string, string> = {
  'src/parse/reads-render.ts': "import { page } from '../render/page.js';\nexport const x = page;\n",
  'src/render/page.ts': "export const page = 1;\n",
  'src/model/runs-parse.ts': "import { parse } from '../parse/parser.js';\nexport const y = parse;\n",
  'src/model/types.ts': "import type { Parsed } from '../parse/parser.js';\nexport type Model = Parsed;\n",
  'src/parse/parser.ts': "export type Parsed = string;\nexport const parse = 2;\n",
  'src/client/main.ts': "import { readFileSync } from 'node:fs';\nimport { built } from '../build/site.js';\nexport const z = [readFileSync, built];\n",
  'src/build/site.ts': "export const built = 3;\n",
  'src/search/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
  'src/search/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
  'src/links/unused.ts': 'export const nobody = 4;\n',
};

let scratch: string | undefined;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('dependency rules', { timeout: 120_000 }, () => {
  it('find no violation in the code base', async () => {
    const result = await run(depcruise, ['src', 'tools', '--config', config], { cwd: repo });
    expect(result.stdout).toContain('no dependency violations found');
  });

  it('fail on planted violations, naming each rule', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'respmatrix-depcruise-'));
    for (const [file, text] of Object.entries(planted)) {
      await mkdir(path.dirname(path.join(scratch, file)), { recursive: true });
      await writeFile(path.join(scratch, file), text);
    }
    await writeFile(path.join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
    const { code, output } = await cruise(scratch);
    expect(code).not.toBe(0);
    expect(output).toMatch(/parse-imports-upstream-only: src\/parse\/reads-render\.ts → src\/render\/page\.ts/);
    expect(output).toMatch(/model-not-parse-at-run-time: src\/model\/runs-parse\.ts → src\/parse\/parser\.ts/);
    // A type-only import of the parse stage's output is allowed.
    expect(output).not.toMatch(/src\/model\/types\.ts → src\/parse/);
    expect(output).toMatch(/client-no-node: src\/client\/main\.ts → node:fs|client-no-node: src\/client\/main\.ts → fs/);
    expect(output).toMatch(/client-imports-shared-pure-modules: src\/client\/main\.ts → src\/build\/site\.ts/);
    expect(output).toMatch(/no-circular: src\/search\/(a|b)\.ts/);
    expect(output).toMatch(/no-orphans: src\/links\/unused\.ts/);
  });
});
