/**
 * The content folder's configuration after validation (README, "Content").
 * Loaders in this folder turn site.yaml, keywords.yaml and tasks.yaml into these types,
 * reporting every problem at its line and column, so later stages can trust them.
 */

export interface AreaConfig {
  id: string;
  title: string;
  description?: string;
  /**
   * Extra heading texts or anchors that mean this area (matched case-insensitively,
   * anchors exactly). The five standard areas are recognised without this.
   */
  match?: string[];
  /** NIST SP 800-53 rev. 5 controls (`cp-9`) of rows in this area whose task names none. */
  controls?: string[];
}

/** Which tables of a source belong to an offering; all given conditions must hold. */
export interface TableSelector {
  /** The table's anchor ends with this (`-kp`). */
  anchorSuffix?: string;
  /** The table's caption contains this (`Key Protect Dedicated`). */
  captionIncludes?: string;
  /** One of the table's enclosing headings contains this. */
  headingIncludes?: string;
}

export interface OfferingConfig {
  id: string;
  /** Absent: the product name from the source's title (src/model/names.ts). */
  name?: string;
  family?: string;
  /** Source file, relative to `content/sources/`. */
  source: string;
  /** Without it, every responsibility table of the source belongs to this offering. */
  tables?: TableSelector;
  /** Overrides the summary taken from the source's short description (inline Markdown). */
  summary?: string;
  /** The published page the source came from; overrides the address derived from the source. */
  sourceUrl?: string;
}

export interface SiteConfig {
  title: string;
  description?: string;
  baseUrl?: string;
  /** Where root-relative links in sources point (`https://cloud.ibm.com`). */
  linkBase?: string;
  parties: { provider: string; customer: string };
  areas: AreaConfig[];
  /** Absent: one offering per source file, id from the file name. */
  offerings?: OfferingConfig[];
  /** Offerings compared on a static page of their own (2 to 4 ids each), beyond the pages made anyway. */
  compare?: string[][];
  /** Old path or `path#fragment` -> new path or `path#fragment`. */
  redirects: { from: string; to: string }[];
}

/** keywords.yaml: keyref name -> replacement text. */
export type Keywords = Map<string, string>;

export interface TaskConfig {
  id: string;
  title: string;
  area?: string;
  /** Task names the sources use for this task (matched after normalising case and spacing). */
  aliases: string[];
  /** Former task ids whose row anchors must keep resolving. */
  formerIds?: string[];
  /** NIST SP 800-53 rev. 5 controls (`cp-9`, `ac-2.1`) this task's rows concern (OSCAL export). */
  controls?: string[];
}

/** Everything loaded from the content folder besides the sources. */
export interface ContentConfig {
  site: SiteConfig;
  keywords: Keywords;
  tasks: TaskConfig[];
}
