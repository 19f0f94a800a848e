/**
 * The Content-Security-Policy every built page carries in a `<meta>` tag: static hosts such as
 * GitHub Pages cannot send headers, and content comes from pull requests. Only the site's own
 * files may load; no inline scripts or styles, no eval, no plugins, no `<base>`, forms submit
 * only to the site. (`frame-ancestors` and `report-uri` are ignored in a meta tag, so they are
 * left to hosts that can send headers.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Links out to other sites send no Referer: a reader's path through the site stays private. */
export const REFERRER_POLICY = 'no-referrer';
