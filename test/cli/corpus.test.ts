/**
 * Every real IBM page of ../shared/corpus builds with zero errors when dropped alone into a
 * content folder whose site.yaml holds only a title and linkBase (keywords.yaml covers the
 * keyrefs the page uses, as a maintainer would write it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keywordsFor } from './catalog.js';
import { corpus, makeContent, MINIMAL_SITE, run } from './helpers.js';

function pages(): string[] {
  if (!existsSync(corpus)) return [];
  return ['ibm', 'upstream'].flatMap((folder) =>
    readdirSync(path.join(corpus, folder))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => path.join(folder, name)),
  );
}

describe('the corpus of real IBM pages', () => {
  it('is there', () => {
    expect(pages().length).toBeGreaterThanOrEqual(33);
  });

  for (const page of pages()) {
    it(`builds ${page} alone`, async () => {
      const text = readFileSync(path.join(corpus, page), 'utf8');
      const folder = makeContent({
        'site.yaml': MINIMAL_SITE,
        'keywords.yaml': keywordsFor(text),
        [`sources/${path.basename(page)}`]: text,
      });
      try {
        const build = await run(['build'], folder.root);
        const errors = build.stderr.split('\n').filter((line) => / error /.test(line));
        expect(errors).toEqual([]);
        expect(build.code).toBe(0);
        const model = JSON.parse(readFileSync(path.join(folder.root, 'dist', 'model.json'), 'utf8')) as {
          offerings: unknown[];
        };
        expect(model.offerings).toHaveLength(1);
      } finally {
        folder.cleanup();
      }
    });
  }
});
