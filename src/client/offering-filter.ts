/**
 * The home page's offering finder on large sites: type part of a name, get links to the matching
 * offerings. The list of all offerings (data/offerings.json, shared with the offering picker)
 * loads on first use, so the page itself stays the same size however many offerings there are.
 */
import { filterOptions, loadOfferingIndex } from './offering-picker.js';
import { offeringPageUrl } from '../shared/site-paths.js';

const SHOWN = 20;

export function initOfferingFilter(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-offering-filter]');
  const input = form?.querySelector<HTMLInputElement>('[data-filter-input]');
  const results = form?.querySelector<HTMLUListElement>('[data-filter-results]');
  const status = form?.querySelector<HTMLElement>('[data-filter-status]');
  const indexUrl = form?.dataset.filterIndex;
  if (!form || !input || !results || !status || !indexUrl) return;
  const base = form.dataset.filterBase ?? '/';
  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());

  const show = async (): Promise<void> => {
    const query = input.value;
    if (!query.trim()) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    const index = await loadOfferingIndex(indexUrl);
    if (input.value !== query) return; // a newer keystroke is on its way
    const matches = filterOptions(index.offerings, query, new Set(), Number.MAX_SAFE_INTEGER);
    results.replaceChildren(
      ...matches.slice(0, SHOWN).map((option) => {
        const a = document.createElement('a');
        a.href = base + offeringPageUrl(encodeURIComponent(option.id));
        a.textContent = option.name;
        const li = document.createElement('li');
        li.append(a);
        return li;
      }),
    );
    status.textContent =
      matches.length === 0
        ? 'No offering matches.'
        : matches.length > SHOWN
          ? `${matches.length} offerings match; the first ${SHOWN} are shown. Type more to narrow them down.`
          : `${matches.length} ${matches.length === 1 ? 'offering matches' : 'offerings match'}.`;
  };
  input.addEventListener('input', () => {
    show().catch(() => {
      status.textContent = 'The offering list could not be loaded.';
    });
  });
}
