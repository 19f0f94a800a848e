/** Render respmatrix pages of a Site with the real environment and query the HTML as a tree. */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { createEnvironment, renderPage } from '../../src/render/environment.js';
import type { Page } from '../../src/render/page.js';
import { routes } from '../../src/render/routes.js';
import type { Site } from '../../src/model/types.js';

export function renderPages(site: Site, pages: Page[]): Map<string, Root> {
  const context = {
    site,
    base: '/sub/',
    assets: { scripts: [], styles: [] },
    pageUrls: new Set([...routes(site), ...pages].map((p) => p.url)),
  };
  const env = createEnvironment(context);
  return new Map(pages.map((page) => [page.url, fromHtml(renderPage(env, page, context))]));
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
