/**
 * The typed model: the contract between parsing and rendering.
 * Everything the templates, search, exports and comparison see comes from these types.
 */

/** Rendered Markdown: sanitised HTML plus its plain text (for search, CSV and comparison). */
export interface Rich {
  text: string;
  html: string;
}

/** Where something came from in the content folder (paths relative to the content folder). */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

export interface Area {
  /** Canonical area id, also the area's anchor (`disaster-recovery`). */
  id: string;
  title: string;
  description?: string;
  /** NIST SP 800-53 rev. 5 controls of rows in this area whose task names none (site.yaml). */
  controls?: string[];
}

/** A canonical task from tasks.yaml, or one derived from a row whose name matched no alias. */
export interface CanonicalTask {
  id: string;
  title: string;
  areaId?: string;
  aliases: string[];
  /** Former ids (tasks.yaml), oldest first: the first one keeps naming the task in OSCAL UUIDs. */
  formerIds?: string[];
  /** NIST SP 800-53 rev. 5 controls its rows concern (`cp-9`, `ac-2.1`), for the OSCAL export. */
  controls?: string[];
}

export type OverviewCell = 'provider' | 'customer' | 'shared';

/** A "responsibilities by resource" matrix: one row per resource, one cell per area. */
export interface OverviewMatrix {
  caption?: string;
  anchor?: string;
  areaIds: string[];
  rows: { resource: string; cells: OverviewCell[] }[];
  source: SourceRef;
}

export interface Row {
  /** `<area-id>--<task-id>`, unique within its offering page. */
  anchor: string;
  /** Former anchors of this row (`<area-id>--<former-task-id>`, tasks.yaml formerIds) that must keep resolving. */
  aliases?: string[];
  /** The task as the source words it (plain text). */
  task: string;
  taskId: string;
  /** The first-column header's value when the table groups rows (e.g. a resource). */
  group?: string;
  /** Empty `text` and `html` mean no duty is listed. */
  provider: Rich;
  customer: Rich;
  source: SourceRef;
}

export interface Section {
  areaId: string;
  /** The table's id as its source gave it (`disaster-recovery-hpcs`). */
  anchor: string;
  /** Older or alternative ids that must keep resolving to this table. */
  aliases: string[];
  title: string;
  intro?: Rich;
  caption?: string;
  source: SourceRef;
  rows: Row[];
}

export interface Offering {
  id: string;
  name: string;
  family?: string;
  /** The date the source page says it was last updated (its own claim, YYYY-MM-DD as written). */
  lastUpdated?: string;
  /** The published page the offering comes from (site.yaml `sourceUrl`, or derived from the source). */
  sourceUrl?: string;
  /** That page's title (its H1). */
  sourceTitle?: string;
  source: SourceRef;
  summary?: Rich;
  sections: Section[];
  overview?: OverviewMatrix;
}

export interface Redirect {
  from: string;
  to: string;
}

export interface Site {
  title: string;
  description?: string;
  /** Absolute URL of the published site, for canonical and share links. */
  baseUrl?: string;
  parties: { provider: string; customer: string };
  areas: Area[];
  offerings: Offering[];
  tasks: CanonicalTask[];
  redirects: Redirect[];
  /** Offerings (2 to 4 ids) that get a static comparison page whatever the site's size (site.yaml `compare`). */
  compare?: string[][];
}
