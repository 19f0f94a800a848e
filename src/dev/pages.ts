/**
 * On-demand rendering for the dev server: one page (or output file) per request, from the
 * current model, through the build's render path (src/build/pipeline.ts). The page list is made
 * at the first request, not with the model: a reload after an edit is done sooner, and a model
 * replaced before anyone asked for a page costs nothing. Templates are compiled once per
 * DevPages, and the plugin makes a new one when a template changes, so editing them needs no
 * restart.
 */
import type { Site } from '../model/types.js';
import { devAssets } from '../build/assets.js';
import { sitePipeline, type SitePipeline } from '../build/pipeline.js';
import { wholeContents, type Page } from '../render/page.js';

export type Resolved =
  | { kind: 'page'; status: number; html: string }
  | { kind: 'file'; contents: string | Uint8Array; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'none' };

export class DevPages {
  private listed?: { pipeline: SitePipeline; pages: Map<string, Page> };
  private files?: Map<string, string | Uint8Array>;

  constructor(
    readonly site: Site,
    readonly base: string,
  ) {}

  /** A request path (already stripped of the base and the query) -> what to answer. */
  resolve(relative: string): Resolved {
    const { pipeline, pages } = this.list();
    const page = pages.get(relative) ?? pages.get(relative.replace(/index\.html$/, ''));
    if (page) return { kind: 'page', status: 200, html: pipeline.render(page) };
    if (!relative.endsWith('/') && pages.has(`${relative}/`)) {
      return { kind: 'redirect', location: `${this.base}${relative}/` };
    }
    const file = this.outputFiles().get(relative);
    if (file !== undefined) return { kind: 'file', contents: file, path: relative };
    return { kind: 'none' };
  }

  notFound(): Resolved {
    const { pipeline, pages } = this.list();
    const page = pages.get('404.html');
    if (!page) return { kind: 'none' };
    return { kind: 'page', status: 404, html: pipeline.render(page) };
  }

  private list(): { pipeline: SitePipeline; pages: Map<string, Page> } {
    if (!this.listed) {
      const pipeline = sitePipeline(this.site, { base: this.base, assets: devAssets(this.base), watch: true });
      this.listed = { pipeline, pages: new Map(pipeline.pages.map((page) => [page.url, page])) };
    }
    return this.listed;
  }

  /** Output files need every rendered page (anchors.json): rendered once per model, when first asked. */
  private outputFiles(): Map<string, string | Uint8Array> {
    if (!this.files) {
      const { pipeline, pages } = this.list();
      const rendered = [...pages.values()].map((page) => ({ page, html: pipeline.render(page) }));
      this.files = new Map(pipeline.files(rendered).map((f) => [f.path, wholeContents(f.contents)]));
    }
    return this.files;
  }
}
