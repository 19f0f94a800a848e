/**
 * The outline beside long pages (offering and comparison pages): the link of the section being
 * read is marked (aria-current) while the reader scrolls. An IntersectionObserver watches the
 * sections, so there is no scroll handler and no layout read. On narrow screens the outline is
 * a collapsed bar that names the current section (the markup starts it closed; wide screens show
 * it open whatever its state, context.css); following one of its links closes it again. The list
 * may change after load (a comparison built in the browser): the outline follows it.
 */
/** Below this the outline is a collapsed bar (context.css); compare.ts opens it while nothing is chosen. */
export const NARROW_OUTLINE = '(max-width: 63.99rem)';

export function initOutline(): void {
  const outline = document.querySelector<HTMLElement>('[data-outline]');
  const details = outline?.querySelector('details');
  if (!outline || !details) return;
  const current = outline.querySelector<HTMLElement>('[data-outline-current]');
  const narrow = window.matchMedia(NARROW_OUTLINE);
  // Wide screens show the outline open whatever its state; say so to assistive technology too.
  const matchWidth = (): void => {
    if (!narrow.matches) details.open = true;
  };
  matchWidth();
  narrow.addEventListener('change', () => (narrow.matches ? (details.open = false) : matchWidth()));
  outline.addEventListener('click', (event) => {
    if (narrow.matches && (event.target as Element).closest('a[href^="#"]')) details.open = false;
  });

  if (typeof IntersectionObserver === 'undefined') return;
  let observer: IntersectionObserver | undefined;
  const watch = (): void => {
    observer?.disconnect();
    const entries = [...outline.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')].flatMap((link) => {
      const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      const section = heading?.closest('section') ?? heading;
      return section ? [{ link, section }] : [];
    });
    if (current) current.textContent = '';
    if (entries.length === 0) return;

    const mark = (index: number): void => {
      entries.forEach(({ link }, i) => {
        if (i === index) link.setAttribute('aria-current', 'location');
        else link.removeAttribute('aria-current');
      });
      if (current) current.textContent = entries[index]?.link.textContent ?? '';
    };
    const seen = new Set<Element>();
    // A band across the upper part of the viewport: the last section in it is the one being read
    // (a heading just scrolled or linked to sits in the band below the end of the section before it).
    observer = new IntersectionObserver(
      (changes) => {
        for (const change of changes) {
          if (change.isIntersecting) seen.add(change.target);
          else seen.delete(change.target);
        }
        const index = entries.findLastIndex(({ section }) => seen.has(section));
        if (index !== -1) mark(index);
      },
      { rootMargin: '-15% 0px -55% 0px' },
    );
    for (const { section } of entries) observer.observe(section);
  };
  watch();
  // A comparison built in the browser (src/client/compare-view.ts) rewrites the list of areas.
  const list = outline.querySelector('.toc ol');
  if (list) new MutationObserver(watch).observe(list, { childList: true });
}
