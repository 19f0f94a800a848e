/**
 * Rebuilds that write only what changed. After each build the cache records, for the output
 * folder, every file's size and modification time and, for pages, a key: a hash of everything
 * the page's HTML is made from (its page data, the site-wide render inputs, the templates and the
 * code). The next build of the same folder does not render a page whose key is unchanged and
 * whose file is still as recorded: it reads the file back (the link check scans every page) and
 * hard-links it into the new output. Any other file whose bytes come out the same is linked too,
 * so only changed files are written, and the new output is still swapped in whole.
 */
import { createHash, hash as hashText } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { readPreviousAnchors } from '../links/manifest-format.js';
import { MANIFEST_VERSION, type AnchorManifest } from '../links/anchors-baseline.js';
import { pageInputs, type Page } from '../render/page.js';
import { templatesDir } from '../render/paths.js';
import { featureGlobals } from '../render/globals.js';
import type { Offering, Site } from '../model/types.js';
import { DiskStore } from './cache/store.js';
import { codeFingerprint, hashTree } from './cache/fingerprint.js';
import type { RenderOptions } from './pipeline.js';
import { byCodeUnit } from '../shared/order.js';
import { isRecord } from '../shared/shapes.js';
import { ByteRun, bytesAt } from '../shared/byte-run.js';
import type { StandbyRecord } from './standby.js';
import { stillAsRecordedIn, type FileStamp, type LiveStamps } from './file-writer.js';
import { offeringKey } from './offering-keys.js';
import type { PackedIds } from '../links/packed-ids.js';

/** What the cache keeps about one output file. */
export interface OutputRecord extends FileStamp {
  /** Pages, and files made from offerings alone (OutputFile.inputs): the key of the inputs the file was made from. */
  key?: string;
  /**
   * Pages of the anchor manifest, and pages scanned for the link check: the ids the check takes
   * from the page when it is kept (a checklist's or a scanned page's ids as scanned, another
   * page's those of its anchor record)…
   */
  ids?: PackedIds;
  /** …a digest of its anchor record (recordDigest): anchors.json is unchanged when every page's is… */
  record?: string;
  /** …and, for a scanned page (not a repeated page, whose links the content gives), the links on it. */
  links?: readonly string[];
}

/** Where each offering's JSON is in a model.json, by offering key: [start, end) in bytes (offering-json.ts). */
export type OfferingRanges = Record<string, readonly [number, number]>;

/** The previous output of a folder, as the last build left it. */
export interface PreviousOutput {
  /** The output folder (the live one, before the swap). */
  dir: string;
  /** What the cache knows the folder by (folderKey). */
  folderKey: string;
  /** Site-wide render inputs of that build: its pages are reused only when this is unchanged. */
  renderKey: string;
  files: Record<string, OutputRecord>;
  /** Every folder of the output ('' for its root) and its modification time. */
  dirs: Record<string, number>;
  /** The output before it, kept for the next build to bring up to date (standby.ts). */
  standby?: StandbyRecord;
  /** Stamps of its files as they are now, those a files worker took ahead (any other is looked at when asked about). */
  live?: LiveStamps;
  /** Where each keyed offering's JSON is in its model.json (offering-json.ts). */
  offeringJson?: OfferingRanges;
  /** The files a rebuild's files worker reads and leaves: each offering's search words and rows (files-worker.ts). */
  workerFiles?: { words: string; views: string };
  /** The files worker of that build left every keyed offering's rows in `workerFiles.views`. */
  views?: boolean;
  /** The links of its keyed offerings' content, by key (page-facts.ts): checked when taken. */
  offeringLinks?: Record<string, unknown>;
  /** The duty counts of their sections, by key (tables.ts): checked when taken. */
  sectionCounts?: Record<string, unknown>;
  /** What its checklists' records were made of (anchor-manifest.ts): checked when taken. */
  indexSources?: unknown;
  /** Its keyed offerings' OSCAL components, by key (offering-texts.ts). */
  components?: ReadonlyMap<string, Buffer>;
}

/** A file's record as stored: its ids are where they are in the bytes after the JSON. */
type StoredRecord = Omit<OutputRecord, 'ids'> & { ids?: unknown };
type StoredOutput = Omit<PreviousOutput, 'dir' | 'folderKey' | 'workerFiles' | 'files' | 'live' | 'components'> & {
  files: Record<string, StoredRecord>;
  /** Where each keyed offering's OSCAL component is in the bytes after the JSON. */
  components?: Record<string, unknown>;
};

/** One-shot hashing: thousands of short texts per build, where making a Hash object costs as much as hashing. */
const sha = (text: string): string => hashText('sha256', text);

function storeFor(cacheDir: string): DiskStore<StoredOutput> {
  return new DiskStore<StoredOutput>(path.join(cacheDir, 'outputs'));
}

export async function folderKey(outDir: string): Promise<string> {
  return sha(await realpath(outDir).catch(() => path.resolve(outDir)));
}

