/** Where a link found on a page points inside the site (path relative to the base, fragment). */

export interface LinkTarget {
  path: string;
  fragment?: string;
  outside?: boolean;
}

/** The page URL (relative to the base) an output file serves: `a/index.html` -> `a/`. */
export function pageUrlOf(file: string): string {
  return file === 'index.html' ? '' : file.replace(/\/index\.html$/, '/');
}

/**
 * Same-page fragments and plain root-relative paths (nearly every link the templates write)
 * without URL parsing; anything unusual (dot segments, no leading slash) goes the slow way.
 */
function fastResolve(link: string, pagePath: string, base: string): LinkTarget | undefined {
  if (link.startsWith('#')) {
    const fragment = safeDecode(link.slice(1));
    return { path: pageUrlOf(pagePath), ...(fragment ? { fragment } : {}) };
  }
  if (!link.startsWith('/') || link.startsWith('//') || link.includes('/.') || link.includes('\\')) return undefined;
  const hash = link.indexOf('#');
  const beforeHash = hash === -1 ? link : link.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const pathname = safeDecode(query === -1 ? beforeHash : beforeHash.slice(0, query));
  const fragment = hash === -1 ? '' : safeDecode(link.slice(hash + 1));
  const extra = fragment ? { fragment } : {};
  if (!pathname.startsWith(base)) return { path: pathname, outside: true, ...extra };
  return { path: pathname.slice(base.length), ...extra };
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sameOrigin(link: string, baseUrl: string): boolean {
  try {
    return new URL(link, 'http://site.invalid').origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

/** Whether a link points outside the site whatever page it is on: another site, mail, any scheme but http(s). */
export function isExternal(link: string, baseUrl: string | undefined): boolean {
  if (/^(https?:)?\/\//i.test(link)) return !(baseUrl && sameOrigin(link, baseUrl));
  return /^[a-z][a-z0-9+.-]*:/i.test(link) && !/^https?:/i.test(link);
}

/** Whether a link resolves the same on every page (root-relative or absolute), so one answer serves all. */
export function pageIndependent(link: string): boolean {
  return link.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(link);
}

/** Resolve a link found on `pagePath` to a site path (relative to base) and fragment, or null if external. */
export function resolveLink(link: string, pagePath: string, options: { base: string; baseUrl?: string }): LinkTarget | null {
  // Fast exits for the common cases: other sites, and mail.
  if (isExternal(link, options.baseUrl)) return null;
  const fast = fastResolve(link, pagePath, options.base);
  if (fast) return fast;
  const pageUrl = new URL(options.base + pagePath, 'http://site.invalid');
  let url: URL;
  try {
    url = new URL(link, pageUrl);
  } catch {
    return null;
  }
  if (url.origin !== 'http://site.invalid') {
    if (!options.baseUrl) return null;
    const ours = new URL(options.baseUrl);
    if (url.origin !== ours.origin) return null;
    url = new URL(url.pathname + url.search + url.hash, 'http://site.invalid');
  }
  const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined;
  const pathname = decodeURIComponent(url.pathname);
  if (!pathname.startsWith(options.base)) return { path: pathname, outside: true, ...(fragment ? { fragment } : {}) };
  return { path: pathname.slice(options.base.length), ...(fragment ? { fragment } : {}) };
}
