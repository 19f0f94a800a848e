/**
 * The copy-link control of every heading and row: one button (it replaces the plain "#" link
 * the page has without JavaScript) opens a small menu (link, Markdown, Confluence, MediaWiki,
 * HTML); arrows move, Enter copies, Escape closes. "Copy link" puts the link on the clipboard as
 * text/html (`<a href>` with "Offering › Area › Task", for rich editors) and text/plain (the URL)
 * together. A toast (a polite live region) shows what was copied. One menu element is shared by
 * the page (pages can have thousands of rows).
 */
import { LINK_FORMATS, formatLink, fragmentUrl, linkTitle, type LinkFormat } from '../shared/link-formats.js';

let menu: HTMLElement | undefined;
let toast: HTMLElement | undefined;
let toastTimer: number | undefined;
let opener: HTMLButtonElement | undefined;

/** How long the toast stays (it is also announced, so a reader who misses it loses nothing). */
const TOAST_MS = 6000;

/** The site's canonical URL of the page when it has a baseUrl, else the address the reader is on. */
function pageUrl(): string {
  const href = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '';
  // Without a baseUrl the canonical is only a path.
  if (!/^https?:\/\//.test(href)) return location.href;
  const url = new URL(href);
  // What a comparison shows lives in its query (offerings, party, differences only).
  if (document.querySelector('[data-cmp-view]')) url.search = location.search;
  return url.href;
}

function ensureToast(): HTMLElement {
  if (toast) return toast;
  toast = document.createElement('div');
  toast.className = 'copy-toast';
  toast.setAttribute('role', 'status');
  toast.setAttribute('aria-live', 'polite');
  container().append(toast);
  return toast;
}

/** Show (and announce) what happened; `url` is shown whole so it can be checked or copied by hand. */
function showToast(message: string, url: string): void {
  const target = ensureToast();
  // Cleared first so the same message is announced again; filled after the live region exists.
  target.textContent = '';
  window.clearTimeout(toastTimer);
  window.setTimeout(() => {
    const address = document.createElement('span');
    address.className = 'copy-toast-url';
    address.textContent = url;
    const words = document.createElement('strong');
    words.textContent = message;
    target.replaceChildren(words, ' ', address);
    toastTimer = window.setTimeout(() => target.replaceChildren(), TOAST_MS);
  }, 50);
}

/** Put `text` (and `html`, for editors that paste rich text) on the clipboard. */
async function writeClipboard(text: string, html?: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      if (html !== undefined && typeof ClipboardItem !== 'undefined') {
        const item = new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        });
        await navigator.clipboard.write([item]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      return true;
    }
  } catch {
    // Permission denied or unavailable: fall back below.
  }
  // The copy command fires a copy event whose data can be set: both types again.
  const onCopy = (event: ClipboardEvent): void => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    if (html !== undefined) event.clipboardData.setData('text/html', html);
    event.preventDefault();
  };
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'copy-link-scratch';
  document.body.append(area);
  area.select();
  document.addEventListener('copy', onCopy);
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.removeEventListener('copy', onCopy);
  area.remove();
  return ok;
}

/** Inside the main landmark, so all content stays in a landmark (axe `region`). */
function container(): HTMLElement {
  return document.querySelector<HTMLElement>('main') ?? document.body;
}

