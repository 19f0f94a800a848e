/** dist/sitemap.xml: every page but 404; absolute with a baseUrl, base-relative without. */
import type { Site } from '../../model/types.js';
import type { OutputContext, OutputFile } from '../page.js';
import { absoluteUrl, siteUrl } from '../url.js';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function sitemapXml(site: Site, context: OutputContext): OutputFile[] {
  const urls = context.pages
    // Redirect stubs are not content (they carry noindex).
    .filter(({ page }) => page.kind !== 'redirect')
    .map(({ page }) => page.url)
    .filter((url) => url !== '404.html')
    .sort()
    .map((url) => {
      const path = siteUrl(context.base, url);
      const loc = absoluteUrl(site.baseUrl, path) ?? path;
      return `  <url><loc>${xmlEscape(loc)}</loc></url>\n`;
    });
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    urls.join('') +
    '</urlset>\n';
  return [{ path: 'sitemap.xml', contents: xml }];
}
