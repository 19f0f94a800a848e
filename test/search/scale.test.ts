/**
 * Search at scale: 1,000 synthetic offerings (25,000 rows) index and answer every bench query
 * with a full page of hits. How fast is measured by `npm run bench` (bench/search.mjs and the
 * scale bench), not here: timings belong in the bench, not in tests.
 */
import { expect, test } from 'vitest';
import { syntheticSite } from '../../bench/search-synthetic.mjs';
import { buildSearchIndex } from '../../src/search/index.js';
import { loadEngine, search } from '../../src/search/query.js';
import type { SearchIndexFile } from '../../src/search/record.js';

const QUERIES = ['ba', 'backu', 'disater recovery', 'firmwear', 'master key backup', 'key protect', 'smart card readers', 'restore data'];

test('queries at 25,000 rows find results', () => {
  const site = syntheticSite(1000);
  expect(site.offerings.flatMap((o) => o.sections.flatMap((s) => s.rows))).toHaveLength(25_000);
  const file = JSON.parse(JSON.stringify(buildSearchIndex(site))) as SearchIndexFile;
  const engine = loadEngine(file);
  for (const query of QUERIES) {
    const { total, hits } = search(engine, file, query, {}, 8);
    expect(total, query).toBeGreaterThan(0);
    expect(hits, query).toHaveLength(8);
  }
});
