/**
 * Where the site keeps an offering's page, its checklist, its data for comparisons, an area's
 * pages and a paged area's map: every link to them is made here, by the build (which lays out
 * their files early, staging.ts) and by the browser code alike. Paths are relative to the
 * site's base.
 */
/** An offering's page, or a place on it (`fragment`: a section's or a row's id). */
export function offeringPageUrl(offeringId: string, fragment?: string): string {
  const page = `offerings/${offeringId}/`;
  return fragment === undefined ? page : `${page}#${fragment}`;
}

export function checklistPageUrl(offeringId: string): string {
  return `checklist/${offeringId}/`;
}

export function offeringDataPath(offeringId: string): string {
  return `data/offerings/${offeringId}.json`;
}

/** A paged area's map of offering id -> page (written by the links feature, read by the browser). */
export function areaMapPath(areaId: string): string {
  return `areas/${areaId}/offerings.json`;
}

/** The URL of page `n` (1-based) of an area. */
export function areaPageUrl(areaId: string, n = 1): string {
  return n <= 1 ? `areas/${areaId}/` : `areas/${areaId}/${n}/`;
}
