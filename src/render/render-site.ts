/**
 * The content pipeline's output stage, without the file system: model -> every HTML page and
 * every other output file. Pure and deterministic (the dev server renders single pages with it).
 */
import type { ChangeReport } from '../model/diff.js';
import type { Site } from '../model/types.js';
import { createEnvironment, renderPage, type Assets, type RenderContext } from './environment.js';
import { outputs } from './outputs.js';
import { pageFile, type OutputFile, type Page } from './page.js';
import { routes } from './routes.js';
import { withChangesPage } from './pages/changes.js';

export interface RenderOptions {
  base: string;
  assets: Assets;
  watch?: boolean;
  /** Changes since a baseline model (`build --baseline-model`): adds the /changes/ page. */
  changes?: ChangeReport;
}

export function renderContext(site: Site, pages: readonly Page[], options: RenderOptions): RenderContext {
  return {
    site,
    base: options.base,
    assets: options.assets,
    pageUrls: new Set(pages.map((page) => page.url)),
    ...(options.watch ? { watch: true } : {}),
  };
}

/** The pages of a site and a renderer for them: `render(page)` gives one page's HTML. */
export function siteRenderer(site: Site, options: RenderOptions): { pages: Page[]; render: (page: Page) => string } {
  const pages = withChangesPage(routes(site), options.changes);
  const context = renderContext(site, pages, options);
  const env = createEnvironment(context);
  return { pages, render: (page) => renderPage(env, page, context) };
}

/** Every file of the site in memory (tests, `check`); `build` streams them instead (stream-site.ts). */
export function renderSite(site: Site, options: RenderOptions): OutputFile[] {
  const { pages, render } = siteRenderer(site, options);
  const rendered = pages.map((page) => ({ page, html: render(page) }));
  const htmlFiles = rendered.map(({ page, html }) => ({ path: pageFile(page.url), contents: html }));
  return [...htmlFiles, ...outputs(site, { pages: rendered, base: options.base })];
}