function items(): HTMLButtonElement[] {
  return menu ? [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')] : [];
}

function ensureMenu(): HTMLElement {
  if (menu) return menu;
  menu = document.createElement('div');
  menu.className = 'copy-link-menu';
  menu.setAttribute('role', 'menu');
  menu.hidden = true;
  for (const { format, label } of LINK_FORMATS) {
    const item = document.createElement('button');
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.tabIndex = -1;
    item.dataset['format'] = format;
    item.textContent = label;
    menu.append(item);
  }
  menu.addEventListener('click', (event) => {
    const item = (event.target as Element).closest<HTMLButtonElement>('[role="menuitem"]');
    if (item) void copy(item.dataset['format'] as LinkFormat);
  });
  menu.addEventListener('keydown', onMenuKey);
  container().append(menu);
  return menu;
}

function close(returnFocus: boolean): void {
  if (!menu || menu.hidden) return;
  menu.hidden = true;
  const button = opener;
  opener = undefined;
  if (button) {
    button.setAttribute('aria-expanded', 'false');
    if (returnFocus) button.focus();
  }
}

function open(button: HTMLButtonElement): void {
  const m = ensureMenu();
  if (opener === button && !m.hidden) return close(true);
  close(false);
  opener = button;
  const label = button.getAttribute('aria-label') ?? 'Copy link';
  m.setAttribute('aria-label', label);
  m.hidden = false;
  place();
  button.setAttribute('aria-expanded', 'true');
  items()[0]?.focus();
}

/** Fixed to the viewport, under its button (above it when there is no room below). */
function place(): void {
  if (!menu || menu.hidden || !opener) return;
  const rect = opener.getBoundingClientRect();
  const below = rect.bottom + 4 + menu.offsetHeight <= window.innerHeight;
  menu.style.top = `${below ? rect.bottom + 4 : Math.max(4, rect.top - 4 - menu.offsetHeight)}px`;
  menu.style.left = `${Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - menu.offsetWidth - 8))}px`;
}

async function copy(format: LinkFormat): Promise<void> {
  if (!opener) return;
  const url = fragmentUrl(pageUrl(), opener.dataset['fragment'] ?? '');
  const title = linkTitleOf(opener) || document.title;
  const ok =
    format === 'url'
      ? await writeClipboard(url, formatLink('html', title, url))
      : await writeClipboard(formatLink(format, title, url));
  close(true);
  const label = LINK_FORMATS.find((f) => f.format === format)?.label ?? 'Copy link';
  // "Link copied", "Copied as Markdown", …; on failure the URL in the toast can be selected by hand.
  showToast(ok ? (format === 'url' ? 'Link copied:' : `${label.replace(/^Copy/, 'Copied')}:`) : 'Could not copy; select the link:', url);
}

/** What the link says, "Offering › Area › Task": a heading's own title, or a row's table context and its name. */
function linkTitleOf(button: HTMLButtonElement): string {
  if (button.dataset['title']) return button.dataset['title'];
  const context = button.closest<HTMLElement>('[data-link-context]')?.dataset['linkContext'] ?? '';
  const name = (button.getAttribute('aria-label') ?? '').slice(BUTTON_LABEL.length);
  return linkTitle([context, name]);
}

function onMenuKey(event: KeyboardEvent): void {
  const list = items();
  const index = list.indexOf(document.activeElement as HTMLButtonElement);
  const move = (to: number): void => {
    event.preventDefault();
    list[(to + list.length) % list.length]?.focus();
  };
  switch (event.key) {
    case 'ArrowDown':
      return move(index + 1);
    case 'ArrowUp':
      return move(index - 1);
    case 'Home':
      return move(0);
    case 'End':
      return move(list.length - 1);
    case 'Escape':
      event.preventDefault();
      return close(true);
    case 'Tab':
      return close(false);
  }
}

/** The words before a control's label: "Link to X" on the link the HTML has, "Copy link to X" on the button. */
const ANCHOR_LABEL = 'Link to ';
const BUTTON_LABEL = 'Copy link to ';

let prototype: HTMLButtonElement | undefined;

/** One button with the chain icon, cloned for every control (pages can have thousands of rows). */
function blankButton(): HTMLButtonElement {
  if (!prototype) {
    prototype = document.createElement('button');
    prototype.type = 'button';
    prototype.className = 'copy-link copy-link-button';
    prototype.setAttribute('aria-haspopup', 'menu');
    prototype.setAttribute('aria-expanded', 'false');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    for (const [name, value] of Object.entries({ 'aria-hidden': 'true', focusable: 'false', width: '16', height: '16', viewBox: '0 0 16 16' })) {
      svg.setAttribute(name, value);
    }
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    for (const [name, value] of Object.entries(LINK_ICON)) path.setAttribute(name, value);
    svg.append(path);
    prototype.append(svg);
  }
  return prototype.cloneNode(true) as HTMLButtonElement;
}

/** The chain icon of the copy button. */
const LINK_ICON = {
  d: 'M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '1.5',
  'stroke-linecap': 'round',
};

/**
 * The button that opens the copy menu for `fragment`, labelled "Copy link to <label>". `title` is
 * what a copied link says; without one it is taken from the enclosing `data-link-context` and the label.
 */
export function copyLinkControl(fragment: string, label: string, title?: string): HTMLButtonElement {
  const button = blankButton();
  button.dataset['fragment'] = fragment;
  if (title) button.dataset['title'] = title;
  button.setAttribute('aria-label', BUTTON_LABEL + label);
  return button;
}

/**
 * Swap each "#" link of partials/copy-link.njk for its button, in the same place (one control per
 * heading or row, same focus order), and wire the shared menu. The listeners are delegated, so
 * controls added later (the browser-built comparison) work too.
 */
export function initCopyLink(): void {
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>('a.copy-link')) {
    const label = anchor.getAttribute('aria-label') ?? '';
    const fragment = (anchor.getAttribute('href') ?? '').slice(1);
    const name = label.startsWith(ANCHOR_LABEL) ? label.slice(ANCHOR_LABEL.length) : label;
    anchor.replaceWith(copyLinkControl(fragment, name, anchor.dataset['title']));
  }
  document.addEventListener('click', (event) => {
    const target = event.target as Element;
    const button = target.closest<HTMLButtonElement>('.copy-link-button');
    if (button) return open(button);
    if (menu && !menu.hidden && !menu.contains(target)) close(false);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menu && !menu.hidden) close(true);
  });
  // A fixed menu follows its button when the page scrolls or resizes (a scroll can also
  // arrive just after opening, from focusing the button).
  window.addEventListener('scroll', place, { passive: true });
  window.addEventListener('resize', place);
}
