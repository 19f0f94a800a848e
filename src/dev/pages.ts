/**
 * On-demand rendering for the dev server: one page (or output file) per request, from the
 * current model. Templates are re-read on every render, so editing them needs no restart.
 */
import type nunjucks from 'nunjucks';
import type { Site } from '../model/types.js';
import { devAssets } from '../render/assets.js';
import { createEnvironment, renderPage, type RenderContext } from '../render/environment.js';
import { outputs } from '../render/outputs.js';
import type { Page } from '../render/page.js';
import { renderContext } from '../render/render-site.js';
import { routes } from '../render/routes.js';

export type Resolved =
  | { kind: 'page'; status: number; html: string }
  | { kind: 'file'; contents: string | Uint8Array; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'none' };

export class DevPages {
  private readonly pages: Map<string, Page>;
  private readonly context: RenderContext;
  private readonly env: nunjucks.Environment;
  private files?: Map<string, string | Uint8Array>;

  constructor(
    readonly site: Site,
    readonly base: string,
  ) {
    const list = routes(site);
    this.pages = new Map(list.map((page) => [page.url, page]));
    this.context = renderContext(site, list, { base, assets: devAssets(base), watch: true });
    this.env = createEnvironment(this.context);
  }

  /** A request path (already stripped of the base and the query) -> what to answer. */
  resolve(relative: string): Resolved {
    const page = this.pages.get(relative) ?? this.pages.get(relative.replace(/index\.html$/, ''));
    if (page) return { kind: 'page', status: 200, html: renderPage(this.env, page, this.context) };
    if (!relative.endsWith('/') && this.pages.has(`${relative}/`)) {
      return { kind: 'redirect', location: `${this.base}${relative}/` };
    }
    const file = this.outputFiles().get(relative);
    if (file !== undefined) return { kind: 'file', contents: file, path: relative };
    return { kind: 'none' };
  }

  notFound(): Resolved {
    const page = this.pages.get('404.html');
    if (!page) return { kind: 'none' };
    return { kind: 'page', status: 404, html: renderPage(this.env, page, this.context) };
  }

  /** Output files need every rendered page (anchors.json): rendered once per model, when first asked. */
  private outputFiles(): Map<string, string | Uint8Array> {
    if (!this.files) {
      const rendered = [...this.pages.values()].map((page) => ({ page, html: renderPage(this.env, page, this.context) }));
      this.files = new Map(outputs(this.site, { pages: rendered, base: this.base }).map((f) => [f.path, f.contents]));
    }
    return this.files;
  }
}
