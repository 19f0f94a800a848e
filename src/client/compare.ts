/**
 * Comparison controls: which offerings, whose duties, differences only, kept in the URL query so
 * the exact view can be linked. On a small site the page holds the whole comparison and this only
 * hides what the view leaves out (`?offerings=a,b&party=customer&diff=1`). On a large one the
 * reader picks 2 to 4 offerings (`?o=a,b&party=customer&diff=1`; `offerings=` is read too): their
 * data files are fetched and aligned by the build's own code (src/model/compare.ts), then shown.
 */
import { createOfferingPicker, loadOfferingIndex, type OfferingIndex } from './offering-picker.js';
import { clearComparison, renderComparison, type Labels } from './compare-view.js';
import { NARROW_OUTLINE } from './outline.js';
import { fragmentTarget } from './fragment-target.js';

type PartyView = 'both' | 'provider' | 'customer';
const PARTIES = ['provider', 'customer'] as const;

export interface CompareState {
  /** Chosen offering ids, in page order. */
  offerings: string[];
  party: PartyView;
  diff: boolean;
}

/** The offering ids a query string asks for (`o=`, or `offerings=` as links published earlier say). */
export function requestedOfferings(search: string): string[] {
  const params = new URLSearchParams(search);
  const list = params.get('o') ?? params.get('offerings') ?? '';
  return [...new Set(list.split(',').map((id) => id.trim()).filter(Boolean))];
}

/** Read a view from a query string; unknown offering ids are dropped, a missing list means all. */
export function parseState(
  search: string,
  allIds: readonly string[],
  chooseOfferings: boolean,
): CompareState {
  const params = new URLSearchParams(search);
  const list = params.get('o') ?? params.get('offerings');
  const wanted = new Set(requestedOfferings(search));
  const party = params.get('party');
  return {
    offerings: chooseOfferings && list !== null ? allIds.filter((id) => wanted.has(id)) : [...allIds],
    party: party === 'provider' || party === 'customer' ? party : 'both',
    diff: params.get('diff') === '1',
  };
}

/**
 * The query string for a view; the default view has none, so the plain URL stays canonical.
 * With the picker (`pick`) the chosen offerings are always listed, as `o=`.
 */
export function formatState(state: CompareState, allIds: readonly string[], pick = false): string {
  const parts: string[] = [];
  if (pick) {
    if (state.offerings.length > 0) parts.push(`o=${state.offerings.map(encodeURIComponent).join(',')}`);
  } else if (state.offerings.length !== allIds.length) {
    parts.push(`offerings=${state.offerings.map(encodeURIComponent).join(',')}`);
  }
  if (state.party !== 'both') parts.push(`party=${state.party}`);
  if (state.diff) parts.push('diff=1');
  return parts.length ? `?${parts.join('&')}` : '';
}

function readForm(form: HTMLFormElement, allIds: readonly string[], chooseOfferings: boolean): CompareState {
  const data = new FormData(form);
  const chosen = new Set(data.getAll('offerings').map(String));
  const party = String(data.get('party') ?? 'both');
  return {
    offerings: chooseOfferings ? allIds.filter((id) => chosen.has(id)) : [...allIds],
    party: party === 'provider' || party === 'customer' ? party : 'both',
    diff: data.get('diff') === '1',
  };
}

function writeForm(form: HTMLFormElement, state: CompareState): void {
  for (const input of form.querySelectorAll<HTMLInputElement>('input')) {
    if (input.name === 'offerings') input.checked = state.offerings.includes(input.value);
    else if (input.name === 'party') input.checked = input.value === state.party;
    else if (input.name === 'diff') input.checked = state.diff;
  }
}

/**
 * The note a printout of a filtered view carries, so paper does not pass for the whole
 * comparison: "Filtered view: duties of You only; differences only; 2 of 3 offerings (A, B)."
 * Empty for the unfiltered view. `total` is how many offerings the page offers (0 with the picker).
 */
export function filterNote(state: CompareState, nameOf: (id: string) => string, partyName: string, total: number): string {
  const parts: string[] = [];
  if (state.party !== 'both') parts.push(`duties of ${partyName} only`);
  if (state.diff) parts.push('differences only');
  if (total > 0 && state.offerings.length < total) {
    parts.push(`${state.offerings.length} of ${total} offerings (${state.offerings.map(nameOf).join(', ')})`);
  }
  return parts.length ? `Filtered view: ${parts.join('; ')}.` : '';
}

