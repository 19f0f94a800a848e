/**
 * Checks that run inside the page. They are strings because the root tsconfig has no DOM types
 * (Node code must not use them); each evaluates to a JSON-serialisable value.
 */

/** Elements wider than the viewport or sticking out of it, unless inside a horizontal scroller. */
export const clippedElements = `(() => {
  const width = document.documentElement.clientWidth;
  const scroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    // Tables are outlined through their scrolling wrapper (an outline on the table would be clipped).
    const framed = el.parentElement && el.parentElement.classList.contains('table-wrap') ? el.parentElement : el;
    const style = getComputedStyle(framed);
    if (style.display === 'none' || style.visibility === 'hidden' || style.position === 'absolute' && style.clipPath !== 'none') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !scroller(el)) {
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  if (document.documentElement.scrollWidth > width + 1) out.push('document scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width);
  return out.slice(0, 10);
})()`;

/** How an element looks when it is the :target: is it, is it highlighted, is it in the viewport below the header. */
export function targetState(id: string): string {
  return `(() => {
    const el = document.getElementById(${JSON.stringify(id)});
    if (!el) return null;
    // Tables are outlined through their scrolling wrapper (an outline on the table would be clipped).
    const framed = el.parentElement && el.parentElement.classList.contains('table-wrap') ? el.parentElement : el;
    const style = getComputedStyle(framed);
    const caption = el.querySelector('caption');
    const r = el.getBoundingClientRect();
    const header = document.querySelector('.site-header').getBoundingClientRect();
    return {
      target: el.matches(':target'),
      outline: style.outlineStyle + ' ' + style.outlineWidth,
      captionBackground: caption ? getComputedStyle(caption).backgroundColor : '',
      top: Math.round(r.top),
      headerBottom: Math.round(header.bottom),
      viewportHeight: window.innerHeight,
    };
  })()`;
}

export const tableCount = `document.querySelectorAll('table').length`;
