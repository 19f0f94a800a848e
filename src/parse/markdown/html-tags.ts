/**
 * Raw HTML inside inline Markdown: tags of the safe subset pass on to the sanitiser,
 * `</br>` becomes `<br>`, any other tag is escaped so it shows as text (and is reported),
 * and links with unsafe URLs lose their href.
 */
import { isSafeUrl } from './urls.js';

const SAFE_TAGS = new Set([
  'a', 'br', 'p', 'ul', 'ol', 'li', 'code', 'em', 'strong', 'b', 'i', 'del', 's', 'sup', 'sub',
]);
const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>/g;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

export interface HtmlProblem {
  offset: number;
  rule: 'raw-html' | 'unsafe-url';
  message: string;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Filter one raw HTML fragment; problems carry offsets into `html`. */
export function filterHtml(html: string): { html: string; problems: HtmlProblem[] } {
  const problems: HtmlProblem[] = [];
  let out = '';
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    const index = m.index;
    out += escapeStray(html.slice(last, index));
    last = index + m[0].length;
    if (m[0].startsWith('<!--')) continue; // comments render nothing
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    if (name === 'br') { out += '<br>'; continue; }
    if (!SAFE_TAGS.has(name)) {
      problems.push({ offset: index, rule: 'raw-html', message: `HTML <${name}> is not allowed here; shown as text` });
      out += escapeText(m[0]);
      continue;
    }
    if (name === 'a' && !closing) {
      const href = HREF.exec(m[3] ?? '');
      const url = href ? (href[1] ?? href[2] ?? href[3] ?? '') : undefined;
      if (url !== undefined && !isSafeUrl(url)) {
        problems.push({ offset: index, rule: 'unsafe-url', message: `Unsafe link URL "${url.slice(0, 60)}" dropped` });
        out += '<a>';
        continue;
      }
    }
    out += m[0];
  }
  out += escapeStray(html.slice(last));
  return { html: out, problems };
}

/** Between recognised tags, any `<` is text (an unclosed tag must not swallow the rest). */
function escapeStray(s: string): string {
  return s.includes('<') ? s.replace(/</g, '&lt;') : s;
}
