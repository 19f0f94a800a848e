/**
 * Pages are written one byte a character: every character past U+00FF, in the content or in the
 * templates, as a numeric character reference (render/escape.ts says why). Built through the CLI
 * from the shipped content with such characters put into an offering's name, a keyword, a cell
 * and an intro: no page holds one raw, a browser's parse of the page reads the text as written, and
 * the link check reads the references back (the build passes it).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPages, repo, run } from './helpers.js';

const WIDE = /[\u0100-\u{10ffff}]/u;

/** Replace `from` with `to` in a content file, which must hold it. */
function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text, file).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

/** A page's text as a browser reads it, and its elements' `data-title`s. */
function read(html: string): { text: string; titles: string[] } {
  const tree: Root = fromHtml(html);
  let text = '';
  const titles: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'text') text += node.value;
    if (node.type === 'element' && typeof (node as Element).properties['dataTitle'] === 'string') titles.push((node as Element).properties['dataTitle'] as string);
  });
  return { text, titles };
}

describe('pages one byte a character', () => {
  let tmp: string;
  let pages: { file: string; html: string }[];
  let build: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-one-byte-'));
    const content = path.join(tmp, 'content');
    cpSync(path.join(repo, 'content'), content, { recursive: true });
    replaceIn(path.join(content, 'keywords.yaml'), 'keymanagementserviceshort: Key Protect\n', 'keymanagementserviceshort: "Key Protect™ ‹β›"\n');
    replaceIn(path.join(content, 'site.yaml'), 'name: Key Protect Standard\n', 'name: "Key Protect™ ‹β› Standard"\n');
    const source = path.join(content, 'sources', 'key-protect.md');
    replaceIn(source, '| Availability | Provide high availability', '| Availability | Provide “high” availability ✓ 😀');
    replaceIn(source, 'You are responsible for incident and operations management', 'You’re responsible — for incident and operations management');
    const out = path.join(tmp, 'dist');
    build = await run(['build', '--content', content, '--out', out, '--quiet'], tmp);
    pages = htmlPages(out);
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('builds, links checked', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(pages.length).toBeGreaterThan(15);
  });

  it('writes no character past U+00FF raw, in any page', () => {
    for (const { file, html } of pages) expect(WIDE.exec(html)?.[0], file).toBeUndefined();
  });

  it('says the same to a browser: names, cells, intros and link titles as written', () => {
    const page = (file: string) => read(pages.find((p) => p.file === file)!.html);
    const offering = page('offerings/key-protect-standard/index.html');
    expect(offering.text).toContain('Provide “high” availability ✓ 😀');
    expect(offering.text).toContain('You’re responsible — for incident and operations management');
    expect(offering.text).toContain('responsibilities when using Key Protect™ ‹β›');
    expect(page('checklist/key-protect-standard/index.html').text).toContain('Key Protect™ ‹β› Standard');
    expect(page('areas/disaster-recovery/index.html').titles).toContain('Key Protect™ ‹β› Standard › Disaster recovery');
    // The template's own characters.
    expect(page('checklist/key-protect-standard/index.html').text).toContain('All offerings › Key Protect™ ‹β› Standard');
  });

  it('templates write such characters as references in their markup, and print HTML through the html filter', () => {
    const dir = path.join(repo, 'templates');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.njk'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      // Markup only: comments and tags ({% %}, {{ }}) print nothing of their own text.
      const template = readFileSync(path.join(dir, file), 'utf8').replace(/\{#[\s\S]*?#\}/g, '');
      const markup = template.replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, '');
      expect(WIDE.exec(markup)?.[0], file).toBeUndefined();
      // `safe` would print content's characters past U+00FF as they are.
      expect(template, file).not.toMatch(/\|\s*safe\b/);
    }
  });
});
