/**
 * `/stack/` entry: on that page only, load the stack view (a separate chunk, so other pages do
 * not carry it). "Add to my stack" links arrive as `?add=<id>`: the offering joins the stack the
 * reader used last.
 */
export function initStack(): void {
  const root = document.querySelector<HTMLElement>('[data-stack]');
  if (!root) return;
  void import('./stack-page.js').then(({ startStack }) => startStack(root));
}
