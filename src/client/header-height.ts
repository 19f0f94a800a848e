import { fragmentTarget } from './fragment-target.js';

/**
 * The sticky site header wraps onto more lines at some widths; what sticks under it (table
 * headers, the outline) and where focused or linked elements land need its real height. A
 * ResizeObserver reports it without forcing a layout; it is kept in `--header-now` on the root
 * (the styles fall back to the usual one-line height without the script).
 */
export function initHeaderHeight(): void {
  const header = document.querySelector<HTMLElement>('.site-header');
  if (!header || typeof ResizeObserver === 'undefined') return;
  // Narrow screens: the header does not stick (base.css), so nothing needs its height; a
  // property on the root restyles the whole page, which a phone should not pay for.
  const narrow = window.matchMedia('(max-width: 40rem)');
  let last = '';
  // Until the reader scrolls, the page stands where the browser put a linked element, which may
  // be by the header's usual height rather than its real one.
  let moved = false;
  for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown']) {
    window.addEventListener(type, () => (moved = true), { once: true, passive: true, capture: true });
  }
  new ResizeObserver(([entry]) => {
    const height = entry?.borderBoxSize?.[0]?.blockSize;
    if (height === undefined || narrow.matches) return;
    // Rounded down: a stuck table header overlaps the header's last fraction of a pixel instead of leaving a gap.
    const value = `${Math.floor(height)}px`;
    if (value === last) return;
    const first = last === '';
    document.documentElement.style.setProperty('--header-now', (last = value));
    // The first height known: a linked element the reader has not scrolled away from lands below it.
    if (first && !moved) fragmentTarget(window.location.hash)?.scrollIntoView();
  }).observe(header);
}
