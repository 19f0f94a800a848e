/**
 * Checklist pages: ticks are kept in localStorage, one key per offering and row anchor, so they
 * survive reloads and stay attached to the task when rows are reordered. Adds Print and Clear,
 * a CSV download with the ticks and the date, and the printout's address, date and progress.
 */
import { checklistCsvText, type ChecklistCsvItem } from '../render/checklist-csv.js';
import { plainTextOfElement } from '../shared/plain-text.js';

export function storageKey(offering: string, anchor: string): string {
  return `respmatrix:checklist:${offering}:${anchor}`;
}

/** localStorage can be missing or throw (private modes, blocked storage): ticks then just don't persist. */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // quota or access errors: the checklist still works for this visit
  }
}

export function initChecklist(): void {
  const root = document.querySelector<HTMLElement>('[data-checklist]');
  const offering = root?.dataset.checklist;
  if (!root || !offering) return;
  const store = storage();
  const boxes = [...root.querySelectorAll<HTMLInputElement>('.checklist-item > input[type="checkbox"]')];
  // An item's storage key is its row anchor, the list item's id.
  const anchor = (box: HTMLInputElement): string => box.closest('.checklist-item')?.id ?? box.id;
  const status = root.querySelector<HTMLElement>('[data-checklist-status]');

  const origin = root.querySelector<HTMLElement>('[data-print-origin]');
  const today = isoDate(new Date());
  const pageUrl = window.location.href.replace(/[?#].*$/, '');
  const announce = (): void => {
    const progress = `${boxes.filter((b) => b.checked).length} of ${boxes.length} done.`;
    if (status) status.textContent = progress;
    // What the printout says about itself: where it comes from, when, and how far along it is.
    if (origin) origin.textContent = `This checklist: ${pageUrl}, printed ${today}. ${progress}`;
  };

  for (const box of boxes) {
    const key = storageKey(offering, anchor(box));
    safely(() => {
      box.checked = store?.getItem(key) === '1';
    });
    box.addEventListener('change', () => {
      safely(() => (box.checked ? store?.setItem(key, '1') : store?.removeItem(key)));
      announce();
    });
  }

  const print = root.querySelector<HTMLButtonElement>('[data-checklist-print]');
  if (print && typeof window.print === 'function') {
    print.hidden = false;
    print.addEventListener('click', () => window.print());
  }
  const setTick = (box: HTMLInputElement, on: boolean): void => {
    box.checked = on;
    const key = storageKey(offering, anchor(box));
    safely(() => (on ? store?.setItem(key, '1') : store?.removeItem(key)));
  };
  const clear = root.querySelector<HTMLButtonElement>('[data-checklist-clear]');
  const undo = root.querySelector<HTMLButtonElement>('[data-checklist-undo]');
  let cleared: HTMLInputElement[] = [];
  if (clear) {
    clear.hidden = false;
    clear.addEventListener('click', () => {
      cleared = boxes.filter((box) => box.checked);
      for (const box of cleared) setTick(box, false);
      announce();
      // "Clear all" can be taken back until the next tick changes.
      if (undo && cleared.length > 0) {
        undo.hidden = false;
        undo.textContent = `Undo: restore ${cleared.length} ${cleared.length === 1 ? 'tick' : 'ticks'}`;
      }
    });
  }
  if (undo) {
    undo.addEventListener('click', () => {
      for (const box of cleared) setTick(box, true);
      cleared = [];
      undo.hidden = true;
      announce();
      clear?.focus();
    });
    for (const box of boxes) box.addEventListener('change', () => (undo.hidden = true));
  }
  // Progress shows from the start, not only after the first tick.
  announce();

  const csv = root.querySelector<HTMLButtonElement>('[data-checklist-csv]');
  if (csv) csv.hidden = false;
  csv?.addEventListener('click', () => {
    const text = checklistCsvText(csvItems(root, boxes), {
      dutyHeader: root.dataset.csvDuty ?? 'your duty',
      pageUrl,
      ...(root.dataset.sourceUpdated ? { sourceUpdated: root.dataset.sourceUpdated } : {}),
      exported: isoDate(new Date()),
    });
    const href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = href;
    a.download = `${offering}-checklist.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  });
}

/** The reader's local date, YYYY-MM-DD. */
function isoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The page's items as CSV lines, each with its tick: the published file's columns plus "done".
 * Read from what the page shows (the task's own words, the duty's plain text by the build's rule),
 * so the HTML carries no second copy of them.
 */
function csvItems(root: HTMLElement, boxes: HTMLInputElement[]): ChecklistCsvItem[] {
  return boxes.map((box) => {
    const item = box.closest<HTMLElement>('.checklist-item');
    const link = item?.querySelector<HTMLAnchorElement>('a.checklist-source');
    const label = item?.dataset.label;
    // The label is the task, then the source's own wording in a span of its own.
    const task = [...(item?.querySelector('.checklist-task')?.childNodes ?? [])]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.nodeValue ?? '')
      .join('');
    const duty = item?.querySelector('.checklist-duty');
    return {
      area: box.closest<HTMLElement>('[data-area-title]')?.dataset.areaTitle ?? '',
      task,
      ...(label ? { label } : {}),
      duty: duty ? plainTextOfElement(duty) : '',
      url: link?.href ?? '',
      done: box.checked,
    };
  });
}
