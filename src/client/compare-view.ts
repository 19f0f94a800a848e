/**
 * The comparison of picked offerings, built in the browser: fetch each offering's data file,
 * align them with the build's own alignOfferings (src/model/compare.ts), and write the same
 * markup the templates write for a static comparison (partials/compare-area.njk and
 * compare-cell.njk), so styles and the view controls treat both alike.
 */
import {
  alignOfferings,
  compareLinkContext,
  readOfferingData,
  type CompareCell,
  type ComparePointer,
  type CompareRow,
  type Comparison,
  type OfferingDataFile,
  type OfferingDataJson,
} from '../model/compare.js';
import { dutyState, type Party } from '../model/duty.js';
import type { Rich } from '../model/types.js';
import { sameTaskName } from '../model/tasks.js';
import { copyLinkControl } from './copy-link.js';
import type { OfferingIndex } from './offering-picker.js';
import { offeringPageUrl } from '../shared/site-paths.js';

export interface Labels {
  task: string;
  provider: string;
  customer: string;
}

const files = new Map<string, Promise<OfferingDataFile>>();

function loadOffering(url: string): Promise<OfferingDataFile> {
  let loaded = files.get(url);
  if (!loaded) {
    loaded = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return (response.json() as Promise<OfferingDataJson>).then(readOfferingData);
    });
    loaded.catch(() => files.delete(url));
    files.set(url, loaded);
  }
  return loaded;
}

export interface RenderRequest {
  index: OfferingIndex;
  /** Offering ids in site order. */
  ids: readonly string[];
  /** Folder of the offering data files (`…/data/offerings/`). */
  dataUrl: string;
  /** The site's base path, for links to offering pages. */
  base: string;
  labels: Labels;
}

/** Fetch, align and show the comparison of `ids` in `view`. */
export async function renderComparison(view: HTMLElement, request: RenderRequest): Promise<Comparison> {
  const offerings = await Promise.all(request.ids.map((id) => loadOffering(`${request.dataUrl}${encodeURIComponent(id)}.json`)));
  const taskTitles = new Map<string, string>();
  for (const o of offerings) for (const [id, title] of Object.entries(o.taskTitles)) taskTitles.set(id, title);
  const comparison = alignOfferings({ areas: request.index.areas, taskTitles, offerings });
  const areas = comparison.areas.filter((a) => a.rows.length > 0 || a.pointers.length > 0);
  const areaTitles = new Map(request.index.areas.map((a) => [a.id, a.title]));
  view.replaceChildren(...areas.map(({ area, rows, pointers }) => areaSection(area, rows, pointers, comparison, request, areaTitles)));
  showOutline(areas.map(({ area }) => area));
  return comparison;
}

/** No offerings picked: an empty view and no areas in the outline. */
export function clearComparison(view: HTMLElement): void {
  view.replaceChildren();
  showOutline([]);
}

/** The page's outline lists the areas shown (src/client/outline.ts follows the list's changes). */
function showOutline(areas: { id: string; title: string }[]): void {
  const toc = document.querySelector<HTMLElement>('[data-outline] .toc');
  const list = toc?.querySelector('ol');
  if (!toc || !list) return;
  list.replaceChildren(...areas.map((area) => el('li', {}, [el('a', { href: `#${area.id}` }, [area.title])])));
  toc.hidden = areas.length === 0;
}

