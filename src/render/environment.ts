/**
 * The Nunjucks environment: autoescape on, templates from templates/, and the globals every
 * template may use (`url`, `absoluteUrl`, `nav`, `labels`). Pages are rendered with `site`,
 * `page`, `assets` and `base` in their context.
 */
import nunjucks from 'nunjucks';
import { LABEL_SOURCE } from '../model/row-name.js';
import type { Site } from '../model/types.js';
import type { Page } from './page.js';
import { templatesDir } from './paths.js';
import { absoluteUrl, siteUrl } from './url.js';
import { featureGlobals } from './globals.js';
import { CONTENT_SECURITY_POLICY, REFERRER_POLICY } from './csp.js';
import { CompiledLoader, templateCacheEnabled } from './template-cache.js';
import { escapeHtml, latin1Html } from './escape.js';

// Autoescape and the `escape` filter call lib.escape: ours gives the same text, faster (escape.ts).
nunjucks.lib.escape = escapeHtml;

/** Client assets to reference from every page (base-prefixed URLs). */
export interface Assets {
  scripts: string[];
  styles: string[];
}

export interface RenderContext {
  site: Site;
  /** Public base path, starting and ending with '/'. */
  base: string;
  assets: Assets;
  /** URLs of every page, to show only navigation links that exist. */
  pageUrls: ReadonlySet<string>;
  /** Dev server: no CSP meta (Vite's client injects inline styles). */
  watch?: boolean;
}

/** Top-level pages linked from the header when they exist (never one link per offering). */
const navCandidates = [
  { url: '', label: 'Offerings' },
  { url: 'compare/', label: 'Compare' },
  { url: 'stack/', label: 'Your stack' },
  { url: 'search/', label: 'Search' },
];

/** Column headings and party words, derived from the site's party labels. */
export function partyLabels(site: Pick<Site, 'parties'>): Record<string, string> {
  const { provider, customer } = site.parties;
  const you = customer.trim().toLowerCase() === 'you';
  return {
    providerShort: provider,
    customerShort: customer,
    provider: `${provider} responsibilities`,
    customer: you ? 'Your responsibilities' : `${customer} responsibilities`,
    customerPossessive: you ? 'your' : `${customer}'s`,
    customerPronoun: you ? 'you' : customer,
    task: 'Task',
    /** Whose row labels stand beside the canonical task titles ("Backups · IBM: Applications"). */
    labelSource: LABEL_SOURCE,
  };
}

export function createEnvironment(context: RenderContext): nunjucks.Environment {
  // Templates are loaded once per environment; the dev server makes a new one when a template changes.
  const compiled = templateCacheEnabled();
  const loader = compiled ? new CompiledLoader(templatesDir) : new nunjucks.FileSystemLoader(templatesDir);
  const env = new nunjucks.Environment(loader, { autoescape: true, trimBlocks: true, lstripBlocks: true });
  if (loader instanceof CompiledLoader) loader.environment = env;
  env.addGlobal('url', (target: string) => siteUrl(context.base, target));
  env.addGlobal('absoluteUrl', (target: string) => absoluteUrl(context.site.baseUrl, siteUrl(context.base, target)));
  env.addGlobal('nav', navCandidates.filter((item) => context.pageUrls.has(item.url)));
  env.addGlobal('labels', partyLabels(context.site));
  // Sanitised Markdown, printed as it is but for characters past U+00FF (escape.ts).
  env.addFilter('html', (html: string) => new nunjucks.runtime.SafeString(latin1Html(html)));
  // The policy is our constant, free of `"`, `&` and `<`: written as it is, not with its sixteen quotes as `&#39;`.
  const csp = new nunjucks.runtime.SafeString(CONTENT_SECURITY_POLICY);
  env.addGlobal('security', { csp: context.watch === true ? undefined : csp, referrer: REFERRER_POLICY });
  for (const [name, value] of Object.entries(featureGlobals(context.site, context.base))) env.addGlobal(name, value);
  return env;
}

export function renderPage(env: nunjucks.Environment, page: Page, context: RenderContext): string {
  return env.render(page.template, { site: context.site, page, assets: context.assets, base: context.base });
}
