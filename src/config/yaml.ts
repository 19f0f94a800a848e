/**
 * YAML with positions. js-yaml's event parser gives every node a source offset; we walk the
 * events once to record, per JSON pointer (the path format ajv reports), where the node's value
 * and key start, then construct the value from the same events (no second parse).
 * Problems are reported on the vfile as `yaml-syntax` errors.
 */
import { EVENT_ID, SCALAR_STYLE, YAMLException, constructFromEvents, getScalarValue, parseEvents } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from '../diagnostics.js';

export interface Position {
  line: number;
  column: number;
}

interface NodeInfo {
  value: Position;
  key?: Position;
  /** Decoded text of a scalar as written (so `1.0` stays `1.0`, not the number 1). */
  raw?: string;
  /** Source range of a scalar that spans lines (block, or plain continued on the next lines). */
  span?: { start: number; end: number; block: boolean; indent: number };
}

/** A multi-line scalar as written: its lines without their indentation, and where it starts. */
export interface ScalarLines {
  text: string;
  place: Position;
  /** Characters of indentation removed from each line (index 0 is the first line). */
  indents: number[];
}

/** Where each node of a YAML document sits, by JSON pointer (`/areas/0/title`). */
export class PositionMap {
  readonly #nodes = new Map<string, NodeInfo>();
  #source = '';
  #locate: (offset: number) => Position = () => ({ line: 1, column: 1 });

  /** The text the offsets refer to (set by parseYaml). */
  attach(source: string, locate: (offset: number) => Position): void {
    this.#source = source;
    this.#locate = locate;
  }

  set(pointer: string, info: NodeInfo): void {
    this.#nodes.set(pointer, info);
  }

  /** The value's position, or its nearest recorded ancestor's (never fails). */
  get(pointer: string): Position {
    for (let p = pointer; ; p = parentPointer(p)) {
      const info = this.#nodes.get(p);
      if (info) return info.value;
      if (p === '') return { line: 1, column: 1 };
    }
  }

  /** Where the key of a mapping entry is written, falling back to the value or an ancestor. */
  key(pointer: string): Position {
    return this.#nodes.get(pointer)?.key ?? this.get(pointer);
  }

  /** Exact lookup: undefined when the node does not exist. */
  has(pointer: string): boolean {
    return this.#nodes.has(pointer);
  }

  raw(pointer: string): string | undefined {
    return this.#nodes.get(pointer)?.raw;
  }

  /**
   * A block scalar (`|`, `>`) or a plain scalar continued over several lines, as written:
   * so Markdown in it can be parsed with exact line and column for every message. Lines keep
   * their breaks (a blank line separates paragraphs). Undefined for one-line and quoted scalars.
   */
  lines(pointer: string): ScalarLines | undefined {
    const span = this.#nodes.get(pointer)?.span;
    if (!span) return undefined;
    const lines = this.#source.slice(span.start, span.end).replace(/\r/g, '').split('\n');
    const indents = lines.map((line, i) => {
      const leading = /^[ \t]*/.exec(line)?.[0].length ?? 0;
      return span.block ? Math.min(leading, span.indent) : i === 0 ? 0 : leading;
    });
    const text = lines
      .map((line, i) => line.slice(indents[i]))
      .join('\n')
      .replace(/\s+$/, '');
    const start = this.#locate(span.start);
    return { text, place: { line: start.line, column: start.column + (indents[0] ?? 0) }, indents };
  }
}

