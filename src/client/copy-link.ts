/**
 * The copy-link menu on every heading and row: a button opens a small menu (URL, Markdown,
 * Confluence, MediaWiki, HTML); arrows move, Enter copies, Escape closes. One menu element is
 * shared by the page (pages can have thousands of rows) and "Copied" is announced politely.
 */
import { LINK_FORMATS, formatLink, fragmentUrl, type LinkFormat } from '../shared/link-formats.js';

let menu: HTMLElement | undefined;
let live: HTMLElement | undefined;
let opener: HTMLButtonElement | undefined;

function pageUrl(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  // A relative canonical (no baseUrl) resolves against the page, which is what a reader shares.
  return canonical?.href || location.href;
}

function announce(text: string): void {
  if (!live) {
    live = document.createElement('div');
    live.className = 'copy-link-status visually-hidden';
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('role', 'status');
    container().append(live);
  }
  // Clear first so the same message is announced again.
  live.textContent = '';
  const target = live;
  window.setTimeout(() => (target.textContent = text), 50);
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or unavailable: fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'copy-link-scratch';
  document.body.append(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
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
  const holder = opener?.closest<HTMLElement>('[data-copy-link]');
  if (!holder) return;
  const url = fragmentUrl(pageUrl(), holder.dataset['fragment'] ?? '');
  const text = formatLink(format, holder.dataset['title'] ?? document.title, url);
  const ok = await writeClipboard(text);
  close(true);
  announce(ok ? 'Copied' : 'Copy failed: select the link and copy it yourself');
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

/** Reveal the buttons and wire the shared menu; does nothing on pages without the control. */
export function initCopyLink(): void {
  const holders = document.querySelectorAll<HTMLElement>('[data-copy-link]');
  if (holders.length === 0) return;
  for (const holder of holders) {
    const button = holder.querySelector<HTMLButtonElement>('.copy-link-button');
    if (button) button.hidden = false;
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
