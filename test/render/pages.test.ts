import { describe, expect, test } from 'vitest';
import { byId, elements, idsOf, renderFiles, textOf, tree } from './helpers.js';
import { siteFixture } from '../fixtures/site-fixture.js';

const files = renderFiles();
const page = (file: string) => {
  const html = files.get(file);
  if (html === undefined) throw new Error(`not rendered: ${file}`);
  return html;
};

describe('offering page', () => {
  const html = page('offerings/key-protect-dedicated/index.html');
  const root = tree(html);

  test('areas, tables, aliases and rows carry their ids, each once', () => {
    const ids = idsOf(root);
    expect(new Set(ids).size).toBe(ids.length);
    expect(byId(root, 'disaster-recovery').tagName).toBe('h2');
    expect(byId(root, 'disaster-recovery-hpcs').tagName).toBe('table');
    expect(byId(root, 'disaster-recovery-dedicated').tagName).toBe('span');
    expect(textOf(byId(root, 'disaster-recovery-dedicated'))).toBe('');
    expect(byId(root, 'disaster-recovery--backups').tagName).toBe('tr');
    expect(byId(root, 'incident-and-operations--availability').tagName).toBe('tr');
  });

  test('tables have captions, column headers and row headers with scope', () => {
    const tables = elements(root, (e) => e.tagName === 'table');
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const [caption] = elements(table, (e) => e.tagName === 'caption');
      expect(caption && textOf(caption)).toBeTruthy();
      const cols = elements(table, (e) => e.tagName === 'th' && e.properties.scope === 'col');
      expect(cols.map(textOf)).toEqual(['Task', 'IBM responsibilities', 'Your responsibilities']);
      const rows = elements(table, (e) => e.tagName === 'tr').slice(1);
      for (const row of rows) {
        const headers = elements(row, (e) => e.tagName === 'th');
        expect(headers.map((th) => th.properties.scope)).toEqual(['row']);
      }
    }
  });

  test('empty cells say "No duty listed"; rich HTML is kept', () => {
    const backups = byId(root, 'disaster-recovery--backups');
    expect(elements(backups, (e) => e.tagName === 'td').map(textOf)).toEqual(['Back up keys daily.', 'No duty listed']);
  });

  test('text is escaped: markup in tasks and captions is shown, never run', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Restore &lt;script&gt;alert(1)&lt;/script&gt;');
    // The page's second table: numbered 2 here, whatever its source numbered it.
    expect(html).toContain('Table 2. Responsibilities for disaster recovery &quot;DR&quot; &lt;i&gt;');
    expect(html).not.toContain('<b>now</b>');
    expect(textOf(byId(root, 'disaster-recovery--restore'))).toContain('Restore from backups <b>now</b>');
  });

  test('shows last updated, source file and the duties-only toggle', () => {
    expect(html).toContain('<time datetime="2024-05-02">2024-05-02</time>');
    expect(html).toContain('<code>sources/key-protect.md</code>');
    const toggle = byId(root, 'duties-only');
    expect(toggle.properties.type).toBe('checkbox');
    expect(elements(root, (e) => e.tagName === 'label' && String(e.properties.htmlFor) === 'duties-only')).toHaveLength(1);
  });

  test('no inline scripts or styles', () => {
    for (const script of elements(root, (e) => e.tagName === 'script')) expect(script.properties.src).toBeTruthy();
    expect(elements(root, (e) => e.tagName === 'style')).toEqual([]);
    expect(elements(root, (e) => e.properties.style !== undefined)).toEqual([]);
  });
});

describe('a table whose id is its area id (Secrets Manager)', () => {
  const root = tree(page('offerings/secrets-manager/index.html'));
  test('the id appears once, on the area heading', () => {
    const ids = idsOf(root);
    expect(ids.filter((id) => id === 'disaster-recovery')).toHaveLength(1);
    expect(byId(root, 'disaster-recovery').tagName).toBe('h2');
    const [table] = elements(root, (e) => e.tagName === 'table');
    expect(table?.properties.id).toBeUndefined();
    expect(ids).toContain('disaster-recovery--backups');
  });
});

