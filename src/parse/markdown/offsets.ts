/**
 * Text rewriting that remembers where each output character came from, so messages about
 * rewritten text (keyrefs replaced, attribute lists removed) still point at the source.
 */

interface Edit {
  outStart: number;
  outEnd: number;
  srcStart: number;
  srcEnd: number;
}

export class Rewriter {
  private readonly parts: string[] = [];
  private readonly edits: Edit[] = [];
  private srcPos = 0;
  private outPos = 0;

  constructor(private readonly source: string) {}

  /** Replace source[start, end) by `replacement`; calls must come in source order. */
  replace(start: number, end: number, replacement: string): void {
    this.copyTo(start);
    this.parts.push(replacement);
    this.edits.push({ outStart: this.outPos, outEnd: this.outPos + replacement.length, srcStart: start, srcEnd: end });
    this.outPos += replacement.length;
    this.srcPos = end;
  }

  /** Current output length (after copying up to `srcOffset`). */
  outOffsetAt(srcOffset: number): number {
    this.copyTo(srcOffset);
    return this.outPos;
  }

  finish(): { text: string; toSource: (outOffset: number) => number } {
    this.copyTo(this.source.length);
    const edits = this.edits;
    const text = this.parts.join('');
    const toSource = (o: number): number => {
      let delta = 0;
      for (const e of edits) {
        if (o < e.outStart) break;
        if (o < e.outEnd) return e.srcStart;
        delta = e.srcEnd - e.outEnd;
      }
      return o + delta;
    };
    return { text, toSource };
  }

  private copyTo(srcOffset: number): void {
    if (srcOffset > this.srcPos) {
      this.parts.push(this.source.slice(this.srcPos, srcOffset));
      this.outPos += srcOffset - this.srcPos;
      this.srcPos = srcOffset;
    }
  }
}

/** Line and column of `offset` in `text`, where `text` starts at `place`. */
export function locate(
  text: string,
  offset: number,
  place: { line: number; column: number },
): { line: number; column: number } {
  let line = place.line;
  let lineStart = 0;
  const stop = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < stop; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return line === place.line
    ? { line, column: place.column + stop }
    : { line, column: stop - lineStart + 1 };
}

/** `locate` for increasing offsets in one text, in linear time overall. */
export function locator(text: string): (offset: number) => { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  return (offset: number) => {
    if (offset < pos) { line = 1; lineStart = 0; pos = 0; }
    for (let i = text.indexOf('\n', pos); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    pos = offset;
    return { line, column: offset - lineStart + 1 };
  };
}
