/**
 * Build side of search: the index written with the site, split into a manifest
 * (`search/index.json`) and the parts a query fetches (split.ts). Records come from the
 * model; the engine index (engine.ts) holds their words as the shared query module splits
 * them (terms), so the browser reads back exactly what was built.
 */
import type { OutputFile } from '../render/page.js';
import { buildEngineData, docWords, type EngineData } from './engine.js';
import type { SearchDoc, SearchIndexFile } from './record.js';
import type { OfferingWords } from './offering-words.js';
import { offeringRuns, RecordsWithoutText, searchRecords, type OfferingShape } from './records.js';
import type { RowsView } from '../model/rows-view.js';
import { WordNumbers } from './word-numbers.js';
import { MANIFEST, SPLIT_DEFAULTS, splitIndex, type RecordJson } from './split.js';

/** Where the manifest is written, relative to the site base (the client fetches the same path). */
export const SEARCH_INDEX_PATH = `search/${MANIFEST}`;

/**
 * Words a rebuild takes from the last build (offering-words.ts) instead of numbering them again:
 * `keys` are the offerings' keys in site order (null: not keyed, its words are made).
 */
export interface WordReuse {
  words: OfferingWords;
  keys: readonly (string | null)[];
}

/** `shapeOf`: offerings whose records are made from their shape (searchRecords), their words taken from `reuse`. */
export function buildSearchIndex(site: RowsView, reuse?: WordReuse, shapeOf?: (offering: number) => OfferingShape | undefined): SearchIndexFile {
  const records = searchRecords(site, shapeOf);
  return { ...records, index: buildIndexData(records, reuse, shapeOf) };
}

export interface SearchReuse {
  reuse?: WordReuse;
  /** Each record's JSON (splitIndex), some taken from the last build. */
  docJson?: (file: SearchIndexFile) => RecordJson[];
  /** Offerings read as their shape alone (searchRecords): their words and records' JSON are the last build's. */
  shapeOf?: (offering: number) => OfferingShape | undefined;
}

/**
 * The search index as output files, the manifest first: same model, same bytes, whatever words
 * (`reuse`), records' JSON (`docJson`, splitIndex) and records' shapes are taken from the last build.
 */
export function searchOutputs(site: RowsView, context: SearchReuse = {}): OutputFile[] {
  const file = buildSearchIndex(site, context.reuse, context.shapeOf);
  return splitIndex(file, SPLIT_DEFAULTS, context.docJson).map((part) => ({ ...part, path: `search/${part.path}` }));
}

/** Field order of the index and their weights: task wording first, names next, cell text last. */
const FIELD_BOOSTS = [3, 1.5, 1.5, 1, 1];

/**
 * Builds the engine's serialised index from the records (build side and tests). The words of an
 * offering read as its shape (`shapeOf`) must be taken from `reuse`: its records have no text.
 */
export function buildIndexData(
  file: Pick<SearchIndexFile, 'offerings' | 'areas' | 'docs'>,
  reuse?: WordReuse,
  shapeOf?: (offering: number) => OfferingShape | undefined,
): EngineData {
  const numbers = reuse?.words.numbers ?? new WordNumbers();
  // The indexed fields of a record: task (title and source label), offering name, area title,
  // provider, customer. The task's words are its title's, then its label's.
  const fieldsOf = (doc: SearchDoc): Int32Array[] => {
    const [, offering, area, task, provider, customer, , , label] = doc;
    const fields = [task, file.offerings[offering]?.[1] ?? '', file.areas[area]?.[1] ?? '', provider, customer].map((text) => numbers.of(text));
    if (label) fields[0] = joined([fields[0]!, numbers.of(label)]);
    return fields;
  };
  // An offering's records are consecutive: its words are taken whole from the last build, or made.
  const runs: Int32Array[] = [];
  for (const [offering, first, end] of offeringRuns(file.docs)) {
    const key = offering >= 0 ? reuse?.keys[offering] : undefined;
    const taken = key ? reuse?.words.take(key, end - first, FIELD_BOOSTS.length) : undefined;
    if (!taken && offering >= 0 && shapeOf?.(offering)) throw new RecordsWithoutText(offering);
    const made = taken ?? docWords(file.docs.slice(first, end).map(fieldsOf)).data;
    if (key && !taken) reuse?.words.put(key, made);
    runs.push(made);
  }
  return buildEngineData(
    numbers.words,
    { count: file.docs.length, data: joined(runs) },
    FIELD_BOOSTS,
    // Intros repeat their area's words; rows are what readers look for, so rows weigh more.
    (id) => (file.docs[id]?.[0] === 'r' ? 1 : 0.6),
  );
}

/** The runs one after another, in one array (a single run is that array: a page of 100,000 rows is tens of megabytes). */
function joined(runs: readonly Int32Array[]): Int32Array {
  if (runs.length === 1) return runs[0]!;
  let length = 0;
  for (const run of runs) length += run.length;
  const out = new Int32Array(length);
  let at = 0;
  for (const run of runs) {
    out.set(run, at);
    at += run.length;
  }
  return out;
}
