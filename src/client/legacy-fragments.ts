/**
 * Old fragments keep working: an alias id (an empty span standing for a renamed table or row,
 * or an IBM source anchor) is swapped for the id it stands for, so `:target` highlights the
 * real element; a fragment the page lacks is looked up in the page's redirect map
 * (<meta name="respmatrix:fragment-map">, from site.yaml redirects) and followed, or else
 * rewritten under renamed offerings and tasks (<meta name="respmatrix:renames">), or, on a
 * paged area, looked up on the area's other pages. The renames follow the rule the baseline
 * check applies (src/links/renames.ts).
 */
import { renamedIds, type Renames } from '../links/renames.js';

function metaJson<T extends object>(name: string, fallback: T): T {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  if (!meta) return fallback;
  try {
    const parsed: unknown = JSON.parse(meta.content);
    return parsed && typeof parsed === 'object' ? (parsed as T) : fallback;
  } catch {
    return fallback;
  }
}

/** The renames a page carries; either list may be missing. */
function pageRenames(): Renames {
  const meta = metaJson<Partial<Renames>>('respmatrix:renames', {});
  return { offerings: meta.offerings ?? {}, tasks: meta.tasks ?? {} };
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
  // A notice about an earlier fragment goes when the reader follows another one.
  document.querySelector('[data-fragment-notice]')?.remove();
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
  const mapped = metaJson<Record<string, string>>('respmatrix:fragment-map', {})[id];
  if (mapped) {
    location.replace(mapped);
    return;
  }
  const candidates = renamedIds(id, pageRenames());
  const now = candidates.find((candidate) => document.getElementById(candidate));
  if (now) {
    location.replace(`#${encodeURIComponent(now)}`);
    return;
  }
  // The comparison of picked offerings builds its rows after loading: nothing to say yet.
  if (document.querySelector('[data-cmp-pick]')) return;
  void findOnOtherAreaPage([id, ...candidates]).then((moved) => {
    if (!moved) notFound(id);
  });
}

/**
 * Nothing on the page answers to the fragment: say so instead of silently landing at the top,
 * and take the reader to what held the row when the id names it: its area on offering,
 * comparison and checklist pages (`<area>--<task>`), its offering on area pages
 * (`<offering>--<task>`).
 */
function notFound(id: string): void {
  const main = document.querySelector('main');
  if (!main || document.querySelector('[data-fragment-notice]')) return;
  const row = id.includes('--');
  const holder = row ? document.getElementById(id.split('--')[0] ?? '') : null;
  const notice = document.createElement('p');
  notice.className = 'fragment-notice';
  notice.dataset.fragmentNotice = '';
  notice.setAttribute('role', 'status');
  notice.textContent = `The ${row ? 'row' : 'part of the page'} you linked to (#${id}) is not on this page any more`;
  if (holder && holder !== main) {
    notice.append(`; here is its ${document.querySelector('.area-page') ? 'offering' : 'area'}: `);
    const link = document.createElement('a');
    link.href = `#${encodeURIComponent(holder.id)}`;
    // The heading's own words, without its copy-link control.
    const words = [...holder.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '');
    link.textContent = words.join('').trim() || holder.id;
    notice.append(link, '.');
  } else {
    notice.append('.');
  }
  // Under the heading the reader is taken to, so the notice is in view; else under the page title.
  if (holder && holder !== main) {
    holder.after(notice);
    holder.scrollIntoView();
    return;
  }
  const title = main.querySelector('h1');
  if (title) title.after(notice);
  else main.prepend(notice);
}

/**
 * A paged area: the offering may be on another page of it now (offerings were added or
 * removed). Its map (areas/<id>/offerings.json) is fetched only in this rare case.
 */
async function findOnOtherAreaPage(ids: string[]): Promise<boolean> {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="respmatrix:area-map"]');
  if (!meta) return false;
  let map: Record<string, string>;
  try {
    const response = await fetch(meta.content);
    if (!response.ok) return false;
    map = (await response.json()) as Record<string, string>;
  } catch {
    return false;
  }
  for (const id of ids) {
    const page = map[id.split('--')[0] ?? ''];
    if (page && page !== location.pathname) {
      location.replace(`${page}#${encodeURIComponent(id)}`);
      return true;
    }
  }
  return false;
}

/** Safe on every page: does nothing without a fragment. */
export function initLegacyFragments(): void {
  resolve();
  window.addEventListener('hashchange', resolve);
}
