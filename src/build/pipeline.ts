/**
 * The one render path: a site's pages, the renderer for them (routes, context and Nunjucks
 * environment assembled once, here) and the other output files. `build` streams it page by page
 * (stream-site.ts), `check` and the tests keep it in memory (`renderSite`), and `dev` renders one
 * page per request (src/dev/pages.ts). Pure and deterministic.
 */
import type { ChangeReport } from '../changes/diff.js';
import type { Site } from '../model/types.js';
import { createEnvironment, renderPage, type Assets, type RenderContext } from '../render/environment.js';
import { pageFile, type OfferingJson, type OfferingTexts, type OutputFile, type Page, type RenderedPage } from '../render/page.js';
import { withChangesPage } from '../render/pages/changes.js';
import { routes } from '../render/routes.js';
import type { AnchorManifest } from '../links/anchors-baseline.js';
import { outputLists, outputs, type OutputPart } from './outputs.js';

export interface RenderOptions {
  base: string;
  assets: Assets;
  /** Live preview: pages reload when the content changes. */
  watch?: boolean;
  /** Changes since a baseline model (`build --baseline-model`): adds the /changes/ page. */
  changes?: ChangeReport;
}

export interface SitePipeline {
  site: Site;
  base: string;
  /** Every HTML page of the site, in output order. */
  pages: Page[];
  /** One page's HTML. */
  render(page: Page): string;
  /**
   * Every other output file; `manifest` when the anchor records were collected while rendering
   * (`manifestFile`: anchors.json's bytes, when a rebuild knows they are the previous output's).
   * `part` picks the files made from the model alone, or those that need the manifest.
   */
  files(rendered: readonly RenderedPage[], manifest?: AnchorManifest, part?: OutputPart, manifestFile?: Uint8Array): OutputFile[];
  /** The files of `part` made from the model alone, list by list as they are taken (outputLists). */
  fileLists(rendered: readonly RenderedPage[], part: OutputPart): Iterable<OutputFile[]>;
}

/** Every HTML page of the site, in output order. */
export function sitePages(site: Site, changes: ChangeReport | undefined): Page[] {
  return withChangesPage(routes(site), changes);
}

/**
 * `reuse`: what a rebuild knows of the last build's files: model.json's offerings
 * (offering-json.ts), the offerings' OSCAL components (offering-texts.ts).
 */
export function sitePipeline(site: Site, options: RenderOptions, reuse: { offeringJson?: OfferingJson; components?: OfferingTexts } = {}): SitePipeline {
  const pages = sitePages(site, options.changes);
  const context: RenderContext = {
    site,
    base: options.base,
    assets: options.assets,
    pageUrls: new Set(pages.map((page) => page.url)),
    ...(options.watch ? { watch: true } : {}),
  };
  const env = createEnvironment(context);
  const outputContext = (rendered: readonly RenderedPage[], manifest?: AnchorManifest, manifestFile?: Uint8Array) =>
    ({ pages: rendered, base: options.base, ...(manifest ? { manifest } : {}), ...(manifestFile ? { manifestFile } : {}), ...reuse });
  return {
    site,
    base: options.base,
    pages,
    render: (page) => renderPage(env, page, context),
    files: (rendered, manifest, part, manifestFile) => outputs(site, outputContext(rendered, manifest, manifestFile), part),
    fileLists: (rendered, part) => outputLists(site, outputContext(rendered), part),
  };
}

/** Every file of the site in memory (`check`, tests); `build` streams them instead (stream-site.ts). */
export function renderSite(site: Site, options: RenderOptions): OutputFile[] {
  return renderAll(sitePipeline(site, options));
}

export function renderAll(pipeline: SitePipeline): OutputFile[] {
  const rendered = pipeline.pages.map((page) => ({ page, html: pipeline.render(page) }));
  const htmlFiles = rendered.map(({ page, html }) => ({ path: pageFile(page.url), contents: html }));
  return [...htmlFiles, ...pipeline.files(rendered)];
}
