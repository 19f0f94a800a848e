/** Sites whose rows between them hold what the files made of rows read: the shipped site, the training corpus as one catalog, a fixture of grouped rows. */
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { catalogContent } from '../cli/catalog.js';

/** The sites, loaded; `cleanup` removes the catalog's content folder. */
export async function exampleSites(): Promise<{ sites: Site[]; cleanup: () => void }> {
  const folder = catalogContent();
  const sites: Site[] = [];
  for (const content of ['content', folder.content, 'test/fixtures/shapes/grouping']) {
    const { site } = await loadSite(content, { cacheDir: false });
    if (!site) throw new Error(`${content} did not load`);
    sites.push(site);
  }
  return { sites, cleanup: folder.cleanup };
}
