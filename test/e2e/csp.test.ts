/**
 * The Content-Security-Policy in every page's <meta>: served WITHOUT the header (as GitHub Pages
 * serves it), every page loads and its features work in Chromium with zero
 * `securitypolicyviolation` events, and the meta policy really blocks inline code.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DevPages } from '../../src/dev/pages.js';
import { CONTENT_SECURITY_POLICY } from '../../src/render/csp.js';
import { loadContentSite, startHarness, type Harness } from './harness.js';

let h: Harness;
let htmlFiles: string[];

beforeAll(async () => {
  const site = await loadContentSite();
  // A moved offering with a moved fragment: the redirect page and its script run under the policy too.
  const redirects = [
    { from: '/offerings/kp/', to: '/offerings/key-protect-standard/' },
    { from: '/offerings/kp/#old-dr', to: '/offerings/key-protect-standard/#disaster-recovery' },
  ];
  h = await startHarness({ site: { ...site, redirects }, cspHeader: false });
  htmlFiles = (await readdir(h.outDir, { recursive: true }))
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
});
afterAll(async () => {
  await h?.close();
});

/** The page URL (relative to the base) that serves a built HTML file. */
function urlOf(file: string): string {
  return file === 'index.html' ? '' : file.replace(/(^|\/)index\.html$/, '$1');
}

describe('Content-Security-Policy meta', () => {
  test('every page carries the policy first in <head>, with a referrer policy, and no inline code', async () => {
    expect(htmlFiles.length).toBeGreaterThan(10);
    expect(htmlFiles).toContain('offerings/kp/index.html');
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/base-uri 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/form-action 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*/);
    // Written into the attribute as it is (src/render/environment.ts).
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/["&<>]/);
    const problems: string[] = [];
    for (const file of htmlFiles) {
      const html = await readFile(path.join(h.outDir, file), 'utf8');
      const head = /<head>\n<meta charset="utf-8">\n(<meta [^>]*>)\n<meta name="referrer" content="no-referrer">/.exec(html);
      if (head?.[1] !== `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`) {
        problems.push(`${file}: no CSP meta right after the charset`);
      }
      if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(html)) problems.push(`${file}: inline <script>`);
      if (/<style[\s>]/i.test(html)) problems.push(`${file}: <style> element`);
      if (/<[a-z][^>]*\sstyle=/i.test(html)) problems.push(`${file}: style attribute`);
      if (/<[a-z][^>]*\son[a-z]+=/i.test(html)) problems.push(`${file}: event handler attribute`);
      if (/javascript:/i.test(html)) problems.push(`${file}: javascript: URL`);
    }
    expect(problems).toEqual([]);
  });

  test('every page loads with JavaScript and zero CSP violations', async () => {
    const report: Record<string, string[]> = {};
    const tab = await h.open(urlOf(htmlFiles[0]!));
    for (const file of htmlFiles) {
      const url = new URL(urlOf(file), h.siteUrl).href;
      await tab.goto(url);
      // A redirect page moves on by script: wait for it, or the next visit cuts that navigation off.
      if ((await readFile(path.join(h.outDir, file), 'utf8')).includes('redirect.js')) await tab.page.waitForURL((now) => now.href !== url);
      // Client code runs after load; give deferred work (module scripts, idle callbacks) a moment.
      await tab.page.waitForLoadState('networkidle');
      if (tab.problems().length > 0) report[file] = tab.problems();
    }
    await tab.context.close();
    expect(report).toEqual({});
  }, 120_000);

  test('search, copy-link, compare, checklist and a redirect with a fragment work with zero violations', async () => {
    const { page, context, problems } = await h.open('offerings/key-protect-standard/');
    // Each step settles before the next navigation, so no request is cut off half-way.
    const visit = async (url: string): Promise<void> => {
      await page.waitForLoadState('networkidle');
      await page.goto(new URL(url, h.siteUrl).href);
    };
    await page.keyboard.press('/');
    await page.keyboard.type('backup');
    await page.locator('[role="listbox"] [role="option"]').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.copy-link-button').first().click();
    await page.locator('.copy-link-menu').waitFor();
    await visit('compare/');
    await page.getByRole('checkbox', { name: /differences only/i }).check();
    await page.waitForURL(/diff=1/);
    await visit('checklist/secrets-manager/');
    await page.locator('.checklist-item > input').first().check();
    await visit('search/?q=firmware');
    await page.locator('main a[href*="#"]').first().waitFor();
    await visit('offerings/kp/#old-dr');
    await page.waitForURL(/key-protect-standard\/#disaster-recovery$/);
    await page.waitForLoadState('networkidle');
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('the meta policy alone blocks inline scripts, handlers, inline styles and eval, and the harness reports it', async () => {
    // A built page with code slipped in, as if it had got past the sanitiser.
    const home = await readFile(path.join(h.outDir, 'index.html'), 'utf8');
    const payload = [
      '<script>window.__pwned = "inline"</script>',
      '<img src="favicon.svg" alt="" onload="window.__pwned = \'handler\'">',
      '<p id="styled" style="color: rgb(255, 0, 0)">styled</p>',
      '<script src="csp-probe.js"></script>',
    ].join('\n');
    await writeFile(path.join(h.outDir, 'csp-probe.html'), home.replace('</body>', `${payload}\n</body>`));
    await writeFile(
      path.join(h.outDir, 'csp-probe.js'),
      "try { eval('window.__pwned = \\'eval\\''); } catch { document.documentElement.dataset.evalBlocked = 'yes'; }\n",
    );
    const { page, context, problems } = await h.open('csp-probe.html');
    await page.waitForLoadState('networkidle');
    const state = await page.evaluate(() => ({
      pwned: (window as { __pwned?: string }).__pwned ?? null,
      evalBlocked: document.documentElement.dataset.evalBlocked ?? null,
      color: getComputedStyle(document.getElementById('styled')!).color,
    }));
    expect(state.pwned).toBeNull();
    expect(state.evalBlocked).toBe('yes');
    expect(state.color).not.toBe('rgb(255, 0, 0)');
    const seen = problems().filter((p) => p.startsWith('csp: ')).map((p) => p.split(' at ')[0]);
    expect(new Set(seen)).toEqual(
      new Set(['csp: script-src-elem blocked inline', 'csp: script-src-attr blocked inline', 'csp: style-src-attr blocked inline', 'csp: script-src blocked eval']),
    );
    await context.close();
  });

  test('the dev server leaves the policy out (Vite injects inline styles) but keeps the referrer policy', () => {
    const resolved = new DevPages(h.site, '/').resolve('');
    if (resolved.kind !== 'page') throw new Error('no home page in dev');
    expect(resolved.html).not.toContain('Content-Security-Policy');
    expect(resolved.html).toContain('<meta name="referrer" content="no-referrer">');
  });
});
