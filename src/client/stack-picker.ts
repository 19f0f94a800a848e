/**
 * The stack page's offering chooser: one checkbox per offering in a fieldset. Plain and
 * accessible; `mount` returns a handle to set the choice from outside.
 */
import type { OfferingIndexEntry } from '../stack/data.js';

export interface OfferingChooser {
  set(ids: readonly string[]): void;
}

export function mountChooser(
  container: HTMLElement,
  offerings: readonly OfferingIndexEntry[],
  chosen: readonly string[],
  onChange: (ids: string[]) => void,
): OfferingChooser {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'stack-chooser';
  const legend = document.createElement('legend');
  legend.className = 'visually-hidden';
  legend.textContent = 'Offerings in the stack';
  fieldset.append(legend);
  const boxes: HTMLInputElement[] = [];
  for (const offering of offerings) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = offering.id;
    box.checked = chosen.includes(offering.id);
    label.append(box, ` ${offering.name}`);
    fieldset.append(label);
    boxes.push(box);
  }
  fieldset.addEventListener('change', () => {
    const picked = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    // Keep the reader's order: earlier choices first, new ones at the end.
    current = [
      ...current.filter((id) => picked.has(id)),
      ...offerings.map((o) => o.id).filter((id) => picked.has(id) && !current.includes(id)),
    ];
    onChange([...current]);
  });
  let current = [...chosen];
  container.replaceChildren(fieldset);
  return {
    set(ids) {
      current = [...ids];
      for (const box of boxes) box.checked = ids.includes(box.value);
    },
  };
}
