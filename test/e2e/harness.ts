/**
 * End-to-end harness: builds a site once into a temp folder, serves it on 127.0.0.1, drives
 * /usr/bin/chromium through playwright-core, collects console errors, failed requests and
 * Content-Security-Policy violations (`securitypolicyviolation` events), and runs axe-core. Feature tests (test/e2e/<feature>.test.ts) share one build and one browser per file:
 *
 *   const h = await startHarness();          // in beforeAll
 *   const { page, problems } = await h.open('offerings/secrets-manager/');
 *   expect(problems()).toEqual([]);
 *   expect(await axe(page)).toEqual([]);
 *   await h.close();                         // in afterAll
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { buildSite } from '../../src/build/build-site.js';
import { normaliseBase } from '../../src/render/url.js';
import { serveStatic, type StaticServer } from './static-server.js';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The repository root (tests run from it). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export interface HarnessOptions {
  /** Build this model instead of the shipped content. */
  site?: Site;
  /** Content folder to load (default: the shipped content/). */
  contentDir?: string;
  base?: string;
  /** Serve with the CSP header too (default true); false: the pages' <meta> policy alone. */
  cspHeader?: boolean;
}

export interface OpenOptions {
  javaScript?: boolean;
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors, CSP violations and failed or 4xx/5xx requests seen since the last navigation. */
  problems(): string[];
  /** Navigate the same tab elsewhere (cheaper than a new page); problems start afresh. */
  goto(url: string): Promise<void>;
}

export interface Harness {
  outDir: string;
  /** Origin plus base, e.g. http://127.0.0.1:4321/sub/ */
  siteUrl: string;
  base: string;
  site: Site;
  browser: Browser;
  /** Open a page by its URL relative to the base (fragment allowed) or absolute. Close it with context.close(). */
  open(url: string, options?: OpenOptions): Promise<OpenedPage>;
  close(): Promise<void>;
}

/** A content folder as a model (the shipped content by default); content errors fail the test run. */
export async function loadContentSite(contentDir = path.join(repoRoot, 'content')): Promise<Site> {
  const { site, diagnostics } = await loadSite(contentDir);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!site || errors.length > 0) {
    throw new Error(`content errors in ${contentDir}:\n${errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n')}`);
  }
  return site;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript !== false,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  let problems: string[] = [];
  // Reported from the page through a binding: a violation fails the page checks like an error.
  await context.exposeBinding('__respmatrixCspViolation', (_source, violation: string) => {
    problems.push(`csp: ${violation}`);
  });
  await context.addInitScript(cspListener);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request cut off by the next navigation (often the favicon) is no fault of the site's;
    // a missing file shows as an HTTP error below, a blocked one as a CSP violation above.
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.url()}`);
  });
  const goto = async (target: string) => {
    problems = [];
    await page.goto(target, { waitUntil: 'load' });
  };
  await goto(url);
  return { page, context, problems: () => [...problems], goto };
}

/** Runs before any page script (through DevTools, so the page's own CSP does not apply to it). */
const cspListener = `document.addEventListener('securitypolicyviolation', (e) => {
  window.__respmatrixCspViolation(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber + (e.sample ? ' (' + e.sample + ')' : ''));
});`;

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  targets: string[];
}

/** axe-core's violations on the page (WCAG 2.x A/AA and best practices). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through DevTools rather than as a <script>: the pages are served with a strict CSP.
  await page.evaluate(`${await axeSource};0`);
  // A string: the root tsconfig has no DOM types, and this runs in the page.
  return page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact ?? undefined, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`);
}

/**
 * Each view (URL and width) opened, checked with axe in light and in dark mode, and watched for
 * page problems; what failed, as readable lines (none when all is well).
 */
export async function accessibilityFailures(h: Harness, views: readonly (readonly [string, number])[]): Promise<string[]> {
  const failures: string[] = [];
  for (const [url, width] of views) {
    const { page, context, problems } = await h.open(url, { width });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const v of await axe(page)) failures.push(`${url} at ${width}, ${scheme}: ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
    }
    failures.push(...problems().map((p) => `${url} at ${width}: ${p}`));
    await context.close();
  }
  return failures;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const base = normaliseBase(options.base ?? '/');
  const site = options.site ?? (await loadContentSite(options.contentDir));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-e2e-'));
  const outDir = path.join(tmp, 'dist');
  await buildSite(site, { outDir, base, contentDir: options.contentDir ?? path.join(repoRoot, 'content') });
  const [server, browser]: [StaticServer, Browser] = await Promise.all([serveStatic(outDir, base, { cspHeader: options.cspHeader !== false }), launchBrowser()]);
  const siteUrl = `${server.origin}${base}`;
  return {
    outDir,
    siteUrl,
    base,
    site,
    browser,
    open: (url, openOptions) => openPage(browser, new URL(url.replace(/^\/+/, ''), siteUrl).href, openOptions),
    close: async () => {
      await browser.close();
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