describe('area page', () => {
  const root = tree(page('areas/disaster-recovery/index.html'));
  test('shows the area in every offering that has it, with unique ids', () => {
    const ids = idsOf(root);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['key-protect-standard', 'key-protect-dedicated', 'secrets-manager']) expect(byId(root, id).tagName).toBe('h2');
    expect(byId(root, 'key-protect-dedicated--backups').tagName).toBe('tr');
    expect(byId(root, 'secrets-manager--backups').tagName).toBe('tr');
    expect(elements(root, (e) => e.tagName === 'table')).toHaveLength(3);
  });
});

describe('home and 404', () => {
  test('home has one card per offering with duty counts', () => {
    const root = tree(page('index.html'));
    const cards = elements(root, (e) => e.tagName === 'li' && String(e.properties.className).includes('card'));
    expect(cards).toHaveLength(siteFixture().offerings.length);
    const dedicated = cards.find((c) => textOf(c).includes('Key Protect Dedicated'));
    expect(dedicated && textOf(dedicated)).toMatch(/IBM ?2 duties You ?2 duties Tasks ?3/);
  });

  test('404.html exists and links home', () => {
    const root = tree(page('404.html'));
    expect(elements(root, (e) => e.tagName === 'a' && e.properties.href === '/sub/').length).toBeGreaterThan(0);
  });
});

describe('layout', () => {
  test('every page has a skip link, one h1, a main landmark and the hashed assets', () => {
    for (const [file, html] of files) {
      if (!file.endsWith('.html')) continue;
      const root = tree(html);
      expect(elements(root, (e) => e.tagName === 'a' && e.properties.href === '#main').length, file).toBe(1);
      expect(elements(root, (e) => e.tagName === 'h1'), file).toHaveLength(1);
      expect(byId(root, 'main').tagName).toBe('main');
      expect(html).toContain('<script type="module" src="/sub/assets/main-abc.js"></script>');
      expect(html).toContain('<link rel="stylesheet" href="/sub/assets/main-abc.css">');
    }
  });

  test('every internal link and asset is under the base path', () => {
    for (const [file, html] of files) {
      if (!file.endsWith('.html')) continue;
      for (const el of elements(tree(html), (e) => e.tagName === 'a' || e.tagName === 'link' || e.tagName === 'script')) {
        const target = String(el.properties.href ?? el.properties.src ?? '');
        if (!target || /^(https?:|mailto:|#)/.test(target)) continue;
        expect(target, `${file}: ${target}`).toMatch(/^\/sub\//);
      }
    }
  });

  test('rendering is deterministic', () => {
    expect(renderFiles()).toEqual(files);
  });
});

describe('area pages with many offerings', () => {
  const base = siteFixture();
  const template = base.offerings[2]!;
  const many = { ...base, offerings: Array.from({ length: 30 }, (_, i) => ({ ...template, id: `offering-${String(i).padStart(2, '0')}`, name: `Offering ${i}` })) };
  const manyFiles = renderFiles(many);

  test('split into pages of a bounded size, linked both ways', () => {
    const first = tree(manyFiles.get('areas/disaster-recovery/index.html')!);
    const second = tree(manyFiles.get('areas/disaster-recovery/2/index.html')!);
    expect(elements(first, (e) => e.tagName === 'table')).toHaveLength(25);
    expect(elements(second, (e) => e.tagName === 'table')).toHaveLength(5);
    expect(byId(second, 'offering-29').tagName).toBe('h2');
    const hrefs = (root: typeof first) => elements(root, (e) => e.tagName === 'a').map((a) => String(a.properties.href));
    expect(hrefs(first)).toContain('/sub/areas/disaster-recovery/2/');
    expect(hrefs(second)).toContain('/sub/areas/disaster-recovery/');
    expect(elements(second, (e) => e.tagName === 'a' && e.properties.ariaCurrent === 'page').map(textOf)).toContain('2');
  });

  test('an offering page links to its place on the right area page', () => {
    const html = manyFiles.get('offerings/offering-27/index.html')!;
    expect(html).toContain('href="/sub/areas/disaster-recovery/2/#offering-27"');
    expect(manyFiles.get('offerings/offering-03/index.html')).toContain('href="/sub/areas/disaster-recovery/#offering-03"');
  });
});
