/**
 * Word-level difference of two cell texts, for the change report. A plain LCS over word and
 * whitespace tokens: cell texts are short (tens of words), so the quadratic table is cheap and
 * a dependency is not worth it. Very long texts fall back to one removal plus one addition.
 */

export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Above this many table cells, skip the LCS (the report stays correct, only coarser). */
const MAX_CELLS = 250_000;

export function wordDiff(before: string, after: string): WordPart[] {
  const a = tokens(before);
  const b = tokens(after);
  // Common prefix and suffix first: most edits touch a few words in the middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: WordPart[] = [];
  push(parts, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push(parts, 'removed', midA.join(''));
    push(parts, 'added', midB.join(''));
  } else {
    for (const part of lcsParts(midA, midB)) push(parts, part.kind, part.text);
  }
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
}

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function lcsParts(a: string[], b: string[]): WordPart[] {
  const n = a.length;
  const m = b.length;
  // lengths[i * (m + 1) + j] = LCS length of a[i..] and b[j..]
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j] ?? 0, lengths[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const parts: WordPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i++] as string });
      j++;
    } else if ((lengths[(i + 1) * (m + 1) + j] ?? 0) >= (lengths[i * (m + 1) + j + 1] ?? 0)) {
      parts.push({ kind: 'removed', text: a[i++] as string });
    } else {
      parts.push({ kind: 'added', text: b[j++] as string });
    }
  }
  while (i < n) parts.push({ kind: 'removed', text: a[i++] as string });
  while (j < m) parts.push({ kind: 'added', text: b[j++] as string });
  return tidy(parts);
}

/**
 * A lone whitespace token kept between two changes reads badly ("[-a-] {+b+}" twice); fold it
 * into both sides so a run of changed words shows as one removal and one addition.
 */
function tidy(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] as WordPart;
    const prev = parts[k - 1];
    const next = parts[k + 1];
    if (part.kind === 'same' && /^\s+$/.test(part.text) && prev && next && prev.kind !== 'same' && next.kind !== 'same') {
      out.push({ kind: 'removed', text: part.text }, { kind: 'added', text: part.text });
    } else {
      out.push(part);
    }
  }
  // Group removals before additions within each changed run.
  const grouped: WordPart[] = [];
  let run: WordPart[] = [];
  const flush = (): void => {
    for (const kind of ['removed', 'added'] as const) {
      const text = run.filter((p) => p.kind === kind).map((p) => p.text).join('');
      push(grouped, kind, text);
    }
    run = [];
  };
  for (const part of out) {
    if (part.kind === 'same') {
      flush();
      push(grouped, 'same', part.text);
    } else {
      run.push(part);
    }
  }
  flush();
  return grouped;
}

function push(parts: WordPart[], kind: WordPart['kind'], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}
