/**
 * The build's output stage: render each page, scan it for the link check, write it, and let it
 * go, so memory stays flat however many pages the site has. Anchor-manifest records are taken
 * from each page as it is rendered; the other output files follow the pages.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { PageRecord } from '../model/anchors-baseline.js';
import type { Site } from '../model/types.js';
import { inManifest, indexSite, manifestOf, pageRecord } from './anchors.js';
import { FileWriter } from './file-writer.js';
import { checkOutput, idsOf, outputDiagnostics } from './link-check.js';
import { LinkCollector } from './link-collector.js';
import { pageUrlOf } from './link-resolve.js';
import { outputs } from './outputs.js';
import { pageFile } from './page.js';
import { renderSite, siteRenderer, type RenderOptions } from './render-site.js';

export interface StreamTimings {
  /** Building page data and rendering pages and other output files (CPU). */
  render: number;
  /** Waiting for writes (most of the writing overlaps with rendering). */
  write: number;
  /** Scanning pages for ids and links, and the final check of links between pages. */
  links: number;
}

export interface StreamResult {
  /** Every file written, in order (pages first): a path written twice is listed twice. */
  paths: string[];
  /** Problems found by the link check (errors fail the build). */
  diagnostics: Diagnostic[];
  timings: StreamTimings;
}

/** Write the site's pages and files into `dir`; `existing` lists files already there (client assets). */
export async function streamSite(site: Site, dir: string, options: RenderOptions & { existing: Iterable<string> }): Promise<StreamResult> {
  const timings: StreamTimings = { render: 0, write: 0, links: 0 };
  let started = performance.now();
  const { pages, render } = siteRenderer(site, options);
  const index = indexSite(site);
  timings.render += performance.now() - started;
  const files = pages.map((page) => pageFile(page.url));
  // Two pages for one file is an error; the whole-output check reports it exactly as before.
  if (new Set(files).size !== files.length) return inMemory(site, dir, options, timings);
  const collector = new LinkCollector({ base: options.base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}) });
  const records = new Map<string, PageRecord>();
  const writer = new FileWriter(dir);
  const paths: string[] = [];
  try {
    for (const page of pages) {
      started = performance.now();
      const html = render(page);
      const file = pageFile(page.url);
      const scanned = performance.now();
      timings.render += scanned - started;
      const record = (ids: readonly string[]): PageRecord => {
        const made = pageRecord(index, page, ids);
        records.set(page.url, made);
        return made;
      };
      // Only .html files are pages to the check (a redirect stub may be written without the suffix).
      if (file.endsWith('.html')) collector.addPage(file, html, inManifest(page) ? record : undefined);
      else if (inManifest(page)) record(idsOf(html).map((i) => i.id));
      timings.links += performance.now() - scanned;
      paths.push(file);
      await writer.write(file, html);
    }
    started = performance.now();
    const manifest = manifestOf(records);
    const extra = outputs(site, { pages: pages.map((page) => ({ page })), base: options.base, manifest });
    timings.render += performance.now() - started;
    for (const file of extra) {
      if (file.path.endsWith('.html') && typeof file.contents === 'string') {
        const record = manifest.pages[pageUrlOf(file.path)];
        collector.addPage(file.path, file.contents, record ? () => record : undefined);
      }
      paths.push(file.path);
      await writer.write(file.path, file.contents);
    }
    await writer.flush();
    timings.write = writer.waited;
    started = performance.now();
    const all = new Set([...options.existing, ...paths]);
    const diagnostics = outputDiagnostics(collector, all, paths, manifest, site.redirects);
    timings.links += performance.now() - started;
    return { paths, diagnostics, timings };
  } catch (error) {
    await writer.settle();
    throw error;
  }
}

/** Render everything, check it as a whole, then write it (only for output that already has an error). */
async function inMemory(site: Site, dir: string, options: RenderOptions & { existing: Iterable<string> }, timings: StreamTimings): Promise<StreamResult> {
  let started = performance.now();
  const files = renderSite(site, options);
  timings.render += performance.now() - started;
  started = performance.now();
  const diagnostics = checkOutput(files, { base: options.base, ...(site.baseUrl ? { baseUrl: site.baseUrl } : {}), existing: options.existing, redirects: site.redirects });
  timings.links += performance.now() - started;
  const writer = new FileWriter(dir);
  try {
    for (const file of files) await writer.write(file.path, file.contents);
    await writer.flush();
  } catch (error) {
    await writer.settle();
    throw error;
  }
  timings.write = writer.waited;
  return { paths: files.map((f) => f.path), diagnostics, timings };
}
