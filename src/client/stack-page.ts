/**
 * The stack view: reads the chosen offerings from the URL (`?o=a,b`), loads the offering index
 * and the chosen offerings' data files, merges their customer duties (src/stack/merge.ts) and
 * shows them by area and task with a tick, an owner and a note each, kept in localStorage
 * (src/stack/state.ts). Progress per area and overall, reset with undo, export and print.
 */
import { buildStack, type OfferingDataFile, type Stack, type StackDuty } from '../stack/merge.js';
import {
  LAST_STACK_KEY,
  dutyState,
  formatStackQuery,
  parseSaved,
  parseStackQuery,
  pruneSaved,
  serialiseSaved,
  stackStorageKey,
  withDutyState,
  type DroppedRow,
  type SavedRows,
} from '../stack/state.js';
import { readOfferingData, type OfferingDataJson } from '../model/compare.js';
import { LABEL_SOURCE } from '../model/row-name.js';
import { sameTaskName } from '../model/tasks.js';
import { EXPORT_FORMATS, stackExport, type ExportFormat, type ExportOptions } from '../stack/export.js';
import { createOfferingPicker, loadOfferingIndex, type OfferingIndex } from './offering-picker.js';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function read(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // quota or blocked storage: the page still works for this visit
  }
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return (await response.json()) as T;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An id-safe form of a row key (`offering#anchor`). */
function domId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function doneText(done: number, total: number): string {
  return `${done} of ${total} done`;
}

interface Controls {
  root: HTMLElement;
  list: HTMLElement;
  status: HTMLElement;
  notice: HTMLElement;
  toolbar: HTMLElement;
  progress: HTMLProgressElement;
  overall: HTMLElement;
  offerings: HTMLElement;
  format: HTMLSelectElement;
  undo: HTMLButtonElement;
}

function controls(root: HTMLElement): Controls {
  const q = <T extends HTMLElement>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`stack page: ${selector} missing`);
    return found;
  };
  return {
    root,
    list: q('[data-stack-list]'),
    status: q('[data-stack-status]'),
    notice: q('[data-stack-notice]'),
    toolbar: q('[data-stack-toolbar]'),
    progress: q('[data-stack-progress]'),
    overall: q('[data-stack-overall]'),
    offerings: q('[data-stack-offerings]'),
    format: q('[data-stack-format]'),
    undo: q('[data-stack-undo]'),
  };
}

