/** Render respmatrix pages of a Site with the real environment and query the HTML as a tree. */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { sitePipeline } from '../../src/build/pipeline.js';
import type { Page } from '../../src/render/page.js';
import type { Site } from '../../src/model/types.js';

/** Some of a site's pages, rendered by the build's render path. */
export function renderPages(site: Site, pages: Page[]): Map<string, Root> {
  const pipeline = sitePipeline(site, { base: '/sub/', assets: { scripts: [], styles: [] } });
  return new Map(pages.map((page) => [page.url, fromHtml(pipeline.render(page))]));
}

export function all(tree: Root | Element, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (el: Element) => {
    if (test(el)) found.push(el);
  });
  return found;
}

export function byId(tree: Root, id: string): Element {
  const [el] = all(tree, (e) => e.properties.id === id);
  if (!el) throw new Error(`no element #${id}`);
  return el;
}

export function hasClass(el: Element, name: string): boolean {
  const cls = el.properties.className;
  return Array.isArray(cls) && cls.includes(name);
}

export function text(el: Element): string {
  let out = '';
  visit(el, 'text', (node: { value: string }) => {
    out += node.value;
  });
  return out.replace(/\s+/g, ' ').trim();
}

export function ids(tree: Root): string[] {
  return all(tree, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id));
}
