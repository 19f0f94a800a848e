/**
 * What `build` writes once rather than per row: a row carries only its "#" link (the script makes
 * the copy button from it), its table says "Offering › Area" once (and a page its offering once, for
 * headings and captions), and model.json is not indented.
 * Built through the CLI from the shipped content, so a template that brings per-row markup back fails here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPages, repo, run } from './helpers.js';

describe('built pages write a row once', () => {
  let tmp: string;
  let out: string;
  let pages: { file: string; html: string }[];

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-weight-'));
    out = path.join(tmp, 'dist');
    const build = await run(['build', '--content', path.join(repo, 'content'), '--out', out, '--quiet'], tmp);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    pages = htmlPages(out);
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** Every table row that has an id, with the page it is on. */
  function rows(): { file: string; id: string; html: string }[] {
    return pages.flatMap(({ file, html }) =>
      [...html.matchAll(/<tr id="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({ file, id: m[1]!, html: m[2]! })),
    );
  }

  it('a row holds its "#" link and no copy button, icon or link title', () => {
    const linked = rows().filter((row) => row.html.includes('class="copy-link"'));
    // offering, area and comparison pages all have rows with a control
    expect(new Set(linked.map((row) => row.file.split('/')[0]))).toEqual(new Set(['offerings', 'areas', 'compare']));
    for (const row of linked) {
      const where = `${row.file}#${row.id}`;
      expect(row.html, where).not.toMatch(/<svg|<button|data-title=|data-fragment=/);
      const links = [...row.html.matchAll(/<a class="copy-link" href="#([^"]+)" aria-label="Link to [^"]+">#<\/a>/g)];
      expect(links.map((m) => m[1]), where).toEqual([row.id]);
    }
  });

  it('each table with linked rows names its "Offering › Area" once, for the script to title their links', () => {
    const offering = pages.find((p) => p.file === 'offerings/key-protect-standard/index.html')!.html;
    expect(offering).toContain('data-link-context="Key Protect Standard &#8250; Disaster recovery"');
    const pair = pages.find((p) => p.file === 'compare/key-protect-standard-vs-secrets-manager/index.html')!.html;
    expect(pair).toContain('data-link-context="Key Protect Standard vs Secrets Manager &#8250; Disaster recovery"');
    for (const { file, html } of pages) {
      for (const table of html.split('<table').slice(1)) {
        const body = table.slice(0, table.indexOf('</table>'));
        if (/<tr id="[^"]+"[^>]*>[\s\S]*?class="copy-link"/.test(body)) expect(body.slice(0, body.indexOf('>')), file).toContain('data-link-context="');
      }
    }
  });

  it('headings and captions write a link title only where their context and label do not give it', () => {
    const offering = pages.find((p) => p.file === 'offerings/key-protect-standard/index.html')!.html;
    expect(offering).toContain('<div class="matrix-view outlined-main" data-link-context="Key Protect Standard">');
    expect(offering).toContain(
      '<h2 id="disaster-recovery">Disaster recovery<a class="copy-link" href="#disaster-recovery" aria-label="Link to Disaster recovery">#</a></h2>',
    );
    expect(offering).toMatch(/<caption>Table 5\. Responsibilities for disaster recovery - Key Protect Standard<a class="copy-link" href="#[^"]+" aria-label="[^"]+">#<\/a><\/caption>/);
    const checklist = pages.find((p) => p.file === 'checklist/key-protect-standard/index.html')!.html;
    expect(checklist).toContain('data-link-context="Key Protect Standard checklist"');
    // an area page's heading is an offering, labelled "Offering: Area" but titled "Offering › Area"
    const area = pages.find((p) => p.file === 'areas/disaster-recovery/index.html')!.html;
    expect(area).toContain(
      '<a class="copy-link" href="#key-protect-standard" aria-label="Link to Key Protect Standard: Disaster recovery" data-title="Key Protect Standard &#8250; Disaster recovery">#</a>',
    );
    for (const { file, html } of pages) expect(html, file).not.toMatch(/<button[^>]*copy-link/);
  });

  it('model.json is written without indentation', () => {
    const model = readFileSync(path.join(out, 'model.json'), 'utf8');
    expect(model.indexOf('\n')).toBe(model.length - 1);
    expect(JSON.parse(model)).toHaveProperty('offerings');
  });
});
