/**
 * The two things the renderer writes: HTML pages (rendered from a template) and other files.
 * Page lists (src/render/pages/*.ts) and output lists (src/render/outputs/) produce these.
 */
import type { Offering, Site } from '../model/types.js';

/**
 * Each kind of page and the data its template shows. A pages module adds its kind here
 * (`declare module '../page.js' { interface PageDataMap { offering: OfferingPageData } }`), the
 * way unified's packages type `file.data`, so this module needs no import of the page modules.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PageDataMap {}

export type PageKind = keyof PageDataMap;

/** One HTML page of a kind. */
export interface PageOf<K extends PageKind> {
  kind: K;
  /**
   * Path relative to the site base: '' for home, 'offerings/<id>/' for a directory page
   * (written as offerings/<id>/index.html), or a file name such as '404.html'.
   */
  url: string;
  /** Template path relative to templates/, e.g. 'pages/offering.njk'. */
  template: string;
  title: string;
  description: string;
  /** Everything the template shows, prepared in TypeScript (templates only loop and branch). */
  data: PageDataMap[K];
}

/** Any HTML page: a union told apart by `kind`, which types `data`. */
export type Page = { [K in PageKind]: PageOf<K> }[PageKind];

/**
 * What a page's title, description and data are made from besides the site-wide render inputs
 * (the site's title, parties, areas, tasks, the pages that exist...): the offerings it shows and
 * any other value it reads from the site. A rebuild keys such a page by these, so an unchanged
 * page costs neither its data nor its HTML (src/build/output-reuse.ts).
 */
export interface PageInputs {
  offerings: readonly Offering[];
  /** A page that shows one area of its offerings: that area. */
  area?: string;
  values?: unknown;
}

/**
 * A page whose `data` (and `description`, when given as a function) is made when first read,
 * then kept. Listing every page stays cheap (the dev server lists them after each edit, every
 * page worker lists them all), and each page's data is made only by the thread that renders it.
 * Both stay enumerable properties: templates and JSON see an ordinary page. `inputs`, when
 * given, must name everything `make` and the description read besides the site-wide inputs.
 */
export function lazyPage<K extends PageKind>(
  page: Omit<PageOf<K>, 'data' | 'description'> & { description: string | (() => string) },
  make: () => PageDataMap[K],
  inputs?: () => PageInputs,
): PageOf<K> {
  let data: PageDataMap[K] | undefined;
  Object.defineProperty(page, FORGET, { value: () => (data = undefined) });
  // Made once: a rebuild asks each page for its inputs several times (its key, its links).
  let listed: PageInputs | undefined;
  if (inputs) Object.defineProperty(page, INPUTS, { value: () => (listed ??= inputs()) });
  const describe = page.description;
  if (typeof describe === 'function') {
    let text: string | undefined;
    Object.defineProperty(page, 'description', { enumerable: true, get: () => (text ??= describe()) });
  }
  return Object.defineProperty(page, 'data', { enumerable: true, get: () => (data ??= make()) }) as PageOf<K>;
}

const INPUTS = Symbol('page inputs');

/** The inputs a page was listed with, if any. */
export function pageInputs(page: Page): PageInputs | undefined {
  return (page as { [INPUTS]?: () => PageInputs })[INPUTS]?.();
}

const FORGET = Symbol('forget page data');

/**
 * Let a rendered page's data go (it is made again if asked for): a build keeps its list of
 * pages to the end, and would otherwise keep every page's data with it.
 */
export function forgetPageData(page: Page): void {
  (page as { [FORGET]?: () => void })[FORGET]?.();
}

/** A non-HTML file of the site (model.json, CSV, anchors.json, sitemap...). */
export interface OutputFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  contents: string | Uint8Array | TextPieces;
  /**
   * Its name holds a hash of its contents (the search index's parts): a previous output's file
   * of the same name that is still the one the last build wrote (size, time and inode as the
   * cache recorded them) holds these very bytes, and a rebuild links it without reading it.
   */
  namedByContents?: boolean;
  /**
   * Made from these offerings and the site-wide render inputs alone (as pages listed with their
   * inputs): a rebuild keeps the previous output's file, unmade, while their digests are unchanged.
   */
  inputs?: readonly Offering[];
}

