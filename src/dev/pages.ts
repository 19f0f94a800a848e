/**
 * On-demand rendering for the dev server: one page (or output file) per request, from the
 * current model, through the build's render path (src/build/pipeline.ts). Listing the pages is
 * cheap (their data is made when a page is asked for); templates are compiled once per
 * DevPages, and the plugin makes a new one when a template changes, so editing them needs no
 * restart.
 */
import type { Site } from '../model/types.js';
import { devAssets } from '../build/assets.js';
import { sitePipeline, type SitePipeline } from '../build/pipeline.js';
import type { Page } from '../render/page.js';

export type Resolved =
  | { kind: 'page'; status: number; html: string }
  | { kind: 'file'; contents: string | Uint8Array; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'none' };

export class DevPages {
  private readonly pages: Map<string, Page>;
  private readonly pipeline: SitePipeline;
  private files?: Map<string, string | Uint8Array>;

  constructor(
    readonly site: Site,
    readonly base: string,
  ) {
    this.pipeline = sitePipeline(site, { base, assets: devAssets(base), watch: true });
    this.pages = new Map(this.pipeline.pages.map((page) => [page.url, page]));
  }

  /** A request path (already stripped of the base and the query) -> what to answer. */
  resolve(relative: string): Resolved {
    const page = this.pages.get(relative) ?? this.pages.get(relative.replace(/index\.html$/, ''));
    if (page) return { kind: 'page', status: 200, html: this.pipeline.render(page) };
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
    return { kind: 'page', status: 404, html: this.pipeline.render(page) };
  }

  /** Output files need every rendered page (anchors.json): rendered once per model, when first asked. */
  private outputFiles(): Map<string, string | Uint8Array> {
    if (!this.files) {
      const rendered = [...this.pages.values()].map((page) => ({ page, html: this.pipeline.render(page) }));
      this.files = new Map(this.pipeline.files(rendered).map((f) => [f.path, f.contents]));
    }
    return this.files;
  }
}
