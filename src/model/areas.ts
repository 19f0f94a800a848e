/**
 * Areas: the five standard ones, recognised by heading text and anchor in their wording
 * variants, plus the site's configured areas (which may rename, reorder and add matchers),
 * plus any other section a source has. Decides which heading of a table is its area.
 */
import type { AreaConfig } from '../config/types.js';
import { slugify } from '../shared/slug.js';
import type { ParsedHeading } from '../parse/types.js';
import type { Area } from './types.js';
import { collapse } from '../shared/plain-text.js';

interface StandardArea {
  id: string;
  title: string;
  text: RegExp;
  anchor: RegExp;
}

/** Canonical ids equal IBM's usual anchors, so links written against IBM's pages still work. */
export const STANDARD_AREAS: readonly StandardArea[] = [
  { id: 'incident-and-ops', title: 'Incident and operations management', text: /\bincidents? (?:and|&) operations?\b/i, anchor: /^incident/ },
  { id: 'change-management', title: 'Change management', text: /^change management\b/i, anchor: /^change[-_]?management/ },
  { id: 'iam-responsibilities', title: 'Identity and access management', text: /\bidentity (?:and|&) access\b/i, anchor: /^(?:iam|identity)(?:[-_]|$)/ },
  {
    id: 'security-compliance', title: 'Security and regulation compliance',
    text: /\bsecurity (?:and|&) (?:regulat\w*|compliance)\b/i, anchor: /^security[-_]?(?:comp|and[-_]reg)/,
  },
  { id: 'disaster-recovery', title: 'Disaster recovery', text: /\bdisaster (?:and )?recovery\b/i, anchor: /^(?:disaster|dr)(?:[-_]|$)/ },
];

/**
 * What tells two area titles apart: not case, spacing, punctuation or "and" versus "&"
 * ("Applications & Data" and "applications and data" are one area).
 */
export function areaKey(title: string): string {
  return collapse(
    title
      .normalize('NFKC')
      .toLowerCase()
      .replace(/&/g, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .replace(/\band\b/g, ' '),
  );
}

/** A heading that only groups the per-area headings below it. */
const CONTAINER = /\bby area\b|^tasks? for\b|^(?:overview of )?shared responsibilit/i;

export class AreaRegistry {
  private readonly configured: AreaConfig[];
  /** Per configured area, in order: the names a heading's text may have, lower case (asked per heading). */
  private readonly names: { area: AreaConfig; lower: Set<string> }[];
  private readonly seen = new Map<string, Area>();
  private readonly order: string[] = [];
  /** areaKey(title) -> id of the area first registered under that title. */
  private readonly byTitle = new Map<string, string>();

  constructor(configured: AreaConfig[]) {
    this.configured = configured;
    this.names = configured.map((area) => ({
      area,
      lower: new Set([...(area.match ?? []), area.title].map((m) => m.toLowerCase())),
    }));
  }

  /** The configured area that stands for a standard area, if any. */
  private configFor(std: StandardArea): AreaConfig | undefined {
    return this.configured.find(
      (a) => a.id === std.id || (a.match ?? []).some((m) => m === std.id || m.toLowerCase() === std.title.toLowerCase()),
    );
  }

  /** The area id a heading names, or undefined when it is no recognised area. */
  recognise(text: string, anchor: string | undefined): string | undefined {
    const lower = text.trim().toLowerCase();
    for (const { area: a, lower: names } of this.names) {
      if (anchor !== undefined && (a.id === anchor || (a.match ?? []).includes(anchor))) return a.id;
      if (names.has(lower)) return a.id;
    }
    for (const std of STANDARD_AREAS) {
      if (std.text.test(text) || (anchor !== undefined && std.anchor.test(anchor))) return this.configFor(std)?.id ?? std.id;
    }
    return undefined;
  }

  /** The area of a table under `headings` (outermost first); registers it. */
  areaOf(headings: ParsedHeading[], fallbackTitle: string): Area {
    for (let i = headings.length - 1; i >= 0; i--) {
      const h = headings[i] as ParsedHeading;
      const id = this.recognise(h.text, h.anchor);
      if (id) return this.register(id, h.text);
    }
    const outer = headings[0];
    if (!outer) return this.register('responsibilities', fallbackTitle || 'Responsibilities');
    const inner = headings[headings.length - 1] as ParsedHeading;
    const h = CONTAINER.test(outer.text) && headings.length > 1 ? inner : outer;
    // Another offering's section of the same title is the same area, whatever its anchor.
    const key = areaKey(h.text);
    const known = key ? this.byTitle.get(key) : undefined;
    if (known) return this.register(known, h.text);
    const area = this.register(h.anchor || slugify(h.text) || 'responsibilities', h.text);
    if (key && !this.byTitle.has(key)) this.byTitle.set(key, area.id);
    return area;
  }

  /** Area id for an overview column (its link fragment or header text). */
  mapOverviewColumn(ref: string): string {
    return this.recognise(ref, ref) ?? (slugify(ref) || 'area');
  }

  private register(id: string, headingText: string): Area {
    let area = this.seen.get(id);
    if (!area) {
      const conf = this.configured.find((a) => a.id === id);
      const std = STANDARD_AREAS.find((s) => s.id === id);
      area = conf ? configuredArea(conf) : { id, title: std?.title ?? headingText };
      this.seen.set(id, area);
      this.order.push(id);
    }
    return area;
  }

  /** Configured areas first (in config order), then standard ones, then the rest by first use. */
  areas(): Area[] {
    const out: Area[] = [];
    const done = new Set<string>();
    const add = (id: string): void => {
      if (done.has(id)) return;
      const a = this.seen.get(id) ?? this.registerConfigured(id);
      if (!a) return;
      done.add(id);
      out.push(a);
    };
    for (const a of this.configured) add(a.id);
    for (const s of STANDARD_AREAS) if (this.seen.has(s.id)) add(s.id);
    for (const id of this.order) add(id);
    return out;
  }

  private registerConfigured(id: string): Area | undefined {
    const conf = this.configured.find((a) => a.id === id);
    return conf ? configuredArea(conf) : undefined;
  }
}

/** The model's view of a site.yaml area. */
function configuredArea(conf: AreaConfig): Area {
  const area: Area = { id: conf.id, title: conf.title };
  if (conf.description !== undefined) area.description = conf.description;
  if (conf.controls !== undefined && conf.controls.length > 0) area.controls = [...conf.controls];
  return area;
}
