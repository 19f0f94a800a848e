/**
 * Printed links write out their address (CSS `a::after`, base.css). A link within the site is
 * written relative in the HTML; this gives such content links their absolute address, so paper
 * says where to go. Done on load, not on `beforeprint`, which print previews do not always fire.
 */
const CONTENT_LINKS = ':is(.matrix td, .intro, .summary, .checklist-duty, .cmp-cell, .stack-duty-text) a[href], a.print-url[href]';

export function initPrintLinks(): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>(CONTENT_LINKS)) {
    const href = a.getAttribute('href') ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) continue;
    a.dataset.printHref = a.href;
  }
}
