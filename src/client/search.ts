/**
 * Search in the browser: the header box (a combobox with results as you type) and the full
 * `/search/` page. The engine and the index manifest load lazily, on focus or first keystroke,
 * never on the page's critical path; each query then fetches only the index parts it needs
 * (src/search/sharded.ts), each once per page. Text from the index is only ever set as text,
 * never as HTML.
 */
import type { Filters, Hit, Results, Segment } from '../search/query.js';
import type { PartyFilter, SearchManifest } from '../search/record.js';
import { LABEL_SOURCE } from '../model/row-name.js';

interface Loaded {
  parties: SearchManifest['parties'];
  run(query: string, filters: Filters, limit: number): Promise<Results>;
  offerings(): Promise<readonly [string, string][]>;
}

let loading: Promise<Loaded> | undefined;

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
  return response.json();
}

/** Fetches the manifest and the engine once per page; a failed load may be retried. */
function load(indexUrl: string): Promise<Loaded> {
  const manifestUrl = new URL(indexUrl, window.location.href);
  loading ??= Promise.all([import('../search/sharded.js'), fetchJson(manifestUrl.href)]).then(([sharded, manifest]) => {
    const index = new sharded.SplitIndex(manifest as SearchManifest, (part) => fetchJson(new URL(part, manifestUrl).href));
    return { parties: index.parties, run: (q, filters, limit) => index.search(q, filters, limit), offerings: () => index.allOfferings() };
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Marked runs become <mark>, the rest text nodes. */
function segments(parent: HTMLElement, parts: Segment[]): HTMLElement {
  for (const part of parts) parent.append(part.mark ? el('mark', undefined, part.text) : document.createTextNode(part.text));
  return parent;
}

/** "(IBM: Applications)" beside a canonical title; the brackets are for screen readers, CSS shows a dot. */
function sourceLabel(label: Segment[]): HTMLElement {
  const span = el('span', 'source-label');
  span.append(el('span', 'visually-hidden', ' ('), `${LABEL_SOURCE}: `);
  segments(span, label).append(el('span', 'visually-hidden', ')'));
  return span;
}

/** The body of one result: task (and its source label), where it is, and a snippet saying whose duty it is. */
function hitBody(parent: HTMLElement, hit: Hit, parties: Loaded['parties'], title: HTMLElement): void {
  segments(title, hit.task);
  if (hit.label.length > 0) title.append(sourceLabel(hit.label));
  parent.append(title);
  const where = hit.kind === 'area' ? `${hit.areaTitle}: all offerings` : `${hit.offeringName} · ${hit.areaTitle}`;
  parent.append(el('span', 'search-hit-where', where));
  const snippet = el('span', 'search-hit-snippet');
  if (hit.snippetFrom !== 'intro') {
    snippet.append(el('span', 'search-hit-party', `${parties[hit.snippetFrom]}: `));
  }
  parent.append(segments(snippet, hit.snippet));
}

function countText(total: number, query: string): string {
  if (total === 0) return `No results for “${query}”`;
  return `${total} ${total === 1 ? 'result' : 'results'}`;
}

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function initSearch(): void {
  const box = document.querySelector<HTMLFormElement>('form[data-search-box]');
  if (box) initBox(box);
  const page = document.querySelector<HTMLFormElement>('form[data-search-page]');
  if (page) initPage(page);
  // `/` goes to the page's own search field on /search/, else to the header box.
  const input = (page ?? box)?.querySelector<HTMLInputElement>('input[name="q"]');
  if (!input) return;
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

function initBox(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]');
  const panel = form.querySelector<HTMLElement>('[data-search-panel]');
  const list = form.querySelector<HTMLUListElement>('[data-search-results]');
  const status = form.querySelector<HTMLElement>('[data-search-status]');
  const indexUrl = form.dataset.searchIndex;
  const base = form.dataset.searchBase ?? '/';
  if (!input || !panel || !list || !status || !indexUrl) return;
  const LIMIT = 8;
  let options: { element: HTMLLIElement; url: string }[] = [];
  let active = -1;
  let sequence = 0;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  const setOpen = (open: boolean): void => {
    panel.hidden = !open;
    input.setAttribute('aria-expanded', String(open && options.length > 0));
    if (!open) setActive(-1);
  };
  const setActive = (index: number): void => {
    options[active]?.element.setAttribute('aria-selected', 'false');
    active = index;
    const option = options[active];
    if (option) {
      option.element.setAttribute('aria-selected', 'true');
      option.element.scrollIntoView({ block: 'nearest' });
      input.setAttribute('aria-activedescendant', option.element.id);
    } else input.removeAttribute('aria-activedescendant');
  };
  const go = (url: string): void => {
    setOpen(false);
    window.location.assign(url);
  };

  const render = (loaded: Loaded, { total, hits }: Results, query: string, started: number): void => {
    list.replaceChildren();
    options = [];
    active = -1;
    hits.forEach((hit, i) => {
      const element = el('li', 'search-hit');
      element.id = `search-box-option-${i}`;
      element.setAttribute('role', 'option');
      element.setAttribute('aria-selected', 'false');
      hitBody(element, hit, loaded.parties, el('span', 'search-hit-task'));
      options.push({ element, url: base + hit.url });
      list.append(element);
    });
    if (total > 0) {
      const all = el('li', 'search-hit search-hit-all', total > hits.length ? `All ${total} results…` : 'Open on the search page');
      all.id = `search-box-option-${hits.length}`;
      all.setAttribute('role', 'option');
      all.setAttribute('aria-selected', 'false');
      options.push({ element: all, url: `${form.action}?${new URLSearchParams({ q: query })}` });
      list.append(all);
    }
    status.textContent = countText(total, query);
    setOpen(true);
    // Time from the keystroke's event to results in the DOM, read by bench/search-answer.mjs.
    form.dataset.searchMs = (performance.now() - started).toFixed(2);
  };

  const update = (started: number): void => {
    const query = input.value.trim();
    const mine = ++sequence;
    if (!query) {
      list.replaceChildren();
      options = [];
      status.textContent = '';
      setOpen(false);
      return;
    }
    load(indexUrl)
      .then(async (loaded) => ({ loaded, results: await loaded.run(query, {}, LIMIT) }))
      .then(
        ({ loaded, results }) => {
          // A later keystroke may have answered first: only the latest query is shown.
          if (mine === sequence) render(loaded, results, query, started);
        },
        () => {
          if (mine !== sequence) return;
          status.textContent = 'Search is unavailable right now.';
          setOpen(true);
        },
      );
  };

  input.addEventListener('focus', () => {
    void load(indexUrl).catch(() => undefined);
    if (input.value.trim() && options.length) setOpen(true);
  });
  input.addEventListener('input', (event) => update(event.timeStamp));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (panel.hidden) {
        if (options.length) setOpen(true);
        else return;
      }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // Cycles through the options and back to the text box (-1).
      let next = active + step;
      if (next >= options.length) next = -1;
      else if (next < -1) next = options.length - 1;
      setActive(next);
    } else if (event.key === 'Enter' && active >= 0 && !panel.hidden) {
      event.preventDefault();
      const option = options[active];
      if (option) go(option.url);
    } else if (event.key === 'Escape') {
      if (!panel.hidden) {
        event.preventDefault();
        setOpen(false);
      } else if (input.value) {
        event.preventDefault();
        input.value = '';
        update(performance.now());
      }
    }
  });
  // Keep focus in the box while clicking a result, so the click lands before the panel closes.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('li[role="option"]') : null;
    const option = options.find((o) => o.element === target);
    if (option) go(option.url);
  });
  form.addEventListener('focusout', (event) => {
    if (!(event.relatedTarget instanceof Node) || !form.contains(event.relatedTarget)) setOpen(false);
  });
}