/** Bytes [start, end) of the previous output's file of the same path (model.json's unchanged offerings, on a rebuild). */
export interface PreviousBytes {
  previous: readonly [number, number];
}

/**
 * A piece of a TextPieces: text, the same text as UTF-8 bytes (what the last build left, taken
 * as it is rather than decoded only to be encoded again), or bytes the previous output's file holds.
 */
export type TextPiece = string | Uint8Array | PreviousBytes;

const utf8 = new TextDecoder();

/** A piece given as text or as its UTF-8 bytes, as text. */
export function textOf(piece: string | Uint8Array): string {
  return typeof piece === 'string' ? piece : utf8.decode(piece);
}

/**
 * A large text made piece by piece while it is written (model.json, the CSV): the build never
 * holds it whole, nor the flat copy and the bytes writing a whole text makes of it. At 5,000
 * offerings (a 90 MB model.json) that lowered the peak memory of a build by about 0.1 GiB.
 * `String(pieces)` joins them, for what keeps files in memory (the dev server, tests); a text
 * that takes bytes of the previous output is only ever written (the writer reads them).
 */
export class TextPieces {
  constructor(private readonly make: () => Iterable<TextPiece>) {}

  /** The pieces in order; each call makes them again. */
  pieces(): Iterable<TextPiece> {
    return this.make();
  }

  toString(): string {
    return Array.from(this.make(), (piece) => {
      if (typeof piece === 'string' || piece instanceof Uint8Array) return textOf(piece);
      throw new Error('a text that takes bytes of the previous output is only written, not joined');
    }).join('');
  }

  [Symbol.toPrimitive](): string {
    return this.toString();
  }
}

/** A file's contents whole: pieces joined. */
export function wholeContents(contents: OutputFile['contents']): string | Uint8Array {
  return contents instanceof TextPieces ? contents.toString() : contents;
}

/** What an output list gets besides the model. */
export interface OutputContext {
  /** Every HTML page of the site (with its HTML when it is still in memory). */
  pages: readonly RenderedPage[];
  /** Public base path, starting and ending with '/'. */
  base: string;
  /** model.json's offerings as a rebuild knows them (outputs/model-json.ts). */
  offeringJson?: OfferingJson;
  /** The OSCAL components of offerings as a rebuild knows them (outputs/oscal/component-definition.ts). */
  components?: OfferingTexts;
}

/**
 * Texts made of one item each (an offering, or the offering at a place in the site), as a rebuild
 * knows them from the last build, and is told back: an unchanged item's text is not made again.
 */
export interface KnownTexts<K, Known extends string | Uint8Array = string> {
  /** The item's text when it is known already (as text, or as UTF-8 where `Known` allows); undefined: it is made. */
  known(item: K): Known | undefined;
  /** The item's text as made (or known). */
  placed(item: K, text: string): void;
}

/** An offering's text made of it and of what every page shares (its OSCAL component). */
export type OfferingTexts = KnownTexts<Offering>;

/**
 * What model.json's maker is told of the offerings' JSON, and tells back: a rebuild takes an
 * unchanged offering's bytes from the last model.json instead of making its JSON again.
 */
export interface OfferingJson {
  /** Where the offering's JSON is in the last model.json when it is known already; undefined: it is made. */
  known(offering: Offering): PreviousBytes | undefined;
  /** The offering's JSON is bytes [start, end) of model.json; `text` when it was made here. */
  placed(offering: Offering, start: number, end: number, text: string | undefined): void;
}

export interface RenderedPage {
  page: Page;
  html?: string;
}

/** A function that lists non-HTML files of one kind (the build runs every list: src/build/outputs.ts). */
export type OutputList<C extends Partial<OutputContext> = OutputContext, S = Site> = (site: S, context: C) => OutputFile[];

/** A function that lists pages of one kind. */
export type PageList<S> = (site: S) => Page[];

/** The file a page URL is written to, relative to the output folder. */
export function pageFile(url: string): string {
  if (url === '' || url.endsWith('/')) return `${url}index.html`;
  return url;
}
