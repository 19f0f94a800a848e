/** dist/robots.txt: allow everything and point to the sitemap. */
import type { Site } from '../../model/types.js';
import type { OutputContext, OutputFile } from '../page.js';
import { absoluteUrl, siteUrl } from '../url.js';

export function robotsTxt(site: Site, context: OutputContext): OutputFile[] {
  const path = siteUrl(context.base, 'sitemap.xml');
  const sitemap = absoluteUrl(site.baseUrl, path) ?? path;
  const lines = ['User-agent: *', 'Allow: /', `Sitemap: ${sitemap}`];
  return [{ path: 'robots.txt', contents: lines.join('\n') + '\n' }];
}
