/**
 * `/stack/` entry: on that page only, load the stack view (a separate chunk, so other pages do
 * not carry it). "Add to my stack" links arrive as `?add=<id>`: the offering joins the stack the
 * reader used last, and the address becomes that stack's (`?o=a,b`) before the page finishes
 * loading, so a reload or a shared link shows the same stack.
 */
import { LAST_STACK_KEY, formatStackQuery } from '../stack/state.js';

function lastStack(): string[] {
  try {
    return (window.localStorage.getItem(LAST_STACK_KEY) ?? '').split(',').filter(Boolean);
  } catch {
    return [];
  }
}

export function initStack(): void {
  const root = document.querySelector<HTMLElement>('[data-stack]');
  if (!root) return;
  const params = new URLSearchParams(window.location.search);
  const added = params.get('add');
  if (added) {
    // Unknown ids are left for the view to report and drop.
    const chosen = params.has('o') ? params.getAll('o').flatMap((v) => v.split(',')).filter(Boolean) : lastStack();
    const ids = [...new Set([...chosen, added])];
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', pathname + formatStackQuery(ids) + hash);
  }
  void import('./stack-page.js').then(({ startStack }) => startStack(root));
}