/** Where the last rebuild's files worker of the output folder keyed `key` left its files. */
function workerFilesOf(cacheDir: string, key: string): NonNullable<PreviousOutput['workerFiles']> {
  const workerFile = (kind: string) => path.join(storeFor(cacheDir).dir, key.slice(0, 2), `${key}.${kind}`);
  return { words: workerFile('words'), views: workerFile('views') };
}

/**
 * Whether the last build of `outDir` was a rebuild that made its model's files in another
 * thread (it left that thread's rows): the next one most likely does too, and may start that
 * thread before it has read the output's record.
 */
export async function filesWorkerLeftRows(cacheDir: string, outDir: string): Promise<boolean> {
  return existsSync(workerFilesOf(cacheDir, await folderKey(outDir)).views);
}

/** The recorded previous output of `outDir`, or undefined when there is none to reuse. */
export async function previousOutput(cacheDir: string, outDir: string): Promise<PreviousOutput | undefined> {
  const key = await folderKey(outDir);
  const entry = await storeFor(cacheDir).getWithBody(key);
  const stored = entry?.value;
  if (!entry || !stored || typeof stored.renderKey !== 'string' || !isRecord(stored.files) || !isRecord(stored.dirs)) return undefined;
  const standby = stored.standby;
  const usable = isRecord(standby) && typeof standby.token === 'string' && isRecord(standby.inodes) && isRecord(standby.dirs);
  const offeringJson = isRecord(stored.offeringJson) ? { offeringJson: stored.offeringJson } : {};
  const offeringLinks = isRecord(stored.offeringLinks) ? { offeringLinks: stored.offeringLinks } : {};
  const sectionCounts = isRecord(stored.sectionCounts) ? { sectionCounts: stored.sectionCounts } : {};
  const indexSources = stored.indexSources === undefined ? {} : { indexSources: stored.indexSources };
  return {
    dir: outDir,
    folderKey: key,
    renderKey: stored.renderKey,
    files: withIds(stored.files, entry.body),
    dirs: stored.dirs,
    ...(usable ? { standby } : {}),
    ...offeringJson,
    ...offeringLinks,
    ...sectionCounts,
    ...indexSources,
    ...(isRecord(stored.components) ? { components: bytesOf(stored.components, entry.body) } : {}),
    workerFiles: workerFilesOf(cacheDir, key),
    ...(stored.views === true ? { views: true } : {}),
  };
}

/** The records with their ids taken out of `body` (a record whose range is not in it has none). */
function withIds(files: Record<string, StoredRecord>, body: Buffer): Record<string, OutputRecord> {
  for (const record of Object.values(files)) {
    if (record.ids === undefined) continue;
    const ids = bytesAt(body, record.ids);
    if (ids) record.ids = ids;
    else delete record.ids;
  }
  return files as Record<string, OutputRecord>;
}

/** The texts whose ranges are in `body`, by key. */
function bytesOf(ranges: Record<string, unknown>, body: Buffer): Map<string, Buffer> {
  const texts = new Map<string, Buffer>();
  for (const [key, range] of Object.entries(ranges)) {
    const bytes = bytesAt(body, range);
    if (bytes) texts.set(key, bytes);
  }
  return texts;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Record what `outDir` now holds: `keys` are the page keys of this build, by output path,
 * `anchors` the ids and record digests of its manifest pages; `kept` the files that are the
 * previous output's very files, as it was recorded (most of a rebuild's: their stamps are not
 * taken again); `standby` the tree kept for the next build; `reuse` what else the next build
 * may take instead of making it again: each keyed offering's place in model.json, rows left by
 * the files worker, links and duty counts, and what the checklists' records were made of.
 */
export async function recordOutput(
  cacheDir: string,
  outDir: string,
  renderKey: string,
  keys: ReadonlyMap<string, string>,
  paths: Iterable<string>,
  anchors: { ids: ReadonlyMap<string, PackedIds>; digests: ReadonlyMap<string, string>; links: ReadonlyMap<string, readonly string[]> },
  kept: ReadonlyMap<string, FileStamp>,
  standby?: StandbyRecord,
  reuse: Pick<StoredOutput, 'offeringJson' | 'views' | 'offeringLinks' | 'sectionCounts' | 'indexSources'> & { components?: ReadonlyMap<string, string> } = {},
): Promise<void> {
  const files: Record<string, StoredRecord> = {};
  const dirs: Record<string, number> = {};
  const folders = new Set<string>(['']);
  for (const file of paths) {
    const info = kept.get(file) ?? fileStamp(path.join(outDir, file));
    if (!info) continue;
    const [key, record, links] = [keys.get(file), anchors.digests.get(file), anchors.links.get(file)];
    const check = { ...(record ? { record } : {}), ...(links ? { links } : {}) };
    files[file] = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, ...(key ? { key } : {}), ...check };
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) folders.add(file.slice(0, slash));
  }
  for (const folder of folders) {
    const info = statSync(folder === '' ? outDir : path.join(outDir, folder), { throwIfNoEntry: false });
    if (info?.isDirectory()) dirs[folder] = info.mtimeMs;
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => byCodeUnit(a, b)));
  // Each page's ids go after the JSON, in file order; its record says where.
  const body = new ByteRun();
  for (const [file, record] of Object.entries(sorted)) {
    const ids = anchors.ids.get(file);
    if (ids !== undefined) record.ids = body.add(typeof ids === 'string' ? Buffer.from(ids) : ids);
  }
  // Then each keyed offering's OSCAL component.
  const { components: texts, ...rest } = reuse;
  const components: Record<string, [number, number]> = {};
  for (const [key, text] of texts ?? []) components[key] = body.add(Buffer.from(text));
  const stored: StoredOutput = { renderKey, files: sorted, dirs, ...(standby ? { standby } : {}), ...withoutUndefined(rest), ...(texts ? { components } : {}) };
  await storeFor(cacheDir).setWithBody(await folderKey(outDir), stored, body.pieces);
}

