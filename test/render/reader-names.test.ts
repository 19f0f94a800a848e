/**
 * What the reader sees of names, sources and numbering on the shipped content: rows under their
 * canonical task title with the source's label beside it, the IBM page each offering came from
 * with its date labelled as IBM's, and tables numbered 1, 2, 3 on every page.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Site } from '../../src/model/types.js';
import { loadSite } from '../../src/build/load-site.js';
import { byId, elements, renderFiles, textOf, tree } from './helpers.js';

let site: Site;
let files: Map<string, string>;
beforeAll(async () => {
  const loaded = await loadSite('content');
  if (!loaded.site) throw new Error('shipped content did not load');
  site = loaded.site;
  files = renderFiles(site, '/');
});

const page = (path: string) => tree(files.get(path) ?? '');

describe('row names', () => {
  test('offering and area pages show the task title, the source label beside it only when it differs', () => {
    const kps = page('offerings/key-protect-standard/index.html');
    const backup = byId(kps, 'disaster-recovery--backups');
    const head = elements(backup, (e) => e.tagName === 'th')[0]!;
    expect(textOf(head)).toContain('Backups (IBM: Applications)');
    // Same name in the source: no label.
    const monitoring = elements(byId(kps, 'incident-and-ops--monitoring'), (e) => e.tagName === 'th')[0]!;
    expect(elements(monitoring, (e) => (e.properties.className as string[] | undefined)?.includes('source-label') ?? false)).toEqual([]);
    const area = page('areas/disaster-recovery/index.html');
    expect(textOf(byId(area, 'key-protect-standard--backups'))).toContain('Backups (IBM: Applications)');
  });

  test('the checklist has no four items all called "Applications"', () => {
    const list = page('checklist/key-protect-standard/index.html');
    const labels = elements(list, (e) => e.tagName === 'label' && (e.properties.className as string[] | undefined)?.includes('checklist-task') === true).map(textOf);
    expect(labels.filter((l) => l === 'Applications')).toEqual([]);
    expect(labels).toContain('Service updates (IBM: Applications)');
    expect(new Set(labels).size).toBe(labels.length);
  });

  test('the CSVs carry the task title and the source label', () => {
    const all = files.get('responsibilities.csv') ?? '';
    expect(all.split('\r\n')[0]).toBe('offering,area,task,IBM label,task id,IBM responsibilities,Your responsibilities,url');
    expect(all).toContain('Key Protect Standard,Disaster recovery,Backups,Applications,backups,');
    // The checklist's download reads the label from its item.
    const item = byId(page('checklist/key-protect-standard/index.html'), 'change-management--service-updates');
    expect(item.properties.dataLabel).toBe('Applications');
  });
});

describe('authority', () => {
  test('each offering page links the IBM docs page it came from and labels the date as IBM\'s', () => {
    for (const [id, url, date] of [
      ['key-protect-dedicated', 'https://cloud.ibm.com/docs/key-protect?topic=key-protect-shared-responsibilities', '2026-03-19'],
      ['secrets-manager', 'https://cloud.ibm.com/docs/secrets-manager?topic=secrets-manager-understanding-your-responsabilities', '2025-09-18'],
    ]) {
      const html = files.get(`offerings/${id}/index.html`) ?? '';
      const meta = elements(tree(html), (e) => e.tagName === 'dl')[0]!;
      const link = elements(meta, (e) => e.tagName === 'a')[0]!;
      expect(link.properties.href).toBe(url);
      expect(textOf(meta)).toMatch(new RegExp(`IBM last updated ?${date}`));
      expect(textOf(meta)).not.toContain('sources/');
    }
    expect(files.get('index.html')).toMatch(/IBM last updated <time datetime="2026-03-19">/);
  });

  test('model.json carries the address and title', () => {
    const model = JSON.parse(files.get('model.json') ?? '{}') as Site;
    expect(model.offerings[0]).toMatchObject({
      sourceUrl: 'https://cloud.ibm.com/docs/key-protect?topic=key-protect-shared-responsibilities',
      sourceTitle: 'Your responsibilities when using Key Protect',
    });
  });
});

describe('table numbers', () => {
  test('"Table N." captions count 1, 2, 3 on each page, whatever the source numbered them', () => {
    for (const path of ['offerings/key-protect-dedicated/index.html', 'offerings/key-protect-standard/index.html', 'areas/incident-and-ops/index.html']) {
      const captions = elements(page(path), (e) => e.tagName === 'caption').map(textOf);
      const numbers = captions.map((c) => /^Table (\d+)\./.exec(c)?.[1]).filter(Boolean).map(Number);
      expect(numbers.length, path).toBeGreaterThan(0);
      expect(numbers, path).toEqual(numbers.map((_, i) => i + 1));
    }
  });
});