export interface YamlDocument {
  /** undefined for an empty document or one that did not parse. */
  data: unknown;
  positions: PositionMap;
  /** False when the text is not valid YAML (a `yaml-syntax` error was reported). */
  ok: boolean;
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

/** Parse one YAML document, reporting syntax errors on `file`. Never throws. */
export function parseYaml(text: string, file: VFile): YamlDocument {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const locate = lineLocator(source);
  const positions = new PositionMap();
  positions.attach(source, locate);
  let events: Event[];
  try {
    events = parseEvents(source, {});
    recordPositions(events, source, locate, positions, file);
    const documents = constructFromEvents(firstDocument(events), { source });
    return { data: documents[0] ?? undefined, positions, ok: true };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const place = error.mark ? { line: error.mark.line + 1, column: error.mark.column + 1 } : { line: 1, column: 1 };
    report(file, 'yaml-syntax', `Invalid YAML: ${error.reason}`, place, 'error');
    return { data: undefined, positions, ok: false };
  }
}

/** Offset -> 1-based line and column (past the end: the end). */
export function lineLocator(source: string): (offset: number) => Position {
  const place = location(source);
  const end = place.toPoint(source.length) ?? { line: 1, column: 1 };
  return (offset) => {
    const point = place.toPoint(offset) ?? end;
    return { line: point.line, column: point.column };
  };
}

function firstDocument(events: Event[]): Event[] {
  let documents = 0;
  for (let i = 0; i < events.length; i++) {
    if (events[i]?.type === EVENT_ID.DOCUMENT && ++documents === 2) return events.slice(0, i);
  }
  return events;
}

interface Frame {
  kind: 'seq' | 'map' | 'skip';
  pointer: string;
  index: number;
  /** In a mapping: the key just read, waiting for its value. */
  pendingKey?: { name: string; position: Position };
}

function recordPositions(
  events: Event[],
  source: string,
  locate: (offset: number) => Position,
  positions: PositionMap,
  file: VFile,
): void {
  const stack: Frame[] = [];
  let documents = 0;
  let lastOffset = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      documents += 1;
      if (documents === 2) {
        const marker = /^(---|\.\.\.)(\s|$)/m.exec(source.slice(lastOffset));
        const place = locate(marker ? lastOffset + marker.index : lastOffset);
        report(file, 'yaml-syntax', 'Only one YAML document is allowed per file', place, 'error');
        return;
      }
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const offset = nodeOffset(event, lastOffset);
    lastOffset = Math.max(lastOffset, offset);
    const position = locate(offset);
    const parent = stack[stack.length - 1];
    const isCollection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    // A key position in a mapping: remember the key, the value comes next.
    if (parent?.kind === 'map' && !parent.pendingKey) {
      const name = event.type === EVENT_ID.SCALAR ? getScalarValue(source, event) : '';
      parent.pendingKey = { name, position };
      if (isCollection) stack.push({ kind: 'skip', pointer: '', index: 0 });
      continue;
    }
    let pointer = '';
    let key: Position | undefined;
    if (parent?.kind === 'skip') {
      if (isCollection) stack.push({ kind: 'skip', pointer: '', index: 0 });
      continue;
    } else if (parent?.kind === 'seq') {
      pointer = `${parent.pointer}/${parent.index++}`;
    } else if (parent?.kind === 'map' && parent.pendingKey) {
      pointer = `${parent.pointer}/${escapePointer(parent.pendingKey.name)}`;
      key = parent.pendingKey.position;
      parent.pendingKey = undefined;
    }
    const emptyScalar = event.type === EVENT_ID.SCALAR && event.valueStart < 0;
    const info: NodeInfo = { value: emptyScalar && key ? key : position, key };
    if (event.type === EVENT_ID.SCALAR) {
      info.raw = getScalarValue(source, event);
      const span = multiLineSpan(event, source);
      if (span) info.span = span;
    }
    positions.set(pointer, info);
    if (event.type === EVENT_ID.MAPPING) stack.push({ kind: 'map', pointer, index: 0 });
    if (event.type === EVENT_ID.SEQUENCE) stack.push({ kind: 'seq', pointer, index: 0 });
  }
}

/** The source range of a block scalar, or of a plain one that continues on the next lines. */
function multiLineSpan(event: ScalarEvent, source: string): NodeInfo['span'] {
  if (event.valueStart < 0) return undefined;
  const block = event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK;
  const multiLine = source.slice(event.valueStart, event.valueEnd).includes('\n');
  if (block && event.indent > 0) return { start: event.valueStart, end: event.valueEnd, block, indent: event.indent };
  if (event.style === SCALAR_STYLE.PLAIN && multiLine) return { start: event.valueStart, end: event.valueEnd, block, indent: 0 };
  return undefined;
}

/**
 * Where a node's text starts: a block scalar's first content line, after its indentation.
 * An empty value has no text; it is placed where the parser last was (its key or `-`).
 */
function nodeOffset(event: Event, lastOffset: number): number {
  switch (event.type) {
    case EVENT_ID.SCALAR: {
      if (event.valueStart < 0) return Math.max(lastOffset, event.anchorStart, event.tagStart);
      const block = event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK;
      return block && event.indent > 0 ? event.valueStart + event.indent : event.valueStart;
    }
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.start;
    case EVENT_ID.ALIAS:
      return Math.max(0, event.anchorStart - 1);
    default:
      return lastOffset;
  }
}