/** Writes the print note of a view (a print-only line under the heading). */
function showFilterNote(form: HTMLFormElement, state: CompareState, nameOf: (id: string) => string, total: number): void {
  const note = document.querySelector<HTMLElement>('[data-cmp-print-note]');
  if (!note) return;
  const party = form.querySelector<HTMLInputElement>(`input[name="party"][value="${state.party}"]`);
  const text = filterNote(state, nameOf, party?.parentElement?.textContent?.trim() ?? state.party, total);
  note.textContent = text;
  note.hidden = text === '';
}

/** Whether a row has anything to show for the chosen offerings and, with `diff`, differs. */
function rowVisible(row: HTMLElement, chosen: ReadonlySet<string>, state: CompareState): boolean {
  const cells = [...row.querySelectorAll<HTMLElement>('td[data-offering]')].filter((td) =>
    chosen.has(td.dataset.offering ?? ''),
  );
  if (!cells.some((td) => td.dataset.listed === '1')) return false;
  if (!state.diff) return true;
  const parties = state.party === 'both' ? PARTIES : [state.party];
  return parties.some((party) => {
    const attribute = party === 'provider' ? 'keyProvider' : 'keyCustomer';
    return new Set(cells.map((td) => td.dataset[attribute])).size > 1;
  });
}

function apply(view: HTMLElement, state: CompareState, status: HTMLElement | null): void {
  const chosen = new Set(state.offerings);
  for (const el of view.querySelectorAll<HTMLElement>('[data-offering]')) {
    el.hidden = !chosen.has(el.dataset.offering ?? '');
  }
  for (const el of view.querySelectorAll<HTMLElement>('.cmp-duty[data-party]')) {
    el.hidden = state.party !== 'both' && el.dataset.party !== state.party;
  }
  let shown = 0;
  let total = 0;
  const areas = [...view.querySelectorAll<HTMLElement>('[data-cmp-area]')];
  const shownIn = areas.map((area) => {
    let areaShown = 0;
    for (const row of area.querySelectorAll<HTMLElement>('[data-cmp-row]')) {
      const visible = rowVisible(row, chosen, state);
      row.hidden = !visible;
      total += 1;
      if (visible) areaShown += 1;
    }
    shown += areaShown;
    return areaShown;
  });
  areas.forEach((area, i) => {
    // A pointer to a line in another area shows while that line does.
    let pointers = 0;
    for (const pointer of area.querySelectorAll<HTMLElement>('[data-cmp-pointer]')) {
      const target = document.getElementById(pointer.dataset.cmpPointer ?? '');
      pointer.hidden = !target || target.hidden;
      if (!pointer.hidden) pointers += 1;
    }
    const table = area.querySelector<HTMLElement>('.cmp-table-wrap');
    const none = area.querySelector<HTMLElement>('[data-cmp-none]');
    if (table && none) {
      table.hidden = shownIn[i] === 0 && pointers === 0;
      none.hidden = !table.hidden;
    }
  });
  if (status) {
    status.textContent =
      chosen.size === 0
        ? 'Choose at least one offering.'
        : `Showing ${shown} of ${total} tasks${state.diff ? ' that differ' : ''}.`;
  }
}

export function initCompare(): void {
  const view = document.querySelector<HTMLElement>('[data-cmp-view]');
  const form = document.querySelector<HTMLFormElement>('form[data-cmp-controls]');
  if (!view || !form) return;
  if (view.dataset.cmpPick !== undefined) {
    initPicked(view, form);
    return;
  }
  const heads = view.querySelectorAll<HTMLElement>('thead th[data-offering]');
  const allIds = [...new Set([...heads].map((th) => th.dataset.offering ?? ''))].filter(Boolean);
  const chooseOfferings = form.querySelector('input[name="offerings"]') !== null;
  const status = form.querySelector<HTMLElement>('[data-cmp-status]');

  const names = new Map([...heads].map((th) => [th.dataset.offering ?? '', th.textContent?.trim() ?? '']));
  const nameOf = (id: string): string => names.get(id) || id;
  const initial = parseState(window.location.search, allIds, chooseOfferings);
  writeForm(form, initial);
  apply(view, initial, null);
  showFilterNote(form, initial, nameOf, allIds.length);
  form.hidden = false;

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', () => {
    const state = readForm(form, allIds, chooseOfferings);
    apply(view, state, status);
    showFilterNote(form, state, nameOf, allIds.length);
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', pathname + formatState(state, allIds) + hash);
  });
}

