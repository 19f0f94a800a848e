/** Copy-link formats and the rename rules shared by the browser and the baseline check. */
import { describe, expect, test } from 'vitest';
import { formatLink, fragmentUrl } from '../../src/shared/link-formats.js';
import { compareAnchors, type AnchorManifest } from '../../src/links/anchors-baseline.js';
import { normalisePage, renamedIds, splitTarget } from '../../src/links/renames.js';

const url = 'https://rm.example.com/offerings/key-protect-dedicated/#disaster-recovery--backups';

describe('link formats', () => {
  test('each format', () => {
    expect(formatLink('url', 'Backups', url)).toBe(url);
    expect(formatLink('markdown', 'Backups – Key Protect Dedicated', url)).toBe(`[Backups – Key Protect Dedicated](${url})`);
    expect(formatLink('confluence', 'Backups', url)).toBe(`[Backups|${url}]`);
    expect(formatLink('mediawiki', 'Backups', url)).toBe(`[${url} Backups]`);
    expect(formatLink('html', 'Backups & "restore"', url)).toBe(`<a href="${url}">Backups &amp; &quot;restore&quot;</a>`);
  });

  test('titles and URLs that would end the link early are escaped', () => {
    expect(formatLink('markdown', 'Keys [HSM]\nbackup', 'https://x.test/a (b)/')).toBe('[Keys \\[HSM\\] backup](https://x.test/a%20%28b%29/)');
    expect(formatLink('confluence', 'A|B [c]', url)).toBe(`[A B c|${url}]`);
    expect(formatLink('mediawiki', 'a ] b', 'https://x.test/a b')).toBe('[https://x.test/a%20b a &#93; b]');
  });

  test('fragment URLs replace any fragment of the page URL', () => {
    expect(fragmentUrl('https://rm.example.com/offerings/x/#old', 'disaster-recovery--backups')).toBe(
      'https://rm.example.com/offerings/x/#disaster-recovery--backups',
    );
  });
});

describe('targets and renames', () => {
  test('site paths are split and normalised', () => {
    expect(splitTarget('/offerings/x#a')).toEqual({ page: 'offerings/x/', fragment: 'a' });
    expect(splitTarget('offerings/x/index.html')).toEqual({ page: 'offerings/x/' });
    expect(normalisePage('/')).toBe('');
    expect(normalisePage('404.html')).toBe('404.html');
  });

  test('renamed offering prefixes and task suffixes', () => {
    const renames = { offerings: { old: 'new' }, tasks: { backups: 'backup-copies' } };
    expect(renamedIds('old--table', renames)).toEqual(['new--table']);
    expect(renamedIds('old', renames)).toEqual(['new']);
    expect(renamedIds('disaster-recovery--backups', renames)).toEqual(['disaster-recovery--backup-copies']);
    expect(renamedIds('old--backups', renames).sort()).toEqual(['new--backup-copies', 'new--backups', 'old--backup-copies']);
    expect(renamedIds('backups', renames)).toEqual([]);
  });

  test('a fragment redirect only helps where the old page still runs the script', () => {
    const page = (fragments: string[]): AnchorManifest['pages'][string] => ({
      kind: 'offering',
      title: 't',
      fragments: new Map(fragments.map((f) => [f, { kind: 'table' as const, source: { file: 's.md', line: 3 } }])),
    });
    const baseline: AnchorManifest = { version: 1, pages: { 'offerings/a/': page(['t1']) } };
    const moved: AnchorManifest = { version: 1, pages: { 'offerings/b/': page(['t2']) } };
    const fragmentOnly = [{ from: '/offerings/a/#t1', to: '/offerings/b/#t2' }];
    // The old page is gone and nothing serves it: both the page and its fragment are lost.
    expect(compareAnchors(baseline, moved, fragmentOnly, 'base.json').map((d) => d.message)).toHaveLength(1);
    const withStub = [...fragmentOnly, { from: '/offerings/a/', to: '/offerings/b/' }];
    expect(compareAnchors(baseline, moved, withStub, 'base.json')).toEqual([]);
    // A page redirect alone keeps the page, but t1 does not exist on b.
    const pageOnly = compareAnchors(baseline, moved, [{ from: '/offerings/a/', to: '/offerings/b/' }], 'base.json');
    expect(pageOnly).toEqual([
      expect.objectContaining({ file: 's.md', line: 3, rule: 'anchor-removed', message: expect.stringContaining('"/offerings/a/#t1" (table)') }),
    ]);
  });
});
