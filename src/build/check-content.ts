/**
 * `respmatrix check` as one stage: load the content, render the site in memory (nothing is
 * written), check its internal links and, when asked, compare its anchors with a published
 * anchors.json and report the rows that map to no OSCAL control.
 */
import { stat } from 'node:fs/promises';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { compareAnchors, type AnchorManifest } from '../links/anchors-baseline.js';
import { parseManifest } from '../links/manifest-format.js';
import { renamesOf } from '../links/renames.js';
import { checkOutput, filesUnder } from '../links/link-check.js';
import { summariseUnaligned } from '../model/align.js';
import type { Site } from '../model/types.js';
import { publicDir } from '../render/paths.js';
import { effectiveRedirects } from '../render/redirects.js';
import { loadSite } from './load-site.js';

export interface CheckOptions {
  /** Every unaligned-task warning instead of one summary. */
  verbose?: boolean;
  /** An info per row that maps to no control, and the coverage line. */
  oscal?: boolean;
  /** A previously published anchors.json (its text, and its path for messages). */
  anchorsBaseline?: { text: string; file: string };
}

export interface CheckResult {
  /** Every problem, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** "OSCAL coverage: 32 of 32 rows (100%) map to ...", with `oscal` and a model. */
  oscalCoverage?: string;
  /** The anchors baseline is no anchors.json: a problem of the input, not of the content. */
  baselineProblem?: string;
}

export async function checkContent(contentDir: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { site, diagnostics } = await loadSite(contentDir);
  const oscal = options.oscal && site ? await oscalCoverage(site) : undefined;
  const own = options.verbose ? diagnostics : summariseUnaligned(diagnostics);
  let links: Diagnostic[] = [];
  if (site) {
    const checked = await checkSiteLinks(site);
    links = checked.diagnostics;
    if (options.anchorsBaseline) {
      const { text, file } = options.anchorsBaseline;
      try {
        links = [...links, ...checkBaseline(site, checked.manifest, text, file)];
      } catch (error) {
        return { diagnostics: [], baselineProblem: (error as Error).message };
      }
    }
  }
  return {
    diagnostics: sortDiagnostics([...own, ...links, ...(oscal?.diagnostics ?? [])]),
    ...(oscal ? { oscalCoverage: oscal.line } : {}),
  };
}

/** `--oscal`: an info per row mapped to no control, and the coverage line. */
async function oscalCoverage(site: Site): Promise<{ diagnostics: Diagnostic[]; line: string }> {
  const { coverage, coverageLine, rowControls, unmappedDiagnostics } = await import('../render/outputs/oscal/mapping.js');
  const rows = rowControls(site);
  return { diagnostics: unmappedDiagnostics(rows), line: coverageLine(coverage(rows)) };
}

interface SiteLinks {
  manifest: AnchorManifest;
  diagnostics: Diagnostic[];
}

/** The site rendered in memory: its internal links checked, and its anchor manifest. */
async function checkSiteLinks(site: Site, base = '/'): Promise<SiteLinks> {
  const { renderSite } = await import('./pipeline.js');
  const files = renderSite(site, { base, assets: { scripts: [], styles: [] } });
  const existing = (await stat(publicDir).catch(() => undefined))?.isDirectory() ? await filesUnder(publicDir) : [];
  const anchors = files.find((f) => f.path === 'anchors.json');
  const manifest = parseManifest(String(anchors?.contents ?? '{"pages":{}}'), 'anchors.json');
  return { manifest, diagnostics: checkOutput(files, { base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}), existing, redirects: site.redirects }) };
}

/** Baseline check: `baselineText` is a previous anchors.json, `baselineFile` its path (for messages). */
function checkBaseline(site: Site, current: AnchorManifest, baselineText: string, baselineFile: string): Diagnostic[] {
  const redirects = effectiveRedirects(site);
  return compareAnchors(parseManifest(baselineText, baselineFile), current, redirects, baselineFile, renamesOf(site, redirects));
}
