/**
 * The text of anchors.json. Builds write version 2: a table of source files referenced by
 * index, each fragment a short array, the ids of a section (`<id>` and `<id>--<rest>`) on one
 * line. Reading also accepts version 1 (indented, one object per fragment: what published
 * sites carry) and the hand-written plain form `"<url>": ["fragment", ...]`. docs/links.md.
 */
import { hash } from 'node:crypto';
import type { SourceRef } from '../model/types.js';
import {
  MANIFEST_VERSION,
  type AnchorManifest,
  type FragmentKind,
  type FragmentRecord,
  type PageKind,
  type PageRecord,
} from './anchors-baseline.js';
import { byCodeUnit as compare } from '../shared/order.js';

/** A fragment id as (group, rest): split at its first `--` when something follows it. */
function splitId(id: string): [string, string] {
  const at = id.indexOf('--');
  return at >= 0 && at + 2 < id.length ? [id.slice(0, at), id.slice(at + 2)] : [id, ''];
}

function joinId(group: string, rest: string): string {
  return rest === '' ? group : `${group}--${rest}`;
}

function sourceFiles(manifest: AnchorManifest): string[] {
  const files = new Set<string>();
  for (const page of Object.values(manifest.pages)) {
    if (page.source) files.add(page.source.file);
    for (const record of page.fragments.values()) if (record.source) files.add(record.source.file);
  }
  return [...files].sort(compare);
}

/**
 * `[kind, file?, line, column?, target?]`. The file index is left out when it is `current`
 * (the file of the fragment before on the line, or the page's), the column when it is 1.
 */
function fragmentJson(record: FragmentRecord, index: ReadonlyMap<string, number>, current: number | undefined): string {
  let out = JSON.stringify(record.kind);
  const source = record.source;
  if (source) {
    const file = index.get(source.file)!;
    const column = source.column ?? 1;
    if (file !== current || column !== 1) out += `,${file}`;
    out += `,${source.line}`;
    if (column !== 1) out += `,${column}`;
  }
  if (record.target !== undefined) out += `,${JSON.stringify(record.target)}`;
  return `[${out}]`;
}

function sourceJson(source: SourceRef, index: ReadonlyMap<string, number>): string {
  const column = source.column ?? 1;
  return `[${index.get(source.file)!},${source.line}${column !== 1 ? `,${column}` : ''}]`;
}

/** One line per group of fragment ids: `"<group>": [fragment]` or `"<group>": {"<rest>": [fragment], ...}`. */
function fragmentLines(page: PageRecord, index: ReadonlyMap<string, number>): string[] {
  const groups = new Map<string, [string, FragmentRecord][]>();
  for (const [id, record] of page.fragments) {
    const [group, rest] = splitId(id);
    let members = groups.get(group);
    if (!members) groups.set(group, (members = []));
    members.push([rest, record]);
  }
  const pageFile = page.source ? index.get(page.source.file) : undefined;
  return [...groups.keys()].sort(compare).map((group) => {
    const members = groups.get(group)!.sort(([a], [b]) => compare(a, b));
    let current = pageFile;
    const values = members.map(([rest, record]) => {
      const json = fragmentJson(record, index, current);
      if (record.source) current = index.get(record.source.file);
      return [rest, json] as const;
    });
    const [only] = values;
    const body = values.length === 1 && only![0] === '' ? only![1] : `{${values.map(([rest, json]) => `${JSON.stringify(rest)}:${json}`).join(',')}}`;
    return `${JSON.stringify(group)}:${body}`;
  });
}

/** Version 2: one line per source file, per page head and per group of fragment ids. */
export function serialiseManifest(manifest: AnchorManifest): string {
  return [...manifestPieces(manifest)].join('');
}

/**
 * The text of serialiseManifest in pieces, page by page: a build writes each as it is made
 * (TextPieces) instead of holding the whole text, and then its bytes, at once.
 */
export function* manifestPieces(manifest: AnchorManifest): Generator<string> {
  const files = sourceFiles(manifest);
  const index = new Map(files.map((file, i) => [file, i]));
  const fileList = files.length > 0 ? `\n${files.map((file) => JSON.stringify(file)).join(',\n')}\n` : '';
  yield `{"version":${MANIFEST_VERSION},\n"files":[${fileList}],\n"pages":{`;
  let first = true;
  for (const [url, page] of Object.entries(manifest.pages)) {
    let head = `${first ? '\n' : ',\n'}${JSON.stringify(url)}:{"kind":${JSON.stringify(page.kind)},"title":${JSON.stringify(page.title)}`;
    first = false;
    if (page.source) head += `,"source":${sourceJson(page.source, index)}`;
    if (page.target !== undefined) head += `,"target":${JSON.stringify(page.target)}`;
    const lines = fragmentLines(page, index);
    yield lines.length > 0 ? `${head},"fragments":{\n${lines.join(',\n')}}}` : `${head}}`;
  }
  yield `${first ? '' : '\n'}}}\n`;
}

/** The top-level fields of a manifest's text (not JSON: thrown as an Error naming `file`). */
function topLevel(text: string, file: string): { pages?: unknown; version?: unknown; files?: unknown } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  return isObject(data) ? data : {};
}

/** Read a baseline file's text; a malformed one is a usage problem (thrown as an Error). */
export function parseManifest(text: string, file: string): AnchorManifest {
  const { pages, version, files } = topLevel(text, file);
  if (!isObject(pages)) throw new Error(`${file}: not an anchors.json manifest (no "pages" object)`);
  const result: AnchorManifest = { version: MANIFEST_VERSION, pages: {} };
  if (version === 2) {
    if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) {
      throw new Error(`${file}: not an anchors.json manifest (version 2 without a "files" list)`);
    }
    for (const [url, value] of Object.entries(pages)) {
      result.pages[url] = Array.isArray(value) ? plainPage(value) : readPageV2(value, files as string[], `${file}: page "${url}"`);
    }
  } else if (version === undefined || version === 1) {
    for (const [url, value] of Object.entries(pages)) result.pages[url] = Array.isArray(value) ? plainPage(value) : readPageV1(value);
  } else {
    throw new Error(`${file}: anchors.json version ${JSON.stringify(version)} is not supported (1 or 2)`);
  }
  return result;
}

