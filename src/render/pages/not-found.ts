/** 404.html: served by static hosts for any missing path, so its links are absolute (base-prefixed). */
import type { Site } from '../../model/types.js';
import type { Page } from '../page.js';

export function notFoundPages(site: Site): Page[] {
  return [
    {
      url: '404.html',
      template: 'pages/404.njk',
      title: `Page not found: ${site.title}`,
      description: 'This page does not exist. Start again from the list of offerings or search.',
      data: { offerings: site.offerings.slice(0, 12).map((o) => ({ name: o.name, url: `offerings/${o.id}/` })) },
    },
  ];
}
