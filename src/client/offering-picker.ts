/**
 * A type-ahead picker of offerings: the ARIA combobox pattern (a text input that filters a
 * listbox of offerings, arrow keys move, Enter chooses, Escape closes) plus the chosen offerings
 * as a list of removable chips. Markup: templates/partials/offering-picker.njk. Any page can use it:
 *
 *   const index = await loadOfferingIndex(root.dataset.pickerIndex!);  // data/offerings.json
 *   const picker = createOfferingPicker(root, {
 *     options: index.offerings, max: 4, initial: ['a', 'b'],
 *     onChange: (ids) => ...,              // ids in the order the reader chose them
 *   });
 *   picker.value(); picker.setValue(['c']);
 *
 * The list of offerings is one small file whatever page uses it; filtering happens here.
 */

export interface PickerOption {
  id: string;
  name: string;
  family?: string;
}

/** data/offerings.json, written by src/render/outputs/compare-data.ts. */
export interface OfferingIndex {
  areas: { id: string; title: string; description?: string }[];
  offerings: PickerOption[];
}

export interface PickerOptions {
  options: readonly PickerOption[];
  /** The most offerings the picker takes; the input is disabled when that many are chosen. */
  max: number;
  initial?: readonly string[];
  onChange?: (ids: string[]) => void;
}

export interface OfferingPicker {
  /** Chosen offering ids, in the order chosen. */
  value(): string[];
  /** Replace the choice (unknown ids are dropped, at most `max` kept); does not call onChange. */
  setValue(ids: readonly string[]): void;
}

/** Options shown at once: enough to scan, few enough that the list stays fast at 5,000 offerings. */
const SHOWN = 12;

const indexes = new Map<string, Promise<OfferingIndex>>();

/** The offering index, fetched once per page however many pickers ask. */
export function loadOfferingIndex(url: string): Promise<OfferingIndex> {
  let loaded = indexes.get(url);
  if (!loaded) {
    loaded = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.json() as Promise<OfferingIndex>;
    });
    indexes.set(url, loaded);
  }
  return loaded;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Options matching `query` (every word of it, in the name or id), those whose name starts with
 * the query first, then by name; `exclude` (already chosen) left out; at most `limit`.
 */
export function filterOptions(
  options: readonly PickerOption[],
  query: string,
  exclude: ReadonlySet<string> = new Set(),
  limit = SHOWN,
): PickerOption[] {
  const q = fold(query.trim());
  const words = q.split(/\s+/).filter(Boolean);
  const scored: [PickerOption, number][] = [];
  for (const option of options) {
    if (exclude.has(option.id)) continue;
    const name = fold(option.name);
    const haystack = `${name} ${option.id}`;
    if (!words.every((w) => haystack.includes(w))) continue;
    scored.push([option, name.startsWith(q) ? 0 : 1]);
  }
  scored.sort(([a, sa], [b, sb]) => sa - sb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map(([option]) => option);
}

export function createOfferingPicker(root: HTMLElement, settings: PickerOptions): OfferingPicker {
  const input = root.querySelector<HTMLInputElement>('[data-picker-input]');
  const list = root.querySelector<HTMLUListElement>('[data-picker-list]');
  const chips = root.querySelector<HTMLUListElement>('[data-picker-chosen]');
  const status = root.querySelector<HTMLElement>('[data-picker-status]');
  if (!input || !list || !chips) throw new Error('offering picker: markup incomplete');
  const byId = new Map(settings.options.map((o) => [o.id, o]));
  const listId = list.id;
  let chosen: string[] = [];
  let shown: PickerOption[] = [];
  let active = -1;

  const announce = (text: string): void => {
    if (status) status.textContent = text;
  };

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index: number): void => {
    active = index;
    list.querySelectorAll<HTMLElement>('[role="option"]').forEach((el, i) => el.setAttribute('aria-selected', String(i === index)));
    const current = index >= 0 ? document.getElementById(`${listId}-${index}`) : null;
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const open = (): void => {
    shown = filterOptions(settings.options, input.value, new Set(chosen));
    list.replaceChildren(
      ...shown.map((option, i) => {
        const li = document.createElement('li');
        li.id = `${listId}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.className = 'picker-option';
        li.dataset.id = option.id;
        li.textContent = option.name;
        return li;
      }),
    );
    if (shown.length === 0) {
      const li = document.createElement('li');
      li.className = 'picker-empty';
      li.textContent = 'No offering matches.';
      list.append(li);
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(shown.length > 0 && input.value.trim() ? 0 : -1);
  };

  const renderChips = (): void => {
    chips.replaceChildren(
      ...chosen.map((id) => {
        const li = document.createElement('li');
        li.className = 'picker-chip';
        const name = byId.get(id)?.name ?? id;
        const label = document.createElement('span');
        label.textContent = name;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'picker-remove';
        remove.dataset.id = id;
        remove.setAttribute('aria-label', `Remove ${name}`);
        remove.textContent = '×';
        li.append(label, remove);
        return li;
      }),
    );
    const full = chosen.length >= settings.max;
    input.disabled = full;
    input.placeholder = full ? `${settings.max} chosen: remove one to add another` : 'Add an offering…';
  };

  const changed = (): void => {
    renderChips();
    settings.onChange?.([...chosen]);
  };

  const choose = (option: PickerOption): void => {
    if (chosen.includes(option.id) || chosen.length >= settings.max) return;
    chosen.push(option.id);
    input.value = '';
    close();
    announce(`${option.name} added; ${chosen.length} chosen.`);
    changed();
    if (!input.disabled) input.focus();
  };

  input.addEventListener('input', open);
  input.addEventListener('focus', () => {
    if (input.value.trim()) open();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) open();
      if (shown.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + shown.length) % shown.length);
    } else if (event.key === 'Enter') {
      // Enter never submits the surrounding form from here.
      event.preventDefault();
      const option = shown[active];
      if (!list.hidden && option) choose(option);
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else input.value = '';
    } else if (event.key === 'Backspace' && input.value === '' && chosen.length > 0) {
      const removed = chosen.pop() as string;
      announce(`${byId.get(removed)?.name ?? removed} removed.`);
      changed();
    }
  });
  // mousedown, not click: choosing must happen before the input's blur closes the list.
  list.addEventListener('mousedown', (event) => {
    const li = (event.target as Element).closest<HTMLElement>('[role="option"]');
    const option = li ? byId.get(li.dataset.id ?? '') : undefined;
    if (!option) return;
    event.preventDefault();
    choose(option);
  });
  input.addEventListener('blur', () => close());
  chips.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-id]');
    if (!button) return;
    const id = button.dataset.id ?? '';
    chosen = chosen.filter((c) => c !== id);
    announce(`${byId.get(id)?.name ?? id} removed; ${chosen.length} chosen.`);
    changed();
    input.focus();
  });

  const picker: OfferingPicker = {
    value: () => [...chosen],
    setValue: (ids) => {
      chosen = [...new Set(ids)].filter((id) => byId.has(id)).slice(0, settings.max);
      renderChips();
    },
  };
  picker.setValue(settings.initial ?? []);
  root.hidden = false;
  return picker;
}
