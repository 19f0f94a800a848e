/**
 * Worker threads load the compiled modules (lib/, written by `npm run compile`, which `npm test`
 * runs first), so this test drives the compiled parseSources and compares its worker results
 * with parsing in the main thread.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import type { parseSources as ParseSources } from '../../src/build/parse-sources.js';
import { generateContent } from '../../tools/synthetic/generate.js';

const lib = pathToFileURL(path.join(import.meta.dirname, '..', '..', 'lib', 'build', 'parse-sources.js')).href;
let root = '';
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('parsing in worker threads', () => {
  it('gives the same outcomes, in the same order, as the main thread', async () => {
    const { parseSources } = (await import(lib)) as { parseSources: typeof ParseSources };
    root = await mkdtemp(path.join(tmpdir(), 'respmatrix-workers-'));
    const generated = await generateContent(root, { offerings: 12, seed: 4 });
    const files = await Promise.all(
      generated.files.map(async (file) => new VFile({ path: file, value: await readFile(path.join(root, file), 'utf8') })),
    );
    const keywordsText = await readFile(path.join(root, 'keywords.yaml'), 'utf8');
    const keywords = new Map([...keywordsText.matchAll(/^([\w-]+): "(.*)"$/gm)].map((m) => [m[1] as string, m[2] as string]));
    const ctx = { keywords, linkBase: 'https://cloud.ibm.com' };
    const fresh = () => files.map((f) => ({ file: new VFile({ path: f.path, value: String(f.value) }) }));
    const inline = await parseSources(fresh(), ctx, { workers: 0 });
    const threaded = await parseSources(fresh(), ctx, { workers: 2 });
    expect(threaded.stats).toMatchObject({ sources: files.length, parsed: files.length, workers: 2 });
    expect(inline.stats.workers).toBe(0);
    expect(JSON.stringify(threaded.outcomes)).toBe(JSON.stringify(inline.outcomes));
    expect(threaded.outcomes.map((o) => o.parsed.file)).toEqual(generated.files);
  }, 60_000);
});
