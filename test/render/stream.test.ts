/**
 * The streamed build output (render, scan, write page by page) equals the in-memory render,
 * and its link check reports exactly what the whole-output check reports, in the same order.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { scanAttributes, scanAttributesByTag, scanIds } from '../../src/links/html-scan.js';
import { checkOutput } from '../../src/links/link-check.js';
import { renderSite } from '../../src/build/pipeline.js';
import { streamSite } from '../../src/build/stream-site.js';
import { fixtureContent } from '../links/fixture.js';

const noAssets = { scripts: [], styles: [] };
const existing = ['favicon.svg'];
let site: Site;
let tmp: string;

beforeAll(async () => {
  const loaded = await loadSite(fixtureContent);
  site = loaded.site!;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-stream-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

let runs = 0;
async function both(s: Site, base = '/') {
  const dir = path.join(tmp, String(runs++));
  const streamed = await streamSite(s, dir, { base, assets: noAssets, existing });
  const files = renderSite(s, { base, assets: noAssets });
  const expected = checkOutput(files, { base, ...(s.baseUrl ? { baseUrl: s.baseUrl } : {}), existing, redirects: s.redirects });
  return { dir, streamed, files, expected };
}

/** Markup that trips naive scanners: quotes, `>` in values, text that looks like attributes. */
const TRICKY = [
  '<td>&lt;img src="../x.svg" id="x"&gt; <a href="#main">top</a></td><main id="main"></main>',
  '<p title="a > b" href="/after-gt/" id="late">x</p><a href="/ok/">ok</a>',
  '<p>text id="open quote <a href="/inside/" id="i">a</a> and" more</p>',
  '<div id="a" data-x="1" id="b"><img src="/s.png" alt=""></div><span>< not a tag id="n"</span>',
  '<a href="/x/"  id="z">unclosed <b id="last"',
  '',
];

/** The tricky samples, then every HTML page of the rendered fixture site. */
function htmlSamples(extra: string[] = []): [string, string][] {
  const pages = renderSite(site, { base: '/', assets: noAssets }).flatMap((file) =>
    typeof file.contents === 'string' && file.path.endsWith('.html') ? [[file.path, file.contents] as [string, string]] : [],
  );
  return [...[...TRICKY, ...extra].map((html): [string, string] => [html, html]), ...pages];
}

describe('html scan', () => {
  test('finds the same ids and links as a tag-by-tag scan, in tricky markup too', () => {
    for (const [name, html] of htmlSamples()) expect(scanAttributes(html), name).toEqual(scanAttributesByTag(html));
  });

  test('the id-only scan finds the ids the whole scan finds', () => {
    const idsOf = (html: string) => scanAttributes(html).flatMap((a) => (a.name === 'id' ? [a.value] : []));
    const extra = [
      '<a href="/x id=" id="y">link value ending in id=</a><li data-text="say id=" id="t">',
      '<p\nid="newline" data-id="no"\tid="tab">&amp;</p><b id="a&amp;b" id="no-close>',
      '<i id="v>alue">x</i><i\u00a0id="nbsp">y</i>',
    ];
    for (const [name, html] of htmlSamples(extra)) expect(scanIds(html), name).toEqual(idsOf(html));
  });
});

describe('streamSite', () => {
  test('writes the same files as the in-memory render and finds no problem', async () => {
    const { dir, streamed, files, expected } = await both(site, '/docs/');
    expect(expected).toEqual([]);
    expect(streamed.diagnostics).toEqual([]);
    expect(streamed.paths).toEqual(files.map((f) => f.path));
    for (const file of files) {
      const written = await readFile(path.join(dir, file.path));
      expect(written.equals(Buffer.from(file.contents)), file.path).toBe(true);
    }
  });

  test('reports broken links, missing fragments and bad redirects like the whole-output check', async () => {
    const broken = structuredClone(site);
    const rows = broken.offerings[0]!.sections.flatMap((s) => s.rows);
    rows[0]!.customer = { text: 'See', html: '<p>See <a href="#no-such-anchor">there</a> and <a href="/offerings/gone/">gone</a></p>' };
    rows[1]!.provider = { text: 'x', html: '<p><a href="../nowhere/">rel</a> <a href="https://links.example.com/areas/none/#x">abs</a></p>' };
    broken.offerings[1]!.sections[0]!.rows[0]!.provider = { text: 'y', html: '<p><a href="/offerings/gone/">again</a> <a href="../nowhere/">rel</a></p>' };
    broken.redirects = [{ from: '/offerings/old/', to: '/offerings/nowhere/' }];
    const { streamed, expected } = await both(broken);
    expect(expected.length).toBeGreaterThan(8);
    expect(streamed.diagnostics).toEqual(expected);
    // A redirect from a page that exists writes two pages to one file: still the same report.
    broken.redirects.push({ from: `/offerings/${broken.offerings[0]!.id}/`, to: '/offerings/x/' });
    const twice = await both(broken);
    expect(twice.expected.some((d) => d.message.startsWith('Two pages are written'))).toBe(true);
    expect(twice.streamed.diagnostics).toEqual(twice.expected);
  });

  test('reads back the pages it takes from the model when a problem involves them: same report, links in every kind of content', async () => {
    const broken = structuredClone(site);
    const [first, second] = broken.offerings;
    const section = first!.sections[0]!;
    const customer = section.rows.find((r) => r.customer.text.trim() !== '')!;
    // Summary, section intro, a customer duty (offering, area and checklist pages) and the source address.
    first!.summary = { text: 's', html: '<p>See <a href="/offerings/gone/#a">gone</a> and <a href="#main">top</a></p>' };
    section.intro = { text: 'i', html: '<p><a href="#not-here">missing</a> <a href="../../checklist/nowhere/">rel</a></p>' };
    customer.customer = { text: 'c', html: `<p><a href="/checklist/${first!.id}/#nope">checklist</a> <a href="/offerings/${second!.id}/#duties-only">other</a></p>` };
    second!.sourceUrl = 'https://links.example.com/offerings/gone-too/';
    const { streamed, expected } = await both(broken);
    const text = expected.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Link "\/offerings\/gone\/#a" on \/offerings\/.* points to a page that does not exist/),
        expect.stringMatching(/warning Link "#not-here"/),
        expect.stringMatching(/Link "\/checklist\/.*\/#nope" .* points to a fragment that does not exist/),
        expect.stringMatching(/Link "https:\/\/links\.example\.com\/offerings\/gone-too\/"/),
      ]),
    );
    // Ids only the pages' HTML has (the layout's #main, the offering page's toggle) are found on reading them back.
    expect(text.filter((d) => d.includes('"#main"') || d.includes('#duties-only'))).toEqual([]);
    expect(streamed.diagnostics).toEqual(expected);
  });
});