/** The stamp of `file` when it is a file. */
function fileStamp(file: string): FileStamp | undefined {
  const info = statSync(file, { throwIfNoEntry: false });
  return info?.isFile() ? info : undefined;
}

/**
 * The inputs every page shares: code, templates, the site-wide values templates read (title,
 * description, parties, globals), the base path, the client assets and the pages that exist.
 */
export function renderKey(site: Site, options: RenderOptions, pages: readonly Page[]): string {
  const hash = createHash('sha256');
  hash.update(codeFingerprint('all')).update('\0');
  hashTree(hash, templatesDir);
  const shared = {
    title: site.title,
    description: site.description,
    baseUrl: site.baseUrl,
    parties: site.parties,
    globals: featureGlobals(site, options.base),
    base: options.base,
    assets: options.assets,
    watch: options.watch === true,
    urls: pages.map((page) => page.url),
    // What pages keyed by their inputs may read from the site besides their offerings.
    model: { areas: site.areas, tasks: site.tasks, redirects: site.redirects, compare: site.compare },
  };
  return hash.update(JSON.stringify(shared)).digest('hex');
}

/**
 * A page's key under the site-wide key: its inputs when it was listed with them (each offering
 * by a digest made once; the description is made from them too, so it is not made at all), else
 * its page data (plain JSON: no Map, Set or function, tested).
 */
export function pageKey(siteKey: string, page: Page): string {
  const inputs = pageInputs(page);
  if (!inputs) return sha(`${siteKey}\0${JSON.stringify(page)}`);
  const { kind, url, template, title } = page;
  const offerings = inputs.offerings.map(offeringDigest);
  return sha(`${siteKey}\0${JSON.stringify({ kind, url, template, title, offerings, values: inputs.values })}`);
}

/** An output file's key under the site-wide key: its path and the digests of the offerings it is made from. */
export function fileKey(siteKey: string, file: string, inputs: readonly Offering[]): string {
  return sha(`${siteKey}\0${file}\0${inputs.map(offeringDigest).join(',')}`);
}

const digests = new WeakMap<Offering, string>();

/** An offering's key (offering-keys.ts), else the digest of its JSON, made once. */
function offeringDigest(offering: Offering): string {
  let digest = offeringKey(offering) ?? digests.get(offering);
  if (digest === undefined) digests.set(offering, (digest = sha(JSON.stringify(offering))));
  return digest;
}

/** Digest an offering from its JSON text made elsewhere (model.json's, for an offering without a key), so it is not made twice. */
export function digestOfferingJson(offering: Offering, json: string): void {
  if (!digests.has(offering)) digests.set(offering, sha(json));
}

/**
 * The previous output's record of `file` when its key (a page's, or a file's made from its
 * inputs) is unchanged and the file is still the one the last build wrote; undefined when it must
 * be made. `previous` must come from a build with the same site-wide render key.
 */
export function reusableFile(previous: PreviousOutput, file: string, key: string): OutputRecord | undefined {
  const record = previous.files[file];
  return record?.key === key && stillAsRecordedIn(previous.dir, file, record, previous.live) ? record : undefined;
}

/** The previous output's anchors.json, read only when asked for: its records (lazily, page by page) or its bytes. */
export interface PreviousManifest {
  manifest: AnchorManifest;
  bytes(): Buffer;
}

/**
 * The previous output's anchors.json when it is still the one the last build wrote; nothing
 * is read yet. (Read later, it throws if someone has changed it meanwhile after all.)
 */
export function previousManifest(previous: PreviousOutput): PreviousManifest | undefined {
  const file = 'anchors.json';
  const record = previous.files[file];
  if (!record || !stillAsRecordedIn(previous.dir, file, record, previous.live)) return undefined;
  const where = path.join(previous.dir, file);
  let read: AnchorManifest | undefined;
  const manifest: AnchorManifest = {
    version: MANIFEST_VERSION,
    get pages() {
      return (read ??= readPreviousAnchors(readFileSync(where, 'utf8'), file)).pages;
    },
  };
  return { manifest, bytes: () => readFileSync(where) };
}
