/**
 * `build --out` replaces the whole output folder, so it refuses folders whose loss would hurt
 * (usage error, exit 2, nothing touched), and writes nowhere but that folder.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileWriter } from '../../src/build/file-writer.js';
import { makeContent, MINIMAL_SITE, run } from './helpers.js';

const PAGE = '# Page\n{: #shared-responsibilities}\n\n## Disaster recovery\n{: #disaster-recovery}\n\n| Task | IBM | You |\n| - | - | - |\n| Backups | a | b |\n';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function project() {
  const made = makeContent({ 'site.yaml': MINIMAL_SITE, 'sources/page.md': PAGE });
  cleanup = made.cleanup;
  writeFileSync(path.join(made.root, 'keep.txt'), 'not the site');
  return made;
}

/** Every file under `dir`, for before/after comparisons. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('build --out', () => {
  it.each([
    ['the content folder', 'content', /--out must not be the content folder or hold it/],
    ['a folder inside which the content is', '.', /--out must not be the content folder or hold it/],
    ['the parent of the project', '..', /--out must not be the content folder or hold it/],
    ['a file', 'keep.txt', /--out .*keep\.txt is not a folder/],
  ])('refuses %s: exit 2, nothing touched', async (_what, out, message) => {
    const { root } = project();
    const before = tree(root);
    const result = await run(['build', '--content', 'content', '--out', out], root);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(tree(root)).toEqual(before);
    expect(readFileSync(path.join(root, 'keep.txt'), 'utf8')).toBe('not the site');
  });

  it('refuses the current folder when the content is elsewhere, and a parent of it', async () => {
    const { root } = project();
    const work = path.join(root, 'work');
    mkdirSync(path.join(work, 'sub'), { recursive: true });
    const before = tree(root);
    for (const out of ['.', '..']) {
      const result = await run(['build', '--content', path.join(root, 'content'), '--out', out], path.join(work, 'sub'));
      expect(result.stderr).toMatch(/--out must not be the (current|content) folder or hold it/);
      expect(result.code).toBe(2);
    }
    expect(tree(root)).toEqual(before);
  });

  it('refuses a symbolic link, even one that leads to the content folder', async () => {
    const { root } = project();
    symlinkSync('content', path.join(root, 'site-link'));
    const before = tree(root);
    const result = await run(['build', '--content', 'content', '--out', 'site-link'], root);
    expect(result.stderr).toMatch(/--out .*site-link is a symbolic link: give the real folder/);
    expect(result.code).toBe(2);
    expect(tree(root)).toEqual(before);
  });

  it('writes only the output folder: siblings, even ones named like its staging folder, stay', async () => {
    const { root } = project();
    mkdirSync(path.join(root, 'dist'));
    writeFileSync(path.join(root, 'dist', 'stale.html'), 'old');
    // Names a previous respmatrix used for its temporary folders: never removed now.
    mkdirSync(path.join(root, `.dist-tmp-${process.pid}`));
    mkdirSync(path.join(root, `.dist-tmp-${process.pid}-old`));
    const result = await run(['build', '--content', 'content', '--out', 'dist', '--quiet'], root, { RESPMATRIX_CACHE: '0' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(root).sort()).toEqual([`.dist-tmp-${process.pid}`, `.dist-tmp-${process.pid}-old`, 'content', 'dist', 'keep.txt']);
    expect(readdirSync(path.join(root, 'dist'))).not.toContain('stale.html');
    expect(readdirSync(path.join(root, 'dist'))).toContain('index.html');
  });

  it('the writer refuses any path that climbs out of the output folder', () => {
    const { root } = project();
    mkdirSync(path.join(root, 'dist'));
    const writer = new FileWriter(path.join(root, 'dist'));
    for (const relative of ['../escaped.html', 'a/../../escaped.html', '/tmp/escaped.html', '']) {
      expect(() => writer.write(relative, 'x')).toThrow(/outside the output folder/);
    }
    writer.write('ok/index.html', 'fine');
    expect(readdirSync(root).sort()).toEqual(['content', 'dist', 'keep.txt']);
    expect(readFileSync(path.join(root, 'dist', 'ok', 'index.html'), 'utf8')).toBe('fine');
  });
});
