/** Crawl a served site over HTTP: every internal link and fragment must resolve. */
import { fromHtml } from 'hast-util-from-html';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';

export interface CrawlResult {
  /** Every HTML page reached (absolute URLs without fragments). */
  pages: string[];
  /** Every non-HTML resource reached. */
  files: string[];
  /** "from -> to: reason" for every link that does not resolve. */
  broken: string[];
}

interface Fetched {
  status: number;
  html?: { ids: Set<string>; links: string[] };
}

function parse(html: string, url: string): { ids: Set<string>; links: string[] } {
  const ids = new Set<string>();
  const links: string[] = [];
  visit(fromHtml(html), 'element', (el: Element) => {
    if (typeof el.properties.id === 'string') ids.add(el.properties.id);
    const target = el.tagName === 'a' || el.tagName === 'link' ? el.properties.href : el.tagName === 'script' ? el.properties.src : undefined;
    if (typeof target === 'string' && target !== '') links.push(new URL(target, url).href);
  });
  return { ids, links };
}

export async function crawl(start: string, origin = new URL(start).origin): Promise<CrawlResult> {
  const cache = new Map<string, Promise<Fetched>>();
  const get = (url: string): Promise<Fetched> => {
    let entry = cache.get(url);
    if (!entry) {
      entry = fetch(url, { redirect: 'follow' }).then(async (response) => {
        const type = response.headers.get('content-type') ?? '';
        const body = await response.text();
        return { status: response.status, ...(type.includes('text/html') ? { html: parse(body, response.url) } : {}) };
      });
      cache.set(url, entry);
    }
    return entry;
  };
  const broken: string[] = [];
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const batch = queue.splice(0, queue.length);
    await Promise.all(
      batch.map(async (from) => {
        const page = await get(from);
        if (page.status !== 200) broken.push(`${from}: status ${page.status}`);
        for (const link of page.html?.links ?? []) {
          const url = new URL(link);
          if (url.origin !== origin) continue;
          const fragment = decodeURIComponent(url.hash.slice(1));
          url.hash = '';
          const target = await get(url.href);
          if (target.status !== 200) broken.push(`${from} -> ${link}: status ${target.status}`);
          else if (fragment && target.html && !target.html.ids.has(fragment)) broken.push(`${from} -> ${link}: no #${fragment}`);
          if (target.html && !seen.has(url.href)) {
            seen.add(url.href);
            queue.push(url.href);
          }
        }
      }),
    );
  }
  const pages: string[] = [];
  const files: string[] = [];
  for (const [url, entry] of cache) ((await entry).html ? pages : files).push(url);
  return { pages: pages.sort(), files: files.sort(), broken: [...new Set(broken)].sort() };
}