/** The party and "differences only" controls of the form (the offerings come from the picker). */
function readViewControls(form: HTMLFormElement): Pick<CompareState, 'party' | 'diff'> {
  const data = new FormData(form);
  const party = String(data.get('party') ?? 'both');
  return { party: party === 'provider' || party === 'customer' ? party : 'both', diff: data.get('diff') === '1' };
}

/** `/compare/` of a large site: the reader picks offerings, the view is built from their data files. */
function initPicked(view: HTMLElement, form: HTMLFormElement): void {
  const root = form.querySelector<HTMLElement>('[data-offering-picker]');
  const status = form.querySelector<HTMLElement>('[data-cmp-status]');
  const indexUrl = root?.dataset.pickerIndex;
  if (!root || !indexUrl) return;
  const max = Number(root.dataset.pickerMax) || 4;
  const base = view.dataset.cmpBase ?? '/';
  const labels: Labels = {
    task: view.dataset.labelTask ?? 'Task',
    provider: view.dataset.labelProvider ?? 'Provider',
    customer: view.dataset.labelCustomer ?? 'You',
  };
  const dataUrl = indexUrl.replace(/offerings\.json$/, 'offerings/');
  let index: OfferingIndex | undefined;
  let shownIds = '';
  let rendering = Promise.resolve();

  const update = (offerings: string[], push: boolean): void => {
    const order = new Map((index?.offerings ?? []).map((o, i) => [o.id, i]));
    const sorted = [...offerings].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const state: CompareState = { offerings: sorted, ...readViewControls(form) };
    if (push) {
      const { pathname, hash } = window.location;
      window.history.replaceState(window.history.state, '', pathname + formatState(state, [], true) + hash);
    }
    rendering = rendering.then(async () => {
      if (!index) return;
      const key = sorted.join(',');
      if (key !== shownIds) {
        if (sorted.length < 2) {
          clearComparison(view);
        } else {
          if (status) status.textContent = 'Loading…';
          await renderComparison(view, { index, ids: sorted, dataUrl, base, labels });
          // A link to a row: the row exists only now.
          if (!shownIds) fragmentTarget(window.location.hash)?.scrollIntoView();
        }
        shownIds = key;
      }
      if (sorted.length < 2) {
        if (status) status.textContent = `Choose at least two offerings (up to ${max}).`;
        return;
      }
      apply(view, state, status);
      const names = new Map((index.offerings).map((o) => [o.id, o.name]));
      // The picker always chooses offerings: the note names them.
      showFilterNote(form, state, (id) => names.get(id) ?? id, 0);
      const note = document.querySelector<HTMLElement>('[data-cmp-print-note]');
      const chosen = `Offerings: ${sorted.map((id) => names.get(id) ?? id).join(', ')}.`;
      if (note) {
        note.textContent = note.textContent ? `${chosen} ${note.textContent}` : chosen;
        note.hidden = false;
      }
    });
    void rendering.catch((error: unknown) => {
      if (status) status.textContent = 'The comparison could not be loaded. Reload the page to try again.';
      console.warn('respmatrix: compare failed', error);
    });
  };

  const initial = parseState(window.location.search, [], true);
  writeForm(form, initial);
  form.hidden = false;
  // On a narrow screen the controls sit in the outline's closed bar: open it while there is nothing to read yet.
  const outline = form.closest('details');
  if (outline && requestedOfferings(window.location.search).length < 2 && window.matchMedia(NARROW_OUTLINE).matches) outline.open = true;
  form.addEventListener('submit', (event) => event.preventDefault());
  void loadOfferingIndex(indexUrl).then((loaded) => {
    index = loaded;
    const known = new Set(loaded.offerings.map((o) => o.id));
    const picker = createOfferingPicker(root, {
      options: loaded.offerings,
      max,
      initial: requestedOfferings(window.location.search).filter((id) => known.has(id)),
      onChange: (ids) => update(ids, true),
    });
    form.addEventListener('change', (event) => {
      // The picker's own input reports its changes through onChange.
      if ((event.target as Element).closest('[data-offering-picker]')) return;
      update(picker.value(), true);
    });
    update(picker.value(), false);
  });
}
