import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/changes/diff.js';
import type { Site } from '../../src/model/types.js';
import { renderSite } from '../../src/build/pipeline.js';
import { byId, elements, textOf, tree } from '../render/helpers.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const load = (name: string): Site => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Site;
const assets = { scripts: [], styles: [] };

function render(site: Site, changes?: ReturnType<typeof diffModels>): Map<string, string> {
  const files = renderSite(site, { base: '/sub/', assets, ...(changes ? { changes } : {}) });
  return new Map(files.map((f) => [f.path, String(f.contents)]));
}

describe('the "What changed" page', () => {
  const before = load('old-model.json');
  const after = load('new-model.json');

  it('is built only with a baseline, and linked from home', () => {
    const without = render(after);
    expect(without.has('changes/index.html')).toBe(false);
    expect(without.get('index.html')).not.toContain('changes/');
    const files = render(after, diffModels(before, after));
    const home = tree(files.get('index.html') ?? '');
    expect(elements(home, (e) => e.tagName === 'a' && e.properties.href === '/sub/changes/').length).toBe(1);
  });

  it('lists changes per offering with word-level marks and row links', () => {
    const html = render(after, diffModels(before, after)).get('changes/index.html') ?? '';
    const page = tree(html);
    expect(textOf(byId(page, 'changes-kp-std'))).toBe('Key Protect Standard');
    const ins = elements(page, (e) => e.tagName === 'ins').map(textOf);
    const del = elements(page, (e) => e.tagName === 'del').map(textOf);
    expect(ins).toContain('text messages');
    expect(del).toContain('emails');
    const links = elements(page, (e) => e.tagName === 'a').map((e) => String(e.properties.href));
    expect(links).toContain('/sub/offerings/kp-std/#incident-operations--incidents');
    // A removed offering has no page to link to.
    expect(textOf(byId(page, 'changes-sm'))).toBe('Secrets Manager');
    expect(links).not.toContain('/sub/offerings/sm/');
  });

  it('escapes cell text', () => {
    const evil = structuredClone(after);
    const row = evil.offerings[2]?.sections[0]?.rows[0];
    if (!row) throw new Error('fixture changed');
    row.customer.text = 'Review <img src=x onerror=alert(1)> logs';
    const html = render(evil, diffModels(before, evil)).get('changes/index.html') ?? '';
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});
