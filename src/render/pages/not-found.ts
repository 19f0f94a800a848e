/** 404.html: served by static hosts for any missing path, so its links are absolute (base-prefixed). */
import type { Site } from '../../model/types.js';
import type { PageOf } from '../page.js';
import { offeringPageUrl } from '../../shared/site-paths.js';

export interface NotFoundPageData {
  /** The first offerings, as a way back in. */
  offerings: { name: string; url: string }[];
}

declare module '../page.js' {
  interface PageDataMap {
    'not-found': NotFoundPageData;
  }
}

export function notFoundPages(site: Site): PageOf<'not-found'>[] {
  return [
    {
      kind: 'not-found',
      url: '404.html',
      template: 'pages/404.njk',
      title: `Page not found: ${site.title}`,
      description: 'This page does not exist. Start again from the list of offerings or search.',
      data: { offerings: site.offerings.slice(0, 12).map((o) => ({ name: o.name, url: offeringPageUrl(o.id) })) },
    },
  ];
}
