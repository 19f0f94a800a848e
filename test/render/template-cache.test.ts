/**
 * Compiled templates from the cache render exactly what templates compiled on the spot render:
 * the first build stores them, the second loads them, and both equal a build without the cache.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { describe, expect, test } from 'vitest';
import { bindDirectly, CompiledLoader, dropLoopBindings } from '../../src/render/template-cache.js';
import { loadSite } from '../../src/build/load-site.js';
import { renderSite } from '../../src/build/pipeline.js';
import { wholeContents } from '../../src/render/page.js';
import { fixtureContent } from '../links/fixture.js';

const assets = { scripts: ['/assets/main.js'], styles: ['/assets/main.css'] };

function renderWith(site: Parameters<typeof renderSite>[0], cache: boolean) {
  process.env['RESPMATRIX_TEMPLATE_CACHE'] = cache ? '1' : '0';
  try {
    return renderSite(site, { base: '/', assets }).map((file) => ({ ...file, contents: wholeContents(file.contents) }));
  } finally {
    delete process.env['RESPMATRIX_TEMPLATE_CACHE'];
  }
}

describe('template cache', () => {
  test('renders byte for byte what compiling on the spot renders', async () => {
    const site = (await loadSite(fixtureContent, { cacheDir: false })).site!;
    const plain = renderWith(site, false);
    const stored = renderWith(site, true);
    const loaded = renderWith(site, true);
    expect(plain.length).toBeGreaterThan(5);
    expect(stored).toEqual(plain);
    expect(loaded).toEqual(plain);
  });

  test("leaves out a for loop's `loop` bindings only when no template can read them", () => {
    const render = (templates: Record<string, string>): { html: string; code: string; loaded: string } => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-templates-'));
      try {
        for (const [name, text] of Object.entries(templates)) writeFileSync(path.join(dir, name), text);
        const loader = new CompiledLoader(dir);
        const env = new nunjucks.Environment(loader, { autoescape: true });
        loader.environment = env;
        const html = env.render('page.njk', { items: ['a', 'b', 'c'] });
        // The page's code as the loader handed it to Nunjucks.
        const loaded = String((loader as unknown as { precompiled: Record<string, { root: () => void }> }).precompiled[path.join(dir, 'page.njk')]?.root);
        return { html, code: nunjucks.compiler.compile(templates['page.njk'] ?? '', [], [], 'page.njk', {}), loaded };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const page = '{% for item in items %}[{{ item }}{% include "part.njk" %}]{% endfor %}';
    // The include reads the including loop's bindings: they stay.
    const reading = render({ 'page.njk': page, 'part.njk': ' {{ loop.index }}/{{ loop.length }}' });
    expect(reading.html).toBe('[a 1/3][b 2/3][c 3/3]');
    expect(reading.loaded).toContain('frame.set("loop.index"');
    const { html, code, loaded } = render({ 'page.njk': page, 'part.njk': '!' });
    expect(html).toBe('[a!][b!][c!]');
    expect(loaded).toContain('frame.variables["item"] = ');
    expect(loaded).not.toContain('loop.');
    // What is dropped: the seven bindings, a line each, and nothing else.
    expect(code.match(/frame\.set\("loop\./g)).toHaveLength(7);
    expect(dropLoopBindings(code)).not.toContain('loop.');
    expect(code.split('\n').length - dropLoopBindings(code).split('\n').length).toBe(7);
  });

  test('binds macro arguments and loop variables without Frame#set, and leaves set tags to it', () => {
    const source = '{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{% set x = 1 %}{% for i in [2, 3] %}{{ m(i, x) }}{% endfor %}';
    const code = nunjucks.compiler.compile(source, [], [], 'page.njk', {});
    const bound = bindDirectly(code);
    expect(bound).toContain('frame.variables["a"] = l_a;');
    expect(bound).toContain('frame.variables["caller"] = kwargs.caller;');
    // Left to Frame#set: the set tag (it may write to an outer frame) and the loop's dotted names.
    expect(bound.match(/frame\.set\(/g)?.length).toBe(code.match(/frame\.set\("(?:x|loop\.\w+)", /g)?.length);
    expect(bound).toContain('frame.set("x", ');
    // A template from compiled code, as Nunjucks makes one from a precompiled template (its types leave this out).
    const compiled = (text: string) => ({ type: 'code', obj: new Function(text)() as object }) as unknown as string;
    const run = (text: string) => new nunjucks.Template(compiled(text), new nunjucks.Environment(), 'page.njk').render({});
    expect(run(bound)).toBe(run(code));
    expect(run(bound)).toBe('2131');
  });
});
