/**
 * Old fragments keep working: an alias id (an empty span standing for a renamed table or row,
 * or an IBM source anchor) is swapped for the id it stands for, so `:target` highlights the
 * real element; a fragment the page lacks is looked up in the page's redirect map
 * (<meta name="respmatrix:fragment-map">, from site.yaml redirects) and followed.
 */

function fragmentMap(): Record<string, string> {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="respmatrix:fragment-map"]');
  if (!meta) return {};
  try {
    const parsed: unknown = JSON.parse(meta.content);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The id an alias element stands for: the next element with an id (table, row or heading). */
function aliasTarget(alias: Element): string | undefined {
  const row = alias.closest('tr[id]');
  if (row) return row.id;
  for (let el = alias.nextElementSibling; el; el = el.nextElementSibling) {
    if (el.classList.contains('alias-anchor')) continue;
    const target = el.id ? el : el.querySelector('[id]');
    if (target?.id) return target.id;
    break;
  }
  return alias.closest('section')?.querySelector('h2[id], h3[id]')?.id;
}

function resolve(): void {
  let id = location.hash.slice(1);
  if (!id) return;
  try {
    id = decodeURIComponent(id);
  } catch {
    return;
  }
  const element = document.getElementById(id);
  if (element && !element.classList.contains('alias-anchor')) return;
  const destination = element ? aliasTarget(element) : undefined;
  if (destination && destination !== id) {
    location.replace(`#${encodeURIComponent(destination)}`);
    return;
  }
  if (element) return;
  const mapped = fragmentMap()[id];
  if (mapped) location.replace(mapped);
}

/** Safe on every page: does nothing without a fragment. */
export function initLegacyFragments(): void {
  resolve();
  window.addEventListener('hashchange', resolve);
}
