/**
 * Text rewriting that remembers where each output character came from, so messages about
 * rewritten text (keyrefs replaced, attribute lists removed) still point at the source.
 */
import { location, type Location } from 'vfile-location';

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

/**
 * Line and column of offsets in `text`, where `text` starts at `place` (offsets out of range
 * are clamped). vfile-location does the counting; its index is built on the first call only,
 * since most texts report nothing.
 */
export function locator(
  text: string,
  place: { line: number; column: number } = { line: 1, column: 1 },
): (offset: number) => { line: number; column: number } {
  let index: Location | undefined;
  return (offset) => {
    index ??= location(text);
    const point = index.toPoint(Math.min(Math.max(offset, 0), text.length)) ?? { line: 1, column: 1 };
    return point.line === 1
      ? { line: place.line, column: place.column + point.column - 1 }
      : { line: place.line + point.line - 1, column: point.column };
  };
}
