/** Link safety and rewriting: only http(s), mailto and relative URLs survive. */
import { normalizeUri } from 'micromark-util-sanitize-uri';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const DOMAIN_PLACEHOLDER = /^https?:\/\/(\{DomainName\}|%7BDomainName%7D)/i;
/** U+0000 to U+0020 and U+007F. */
const CONTROL_OR_SPACE = /[\0- \x7f]/g;

/** True for URLs a reader may follow: http(s), mailto, relative paths and fragments. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme: so do we.
  const m = SCHEME.exec(url.replace(CONTROL_OR_SPACE, ''));
  if (!m) return true;
  const scheme = (m[1] ?? '').toLowerCase();
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/**
 * Point root-relative links (`/docs/...`) and `https://{DomainName}/...` placeholders at
 * `linkBase`, the site the source was written for; protocol-relative links get https.
 */
export function rewriteUrl(url: string, linkBase: string | undefined): string {
  const base = linkBase?.replace(/\/+$/, '');
  if (DOMAIN_PLACEHOLDER.test(url)) {
    return base ? url.replace(DOMAIN_PLACEHOLDER, originOf(base) ?? base) : url;
  }
  if (url.startsWith('//')) return `https:${url}`;
  if (url.startsWith('/') && base) return base + url;
  if (base && isPathRelative(url)) {
    // A relative link meant IBM's docs, not our pages: `docs/x?topic=y` (a slash was lost)
    // is root-relative; anything else is relative to a docs page (`/docs/<service>`).
    return url.startsWith('docs/') ? `${base}/${url}` : new URL(url, `${base}/docs/`).href;
  }
  return url;
}

/** `docs/x`, `x?topic=y`, `../x`: no scheme, not root-relative, not only a fragment or query. */
function isPathRelative(url: string): boolean {
  return url !== '' && !SCHEME.test(url) && !/^[/#?]/.test(url);
}

/** The origin of a link base (`https://cloud.ibm.com`); undefined when it is not a URL. */
export function originOf(base: string): string | undefined {
  try {
    return new URL(base).origin;
  } catch {
    return undefined;
  }
}

/** Characters normalizeUri keeps as they are (micromark-util-sanitize-uri; `%` it checks for an escape). */
const KEPT_BY_NORMALIZE = /^[!#$&-;=?-Z_a-z~]*$/;

/**
 * A link address as normalizeUri writes it (percent-encoded where needed). Most addresses need
 * nothing encoded, and its walk made a string and ran a regex for every character.
 */
export function normalizedUrl(url: string): string {
  return KEPT_BY_NORMALIZE.test(url) ? url : normalizeUri(url);
}
