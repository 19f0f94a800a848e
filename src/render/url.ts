/** Base-path handling: every internal link goes through `siteUrl` so `--base /sub/` works. */

/** A base path that starts and ends with one '/' (`respmatrix` -> `/respmatrix/`, `/a//b` -> `/a/b/`). */
export function normaliseBase(base: string | undefined): string {
  let b = (base ?? '/').trim();
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return b.replace(/\/{2,}/g, '/');
}

const SLASH = 0x2f;
let lastBase: string | undefined;
let lastNormal = '/';

/** `siteUrl('/sub/', 'offerings/x/#a')` -> '/sub/offerings/x/#a'. Leading slashes are ignored. */
export function siteUrl(base: string, target: string): string {
  // Called for every link of every page: the base is normalised once, and a target without a
  // leading slash (nearly all) is taken as it is.
  if (base !== lastBase) lastNormal = normaliseBase((lastBase = base));
  return lastNormal + (target.charCodeAt(0) === SLASH ? target.replace(/^\/+/, '') : target);
}

/** Absolute URL for canonical/share links from a base-prefixed path (baseUrl is the host's root), or undefined without a baseUrl. */
export function absoluteUrl(baseUrl: string | undefined, target: string): string | undefined {
  if (!baseUrl) return undefined;
  return baseUrl.replace(/\/+$/, '') + '/' + target.replace(/^\/+/, '');
}
