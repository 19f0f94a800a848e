/**
 * Word-level difference of two cell texts, for the change report: jsdiff's Myers diff over
 * word and whitespace tokens, regrouped so that a run of changed words reads as one removal and
 * one addition. Very long texts fall back to one removal plus one addition.
 */
import { diffArrays } from 'diff';

export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Above this many token pairs, skip the diff (the report stays correct, only coarser). */
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
    for (const part of tokenParts(midA, midB)) push(parts, part.kind, part.text);
  }
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
}

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function tokenParts(a: string[], b: string[]): WordPart[] {
  const parts: WordPart[] = [];
  for (const change of diffArrays(a, b)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const token of change.value) parts.push({ kind, text: token });
  }
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