function areaSection(
  area: { id: string; title: string },
  rows: CompareRow[],
  pointers: ComparePointer[],
  comparison: Comparison,
  request: RenderRequest,
  areaTitles: ReadonlyMap<string, string>,
): HTMLElement {
  const offeringUrl = (id: string) => request.base + offeringPageUrl(encodeURIComponent(id));
  const head = el('tr', {}, [
    el('th', { scope: 'col', class: 'cmp-task-col' }, [request.labels.task]),
    ...comparison.offerings.map((o) =>
      el('th', { scope: 'col', class: 'cmp-offering-col', 'data-offering': o.id }, [el('a', { href: offeringUrl(o.id) }, [o.name])]),
    ),
  ]);
  const names = new Map(comparison.offerings.map((o) => [o.id, o.name]));
  const context = compareLinkContext(comparison.offerings.map((o) => o.name));
  const body = rows.map((row) =>
    el(
      'tr',
      {
        id: row.anchor,
        class: 'cmp-row',
        'data-cmp-row': '',
        'data-differs-provider': row.differs.provider ? '1' : '0',
        'data-differs-customer': row.differs.customer ? '1' : '0',
      },
      [
        el('th', { scope: 'row', class: 'cmp-task' }, [
          el('span', { class: 'card-context' }, [area.title]),
          row.title,
          copyLinkControl(row.anchor, row.title, [context, area.title, row.title].join(' › ')),
        ]),
        ...row.cells.map((c) =>
          cellElement(c, names.get(c.offeringId) ?? c.offeringId, row.title, offeringUrl(c.offeringId), request.labels, areaTitles),
        ),
      ],
    ),
  );
  // Where a task's line went to another area, this area keeps a pointer under the line's old anchor.
  for (const p of pointers) {
    body.push(
      el('tr', { id: p.anchor, class: 'cmp-pointer', 'data-cmp-pointer': p.target }, [
        el('th', { scope: 'row', class: 'cmp-task' }, [p.title]),
        el('td', { colspan: String(comparison.offerings.length), class: 'cmp-pointer-cell' }, [
          'Compared under ',
          el('a', { href: `#${p.target}` }, [`${areaTitles.get(p.areaId) ?? p.areaId} › ${p.title}`]),
          ', on one line with the other offerings’ rows for this task.',
        ]),
      ]),
    );
  }
  return el('section', { class: 'cmp-area', 'data-cmp-area': '' }, [
    el('h2', { id: area.id }, [area.title, copyLinkControl(area.id, area.title, `${context} › ${area.title}`)]),
    el('div', { class: 'cmp-table-wrap' }, [
      el('table', { class: 'cmp-table' }, [
        el('caption', {}, [`${area.title}: duties by offering`]),
        el('thead', {}, [head]),
        el('tbody', {}, body),
      ]),
    ]),
    el('p', { class: 'cmp-none', 'data-cmp-none': '', hidden: '' }, ['No task in this area matches the chosen view.']),
  ]);
}

function cellElement(
  c: CompareCell,
  offeringName: string,
  title: string,
  offeringUrl: string,
  labels: Labels,
  areaTitles: ReadonlyMap<string, string>,
): HTMLElement {
  const td = el(
    'td',
    {
      class: 'cmp-cell',
      'data-offering': c.offeringId,
      'data-listed': c.rows.length > 0 ? '1' : '0',
      'data-key-provider': String(c.keys.provider),
      'data-key-customer': String(c.keys.customer),
    },
    [el('span', { class: 'cmp-offering-label' }, [offeringName])],
  );
  if (c.rows.length === 0) {
    td.append(el('span', { class: 'not-listed' }, ['Not listed']));
    return td;
  }
  if (c.placedIn) td.append(el('p', { class: 'cmp-placed' }, [`Listed under ${areaTitles.get(c.placedIn) ?? c.placedIn}`]));
  for (const row of c.rows) {
    const entry = el('div', { class: 'cmp-entry' }, []);
    if (!sameTaskName(row.task, title)) {
      entry.append(el('p', { class: 'cmp-source-task' }, ['Listed as ', el('a', { href: `${offeringUrl}#${row.anchor}` }, [row.task])]));
    }
    entry.append(
      el('dl', { class: 'cmp-duties' }, [duty('provider', labels.provider, row.provider), ' ', duty('customer', labels.customer, row.customer)]),
    );
    td.append(entry);
  }
  return td;
}

/** One party's duty, as partials/cell.njk shows it: empty, "No action" (muted, labelled) or the duty. */
function duty(party: Party, label: string, rich: Rich): HTMLElement {
  const dd = el('dd', {}, []);
  const state = dutyState(rich, party);
  if (state === 'empty') {
    dd.append(el('span', { class: 'not-listed' }, ['No duty listed']));
  } else {
    // The build sanitised this HTML (src/parse/markdown/sanitize.ts); the static pages insert the same string.
    const holder = state === 'no-action' ? el('div', { class: 'no-action' }, [el('span', { class: 'no-action-label' }, ['No action']), ' ']) : dd;
    holder.insertAdjacentHTML('beforeend', rich.html);
    if (holder !== dd) dd.append(holder);
  }
  return el('div', { class: 'cmp-duty', 'data-party': party }, [el('dt', {}, [label]), ' ', dd]);
}

function el(tag: string, attributes: Record<string, string>, children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