/**
 * The previous anchors.json of a rebuild, like `parseManifest` (and throwing as it does for
 * text that is not a manifest), but reading each page's record only when it is read: most pages
 * are kept from the previous output, and their records are asked for only by a check that
 * involves them, or when the manifest is written anew.
 */
export function readPreviousAnchors(text: string, file: string): AnchorManifest {
  const { pages, version, files } = topLevel(text, file);
  if (version !== 2 || !isObject(pages) || !Array.isArray(files) || !files.every((f) => typeof f === 'string')) return parseManifest(text, file);
  const result: AnchorManifest = { version: MANIFEST_VERSION, pages: {} };
  for (const [url, value] of Object.entries(pages)) {
    if (Array.isArray(value)) {
      result.pages[url] = plainPage(value);
      continue;
    }
    let record: PageRecord | undefined;
    Object.defineProperty(result.pages, url, {
      enumerable: true,
      get: () => (record ??= readPageV2(value, files as string[], `${file}: page "${url}"`)),
    });
  }
  return result;
}

/**
 * A digest of what a page record's text is made of, the fragments in the record's order (by
 * id): records with the same digest serialise alike, whatever the manifest they are in.
 */
export function recordDigest(record: PageRecord): string {
  const at = (source: SourceRef | undefined) => (source ? [source.file, source.line, source.column ?? 1] : 0);
  const fragments = [...record.fragments].map(([id, fragment]) => [id, fragment.kind, at(fragment.source), fragment.target ?? 0]);
  const json = JSON.stringify([record.kind, record.title, at(record.source), record.target ?? 0, fragments]);
  return hash('sha1', json, 'base64url');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fragment ids in code-unit order, as the build keeps them. */
function sortedFragments(entries: [string, FragmentRecord][]): Map<string, FragmentRecord> {
  return new Map(entries.sort(([a], [b]) => compare(a, b)));
}

/** The plain form `"<url>": ["fragment", ...]` of hand-written baselines. */
function plainPage(ids: unknown[]): PageRecord {
  const fragments = ids.filter((id): id is string => typeof id === 'string').map((id): [string, FragmentRecord] => [id, { kind: 'area' }]);
  return { kind: 'page', title: '', fragments: sortedFragments(fragments) };
}

/** Version 1: `"fragments": {"<id>": {"kind": ..., "source": {"file", "line", "column"}, "target"?}}`. */
function readPageV1(value: unknown): PageRecord {
  const v = (value ?? {}) as Partial<Omit<PageRecord, 'fragments'>> & { fragments?: Record<string, unknown> };
  const fragments = Object.entries(v.fragments ?? {}).map(
    ([id, record]): [string, FragmentRecord] => [id, { kind: 'area', ...(record as Partial<FragmentRecord>) } as FragmentRecord],
  );
  return {
    kind: v.kind ?? 'page',
    title: v.title ?? '',
    ...(v.source ? { source: v.source } : {}),
    ...(typeof v.target === 'string' ? { target: v.target } : {}),
    fragments: sortedFragments(fragments),
  };
}

/** `[file, line, column?]` of a page; `[kind, file?, line, column?, target?]` of a fragment. */
function readSource(numbers: unknown[], files: readonly string[], current: number | undefined, where: string): { source: SourceRef; file: number } {
  const [file, line, column] = numbers.length === 1 ? [current, numbers[0], 1] : [numbers[0], numbers[1], numbers[2] ?? 1];
  const valid = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (!valid(file) || files[file] === undefined || !valid(line) || !valid(column) || numbers.length > 3) {
    throw new Error(`${where}: not a source position (${JSON.stringify(numbers)})`);
  }
  return { source: { file: files[file]!, line, column }, file };
}

function readPageV2(value: unknown, files: readonly string[], where: string): PageRecord {
  if (!isObject(value)) throw new Error(`${where}: not a page record`);
  const { kind, title, source, target, fragments } = value;
  const page: PageRecord = { kind: (kind ?? 'page') as PageKind, title: typeof title === 'string' ? title : '', fragments: new Map() };
  let pageFile: number | undefined;
  if (Array.isArray(source)) ({ source: page.source, file: pageFile } = readSource(source, files, undefined, where));
  if (typeof target === 'string') page.target = target;
  const entries: [string, FragmentRecord][] = [];
  for (const [group, body] of Object.entries(isObject(fragments) ? fragments : {})) {
    const members: [string, unknown][] = Array.isArray(body) ? [['', body]] : Object.entries(isObject(body) ? body : {});
    let current = pageFile;
    for (const [rest, array] of members) {
      const id = joinId(group, rest);
      if (!Array.isArray(array) || typeof array[0] !== 'string') throw new Error(`${where}: fragment "${id}" is not [kind, ...]`);
      const record: FragmentRecord = { kind: array[0] as FragmentKind };
      const last = array.length > 1 ? array[array.length - 1] : undefined;
      if (typeof last === 'string') record.target = last;
      const numbers = array.slice(1, typeof last === 'string' ? -1 : undefined);
      if (numbers.length > 0) {
        const read = readSource(numbers, files, current, `${where}, fragment "${id}"`);
        record.source = read.source;
        current = read.file;
      }
      entries.push([id, record]);
    }
  }
  page.fragments = sortedFragments(entries);
  return page;
}
