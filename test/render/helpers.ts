/** Render the fixture site in memory and query pages as hast trees. */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Site } from '../../src/model/types.js';
import { renderSite } from '../../src/build/pipeline.js';
import { siteFixture } from '../fixtures/site-fixture.js';

export const testAssets = { scripts: ['/sub/assets/main-abc.js'], styles: ['/sub/assets/main-abc.css'] };

export function renderFiles(site: Site = siteFixture(), base = '/sub/'): Map<string, string> {
  const files = renderSite(site, { base, assets: { scripts: testAssets.scripts.map((s) => s.replace('/sub/', base)), styles: testAssets.styles.map((s) => s.replace('/sub/', base)) } });
  return new Map(files.map((file) => [file.path, typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8')]));
}

export function tree(html: string): Root {
  return fromHtml(html);
}

export function elements(root: Root | Element, test: (el: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  visit(root, 'element', (el: Element) => {
    if (test(el)) found.push(el);
  });
  return found;
}

export function textOf(el: Element): string {
  let out = '';
  visit(el, 'text', (node: { value: string }) => {
    out += node.value;
  });
  return out.replace(/\s+/g, ' ').trim();
}

export function idsOf(root: Root): string[] {
  return elements(root, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id));
}

export function byId(root: Root, id: string): Element {
  const [el] = elements(root, (e) => e.properties.id === id);
  if (!el) throw new Error(`no element #${id}`);
  return el;
}