export async function startStack(root: HTMLElement): Promise<void> {
  const c = controls(root);
  const pickerRoot = root.querySelector<HTMLElement>('[data-offering-picker]')!;
  const indexUrl = pickerRoot.dataset.pickerIndex ?? '';
  const dataUrl = root.dataset.data ?? '';
  // Exports link to the published site when it has a baseUrl, otherwise to where the page is served.
  const siteRoot = new URL(root.dataset.siteRoot ?? '/', window.location.href).href;
  const absolute = (url: string): string => new URL(url, siteRoot).href;
  const local = (url: string): string => new URL(url, siteRoot).pathname + new URL(url, siteRoot).hash;

  root.querySelector<HTMLElement>('[data-stack-nojs]')!.hidden = true;
  root.querySelector<HTMLElement>('[data-stack-app]')!.hidden = false;

  let index: OfferingIndex;
  try {
    index = await loadOfferingIndex(indexUrl);
  } catch {
    c.status.textContent = 'The list of offerings could not be loaded. Reload the page to try again.';
    return;
  }
  const names = new Map(index.offerings.map((o) => [o.id, o.name]));
  const known = new Set(names.keys());

  const params = new URLSearchParams(window.location.search);
  let chosen = parseStackQuery(window.location.search, known);
  const unknown = params
    .getAll('o')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((id) => id !== '' && !known.has(id));

  const files = new Map<string, OfferingDataFile>();
  let stack: Stack | undefined;
  let saved: SavedRows = {};
  let beforeReset: SavedRows | undefined;
  let generation = 0;

  const exportOptions = (): ExportOptions => ({
    title: `${root.querySelector('h1')?.textContent ?? 'Stack'}: ${stack?.offerings.map((o) => o.name).join(', ') ?? ''}`,
    dutyLabel: root.dataset.dutyLabel ?? 'Duty',
    absolute,
  });

  const save = (): void => {
    if (!stack) return;
    const key = stackStorageKey(chosen);
    write(key, Object.keys(saved).length ? serialiseSaved(saved) : null);
  };

  const updateProgress = (): void => {
    if (!stack) return;
    let doneAll = 0;
    for (const area of stack.areas) {
      const duties = area.tasks.flatMap((t) => t.duties);
      const done = duties.filter((d) => dutyState(saved, d).done).length;
      doneAll += done;
      const line = c.list.querySelector<HTMLElement>(`[data-area-progress="${area.id}"]`);
      if (line) line.textContent = doneText(done, duties.length);
    }
    c.progress.max = Math.max(stack.total, 1);
    c.progress.value = doneAll;
    c.overall.textContent = `${doneText(doneAll, stack.total)} across ${stack.offerings.length} ${stack.offerings.length === 1 ? 'offering' : 'offerings'}`;
  };

  const dutyItem = (duty: StackDuty, taskTitle: string): HTMLLIElement => {
    const state = dutyState(saved, duty);
    const li = el('li', 'stack-duty');
    li.id = domId('duty', duty.id);
    const textId = domId('text', duty.id);
    const box = el('input');
    box.type = 'checkbox';
    box.checked = state.done;
    box.setAttribute('aria-labelledby', textId);
    const body = el('div', 'stack-duty-body');
    const text = el('div', 'stack-duty-text');
    text.id = textId;
    // Sanitised at build time (src/parse/markdown/sanitize.ts), like every cell on the site.
    text.innerHTML = duty.html;
    const sources = el('p', 'stack-sources');
    // Printed checklists cannot follow links: the row URLs are written out there.
    const urls = el('ul', 'stack-urls');
    sources.append('Asked by ');
    duty.sources.forEach((source, i) => {
      if (i > 0) sources.append(i === duty.sources.length - 1 ? ' and ' : ', ');
      const a = el('a', undefined, source.offeringName);
      a.href = local(source.url);
      sources.append(a);
      // The source's own label when it differs from the task's title, worded as on every page ("IBM: Applications").
      if (source.task && !sameTaskName(source.task, taskTitle)) sources.append(el('span', 'stack-source-task', ` (${LABEL_SOURCE}: ${source.task})`));
      urls.append(el('li', undefined, absolute(source.url)));
    });
    const fields = el('div', 'stack-fields');
    const field = (name: 'owner' | 'note', labelText: string, value: string, maxLength: number): HTMLInputElement => {
      const wrap = el('div', `stack-field stack-field-${name}`);
      const input = el('input');
      input.type = 'text';
      input.id = domId(name, duty.id);
      input.value = value;
      input.maxLength = maxLength;
      input.autocomplete = 'off';
      input.dataset.field = name;
      // Every duty has an Owner and a Note field: the duty's text tells them apart.
      input.setAttribute('aria-describedby', textId);
      const label = el('label', undefined, labelText);
      label.htmlFor = input.id;
      wrap.append(label, input);
      fields.append(wrap);
      return input;
    };
    const owner = field('owner', 'Owner', state.owner, 80);
    const note = field('note', 'Note', state.note, 280);
    const store = (): void => {
      saved = withDutyState(saved, duty, { done: box.checked, owner: owner.value, note: note.value });
      beforeReset = undefined;
      c.undo.hidden = true;
      save();
      updateProgress();
    };
    box.addEventListener('change', store);
    owner.addEventListener('input', store);
    note.addEventListener('input', store);
    body.append(text, sources, urls, fields);
    li.append(box, body);
    return li;
  };

  const render = (): void => {
    if (!stack) return;
    const fragment = document.createDocumentFragment();
    for (const area of stack.areas) {
      const section = el('section', 'stack-area');
      const headingId = domId('area', area.id);
      section.setAttribute('aria-labelledby', headingId);
      const h2 = el('h2', undefined, area.title);
      h2.id = headingId;
      const progress = el('p', 'stack-area-progress');
      progress.dataset.areaProgress = area.id;
      section.append(h2, progress);
      for (const task of area.tasks) {
        const h3 = el('h3', 'stack-task', task.title);
        const list = el('ul', 'stack-duties');
        for (const duty of task.duties) list.append(dutyItem(duty, task.title));
        section.append(h3, list);
      }
      fragment.append(section);
    }
    c.list.replaceChildren(fragment);
    c.offerings.textContent = `Offerings: ${stack.offerings.map((o) => o.name).join(', ')}`;
    c.toolbar.hidden = stack.total === 0;
    updateProgress();
  };

  const describeDropped = (dropped: DroppedRow[]): string =>
    dropped
      .map((row) => {
        const what = [row.state.done ? 'ticked' : '', row.state.owner ? `owner ${row.state.owner}` : '', row.state.note ? 'a note' : '']
          .filter(Boolean)
          .join(', ');
        return `${names.get(row.offeringId) ?? row.offeringId} › ${row.anchor}${what ? ` (${what})` : ''}`;
      })
      .join('; ');

  const load = async (ids: string[], carry?: SavedRows): Promise<void> => {
    const mine = ++generation;
    chosen = ids;
    const query = formatStackQuery(ids);
    // Only when it changes: a same-document URL change restarts the browser's favicon fetch.
    if (window.location.search !== query) {
      window.history.replaceState(window.history.state, '', window.location.pathname + query + window.location.hash);
    }
    if (ids.length) write(LAST_STACK_KEY, ids.join(','));
    c.notice.hidden = true;
    if (ids.length === 0) {
      stack = undefined;
      c.list.replaceChildren();
      c.toolbar.hidden = true;
      c.status.textContent = 'Choose the offerings you use to list your duties.';
      return;
    }
    c.status.textContent = 'Loading…';
    let loaded: OfferingDataFile[];
    try {
      loaded = await Promise.all(
        ids.map(async (id) => {
          let file = files.get(id);
          if (!file) {
            file = readOfferingData(await fetchJson<OfferingDataJson>(`${dataUrl}${encodeURIComponent(id)}.json`));
            files.set(id, file);
          }
          return file;
        }),
      );
    } catch {
      if (mine === generation) c.status.textContent = 'Some offerings could not be loaded. Reload the page to try again.';
      return;
    }
    if (mine !== generation) return;
    stack = buildStack(loaded, index.areas);
    const stored = read(stackStorageKey(ids));
    // A new set of offerings starts from the ticks of the previous one where its duties carry over.
    const { saved: kept, dropped } = pruneSaved(stored === null && carry ? carry : parseSaved(stored), stack);
    saved = kept;
    beforeReset = undefined;
    c.undo.hidden = true;
    if (stored !== null && dropped.length) {
      save();
      c.notice.hidden = false;
      c.notice.textContent = `${dropped.length === 1 ? 'One saved duty is' : `${dropped.length} saved duties are`} no longer in the content (the row was removed or is no longer a duty); ${dropped.length === 1 ? 'its state was' : 'their state was'} dropped: ${describeDropped(dropped)}.`;
    } else if (stored === null && carry) {
      save();
    }
    render();
    const n = stack.total;
    c.status.textContent = `${n} ${n === 1 ? 'duty' : 'duties'} across ${ids.map((id) => names.get(id) ?? id).join(', ')}.${unknown.length ? ` Unknown offerings left out: ${unknown.join(', ')}.` : ''}`;
  };

  const picker = createOfferingPicker(pickerRoot, {
    options: index.offerings,
    max: Number(pickerRoot.dataset.pickerMax) || index.offerings.length,
    initial: chosen,
    // A new set of offerings starts from the current state where its duties carry over.
    onChange: (ids) => void load(ids, saved),
  });
  chosen = picker.value();

  for (const { format, label } of EXPORT_FORMATS) {
    const option = el('option', undefined, label);
    option.value = format;
    c.format.append(option);
  }
  const currentExport = (): { text: string; format: (typeof EXPORT_FORMATS)[number] } | undefined => {
    if (!stack) return undefined;
    const format = EXPORT_FORMATS.find((f) => f.format === (c.format.value as ExportFormat)) ?? EXPORT_FORMATS[0]!;
    return { text: stackExport(format.format, stack, saved, exportOptions()), format };
  };
  root.querySelector('[data-stack-copy]')?.addEventListener('click', () => {
    const out = currentExport();
    if (!out) return;
    navigator.clipboard
      .writeText(out.text)
      .then(() => (c.status.textContent = `Copied as ${out.format.label}.`))
      .catch(() => (c.status.textContent = 'The browser refused to copy; use Download instead.'));
  });
  root.querySelector('[data-stack-download]')?.addEventListener('click', () => {
    const out = currentExport();
    if (!out) return;
    const blob = new Blob([out.text], { type: `${out.format.type};charset=utf-8` });
    const href = URL.createObjectURL(blob);
    const a = el('a');
    a.href = href;
    a.download = `stack-${chosen.join('+')}.${out.format.extension}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    c.status.textContent = `Downloaded as ${out.format.label}.`;
  });
  root.querySelector('[data-stack-print]')?.addEventListener('click', () => window.print());
  root.querySelector('[data-stack-reset]')?.addEventListener('click', () => {
    if (!stack) return;
    beforeReset = saved;
    saved = {};
    save();
    render();
    c.undo.hidden = false;
    c.status.textContent = 'All ticks, owners and notes of this stack were cleared.';
  });
  c.undo.addEventListener('click', () => {
    if (!beforeReset) return;
    saved = beforeReset;
    beforeReset = undefined;
    save();
    render();
    c.undo.hidden = true;
    c.status.textContent = 'Ticks, owners and notes restored.';
  });

  await load(chosen);
}
