/**
 * The sticky site header wraps onto more lines at some widths; what sticks under it (table
 * headers, the outline) and where focused or linked elements land need its real height. A
 * ResizeObserver reports it without forcing a layout; it is kept in `--header-now` on the root
 * (the styles fall back to the usual one-line height without the script).
 */
export function initHeaderHeight(): void {
  const header = document.querySelector<HTMLElement>('.site-header');
  if (!header || typeof ResizeObserver === 'undefined') return;
  new ResizeObserver(([entry]) => {
    const height = entry?.borderBoxSize?.[0]?.blockSize;
    if (height !== undefined) document.documentElement.style.setProperty('--header-now', `${Math.ceil(height)}px`);
  }).observe(header);
}
