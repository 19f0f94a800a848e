/** A link from the content to a missing page of our own site fails `respmatrix build` and leaves the old output. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { run } from '../cli/helpers.js';
import { workspace } from './fixture.js';

test('build reports a link to a missing page at its row and keeps the previous output', async () => {
  const ws = await workspace();
  try {
    const first = await run(['build', '--content', 'content', '--out', 'dist'], ws.root);
    expect(first.code, first.stderr).toBe(0);
    const marker = path.join(ws.root, 'dist', 'marker.txt');
    await writeFile(marker, 'previous build');

    const source = path.join(ws.content, 'sources', 'keeper.md');
    const text = await readFile(source, 'utf8');
    await writeFile(source, text.replace('| Watch them. |', '| Watch them, see [runbook](https://links.example.com/offerings/runbook/). |'));
    const line = text.split('\n').findIndex((l) => l.includes('| Watch them. |')) + 1;

    const second = await run(['build', '--content', 'content', '--out', 'dist'], ws.root);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`content/sources/keeper.md:${line}:1`);
    expect(second.stderr).toMatch(/points to a page that does not exist \(\/offerings\/runbook\/\)/);
    expect(second.stderr).toMatch(/broken-link/);
    expect(await readFile(marker, 'utf8')).toBe('previous build');
  } finally {
    await ws.remove();
  }
});
