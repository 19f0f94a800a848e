/**
 * The forms a copied link takes: plain URL, Markdown, Confluence wiki markup, MediaWiki and
 * HTML, and what the link says. Pure functions (no DOM), shared by the pages that give the
 * copy-link buttons their titles, the copy-link menu and their tests.
 */
import { collapse } from './plain-text.js';

export type LinkFormat = 'url' | 'markdown' | 'confluence' | 'mediawiki' | 'html';

export const LINK_FORMATS: readonly { format: LinkFormat; label: string }[] = [
  { format: 'url', label: 'Copy link' },
  { format: 'markdown', label: 'Copy as Markdown' },
  { format: 'confluence', label: 'Copy as Confluence link' },
  { format: 'mediawiki', label: 'Copy as MediaWiki link' },
  { format: 'html', label: 'Copy as HTML' },
];

/** The parts of a link's text, broadest first: "Key Protect Standard › Disaster recovery › Backups". */
export function linkTitle(parts: readonly string[]): string {
  return parts.map(collapse).filter(Boolean).join(' › ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function formatLink(format: LinkFormat, title: string, url: string): string {
  // One line of title text: wiki syntaxes break on line breaks.
  const t = collapse(title);
  switch (format) {
    case 'url':
      return url;
    case 'markdown':
      // Brackets in the text and parentheses/spaces in the URL would end the link early.
      return `[${t.replace(/([\\[\]])/g, '\\$1')}](${url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
    case 'confluence':
      return `[${collapse(t.replace(/[|[\]]/g, ' '))}|${url}]`;
    case 'mediawiki':
      return `[${url.replace(/\s/g, '%20')} ${t.replace(/]/g, '&#93;')}]`;
    case 'html':
      return `<a href="${escapeHtml(url)}">${escapeHtml(t)}</a>`;
  }
}

/** The absolute URL of a fragment: the page's canonical URL (or its own) plus `#fragment`. */
export function fragmentUrl(pageUrl: string, fragment: string): string {
  const hash = pageUrl.indexOf('#');
  const bare = hash === -1 ? pageUrl : pageUrl.slice(0, hash);
  return `${bare}#${encodeURIComponent(fragment).replace(/%2D/g, '-')}`;
}
