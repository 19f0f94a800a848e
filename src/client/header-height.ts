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
  new ResizeObserver(([entry]) => {
    const height = entry?.borderBoxSize?.[0]?.blockSize;
    if (height === undefined || narrow.matches) return;
    // Rounded down: a stuck table header overlaps the header's last fraction of a pixel instead of leaving a gap.
    const value = `${Math.floor(height)}px`;
    if (value !== last) document.documentElement.style.setProperty('--header-now', (last = value));
  }).observe(header);
}
