/**
 * The links checks without writing anything (`respmatrix check`): render the site in memory,
 * check its internal links, and give its anchor manifest for `--anchors-baseline`.
 */
import { stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';
import { compareAnchors, parseManifest, type AnchorManifest } from '../links/anchors-baseline.js';
import { renamesOf } from '../links/renames.js';
import type { Site } from '../model/types.js';
import { checkOutput, filesUnder } from '../links/link-check.js';
import { publicDir } from '../render/paths.js';
import { renderSite } from './pipeline.js';
import { effectiveRedirects } from '../render/redirects.js';

export interface SiteLinks {
  manifest: AnchorManifest;
  diagnostics: Diagnostic[];
}

export async function checkSiteLinks(site: Site, base = '/'): Promise<SiteLinks> {
  const files = renderSite(site, { base, assets: { scripts: [], styles: [] } });
  const existing = (await stat(publicDir).catch(() => undefined))?.isDirectory() ? await filesUnder(publicDir) : [];
  const anchors = files.find((f) => f.path === 'anchors.json');
  const manifest = parseManifest(String(anchors?.contents ?? '{"pages":{}}'), 'anchors.json');
  return { manifest, diagnostics: checkOutput(files, { base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}), existing, redirects: site.redirects }) };
}

/** Baseline check: `baselineText` is a previous anchors.json, `baselineFile` its path (for messages). */
export function checkBaseline(site: Site, current: AnchorManifest, baselineText: string, baselineFile: string): Diagnostic[] {
  const redirects = effectiveRedirects(site);
  return compareAnchors(parseManifest(baselineText, baselineFile), current, redirects, baselineFile, renamesOf(site, redirects));
}
