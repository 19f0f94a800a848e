/**
 * The page parse with its pipe tables (table-scan.ts), plain headings and paragraphs
 * (line-blocks.ts) read by lines instead of by micromark. Each run of such blocks is replaced,
 * for the parse only, by a one-line HTML comment, which remark reads as one block where the
 * run was; the comment's node is then swapped for the run's nodes, and positions are moved
 * back to the real text (lines outside runs are unchanged, so a line number shifts by the run
 * lines above it; offsets follow from line and column).
 * If any comment did not come out as a top-level block of its own (a table inside a fence, an
 * open HTML block, a list's lazy line ...), the page is parsed again as written, so the tree
 * is always the one remark-gfm would build.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { scanLineBlocks, type LineBlocks } from './line-blocks.js';
import { lineEnds, lineStarts, point, scanTables } from './table-scan.js';

interface Parser {
  parse(text: string): unknown;
}

/** Blocks a table may follow without a blank line: the header line was not a lazy line. */
const ENDED_BY_TABLE = new Set(['paragraph', 'heading', 'thematicBreak']);

/** One line per run: each line inside an HTML block costs micromark several microseconds. */
const PLACEHOLDER = '<!---->';

/** Where the runs stand in the text that is parsed, and how to get back to the real one. */
class LineMap {
  /** 1-based line of each placeholder in the parsed text, in order. */
  readonly lines: number[] = [];
  /** Lines removed by the placeholders up to and including each one. */
  private readonly removed: number[] = [];

  constructor(runs: LineBlocks[], private readonly starts: number[]) {
    let removed = 0;
    for (const t of runs) {
      this.lines.push(t.first + 1 - removed);
      removed += t.last - t.first;
      this.removed.push(removed);
    }
  }

  /** The real line of a line of the parsed text (never a placeholder's own line). */
  line(parsed: number): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.lines[mid] as number) < parsed) lo = mid + 1;
      else hi = mid;
    }
    return parsed + (lo > 0 ? (this.removed[lo - 1] as number) : 0);
  }

  /** Offsets from line and column in the real text, for `node` and everything inside it. */
  reposition(node: Nodes): void {
    const p = node.position;
    if (p) {
      for (const at of [p.start, p.end]) {
        at.line = this.line(at.line);
        at.offset = (this.starts[at.line - 1] as number) + at.column - 1;
      }
    }
    if ('children' in node) for (const child of node.children) this.reposition(child);
  }
}

export function parsePage(processor: Parser, text: string): Root {
  const starts = lineStarts(text);
  const runs = scanLineBlocks(text, starts, scanTables(text, starts));
  if (runs.length === 0) return processor.parse(text) as Root;
  const lineEnd = lineEnds(text, starts);
  const parts: string[] = [];
  let pos = 0;
  for (const run of runs) {
    parts.push(text.slice(pos, starts[run.first]), PLACEHOLDER);
    pos = lineEnd(run.last);
  }
  parts.push(text.slice(pos));
  // Nothing but runs and blank lines, and no table whose line above the parse must vouch for:
  // there is nothing left for micromark to read.
  if (runs.every((run) => !run.afterText) && parts.every((part, i) => i % 2 === 1 || BLANK.test(part))) {
    return { type: 'root', children: runs.flatMap((run) => run.nodes), position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(text, starts) } };
  }
  const tree = processor.parse(parts.join('')) as Root;
  const map = new LineMap(runs, starts);
  const byLine = new Map<number, LineBlocks>(runs.map((run, i) => [map.lines[i] as number, run]));
  const children: RootContent[] = [];
  let swapped = 0;
  tree.children.forEach((node, index) => {
    const run = node.type === 'html' ? matching(node, index, tree.children, byLine) : undefined;
    if (run) {
      children.push(...run.nodes);
      swapped++;
    } else {
      map.reposition(node);
      children.push(node);
    }
  });
  if (swapped !== runs.length) return processor.parse(text) as Root;
  tree.children = children;
  if (tree.position) tree.position.end = endOf(text, starts);
  return tree;
}

const BLANK = /^[ \t\n]*$/;

/** The end of `text` as a position (the root's end). */
function endOf(text: string, starts: number[]): { line: number; column: number; offset: number } {
  return point(starts, starts.length - 1, text.length);
}

/** The run whose placeholder `node` is, if it stands where the run stood, on its own. */
function matching(node: RootContent, index: number, siblings: RootContent[], byLine: Map<number, LineBlocks>): LineBlocks | undefined {
  const p = node.position;
  const run = p ? byLine.get(p.start.line) : undefined;
  if (!p || !run || node.type !== 'html') return undefined;
  if (p.start.column !== 1 || p.end.line !== p.start.line || node.value !== PLACEHOLDER) return undefined;
  if (run.afterText) {
    const before = siblings[index - 1];
    if (!before || !ENDED_BY_TABLE.has(before.type) || before.position?.end.line !== run.first) return undefined;
  }
  return run;
}