function initPage(form: HTMLFormElement): void {
  const q = form.querySelector<HTMLInputElement>('input[name="q"]');
  const offering = form.querySelector<HTMLSelectElement>('select[name="offering"]');
  const area = form.querySelector<HTMLSelectElement>('select[name="area"]');
  const party = form.querySelector<HTMLSelectElement>('select[name="party"]');
  const status = document.querySelector<HTMLElement>('[data-search-page-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-page-results]');
  const indexUrl = form.dataset.searchIndex;
  const base = form.dataset.searchBase ?? '/';
  if (!q || !offering || !area || !party || !status || !list || !indexUrl) return;

  document.querySelector<HTMLElement>('[data-search-nojs]')?.setAttribute('hidden', '');
  const params = new URLSearchParams(window.location.search);
  q.value = params.get('q') ?? '';
  area.value = params.get('area') ?? '';
  party.value = params.get('party') ?? '';

  let sequence = 0;
  const show = (loaded: Loaded): void => {
    const mine = ++sequence;
    const query = q.value.trim();
    const filters: Filters = { offering: offering.value, area: area.value, party: party.value as PartyFilter };
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    for (const [name, value] of Object.entries(filters)) if (value) next.set(name, value);
    const search = next.toString();
    if (search !== window.location.search.replace(/^\?/, '')) {
      window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
    }
    if (!query) {
      list.replaceChildren();
      status.textContent = 'Type words from a task or a duty, for example “backup” or “firmware”.';
      return;
    }
    loaded.run(query, filters, 50).then(
      ({ total, hits }) => {
        // A later change may have answered first: only the latest query is shown.
        if (mine !== sequence) return;
        list.replaceChildren();
        status.textContent = total > hits.length ? `${countText(total, query)}, showing the best ${hits.length}` : countText(total, query);
        for (const hit of hits) {
          const item = el('li', 'search-hit');
          const link = el('a', 'search-hit-task');
          link.href = base + hit.url;
          hitBody(item, hit, loaded.parties, link);
          list.append(item);
        }
      },
      () => {
        if (mine === sequence) status.textContent = 'Search could not be loaded. Browse the offerings from the home page instead.';
      },
    );
  };

  status.textContent = 'Loading search…';
  // The offering filter lists every offering: on a split index that is the facets part.
  load(indexUrl)
    .then(async (loaded) => ({ loaded, offerings: await loaded.offerings() }))
    .then(
      ({ loaded, offerings }) => {
        for (const [id, name] of offerings) offering.append(new Option(name, id));
        offering.value = params.get('offering') ?? '';
        show(loaded);
        const refresh = (): void => show(loaded);
        q.addEventListener('input', refresh);
        for (const select of [offering, area, party]) select.addEventListener('change', refresh);
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          refresh();
        });
      },
      () => {
        status.textContent = 'Search could not be loaded. Browse the offerings from the home page instead.';
      },
    );
}
