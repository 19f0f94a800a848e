/**
 * The whole training corpus (../shared/corpus/ibm and upstream) as the sources of one site whose
 * site.yaml holds only a title and linkBase: offerings are named after their products and
 * sections meaning the same area are one area.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogContent } from './catalog.js';
import { parseJson, run } from './helpers.js';

interface Model {
  areas: { id: string; title: string }[];
  offerings: { id: string; name: string; sections: { areaId: string; anchor: string }[] }[];
}

describe('the training corpus built as one site', () => {
  let folder: ReturnType<typeof catalogContent>;
  let model: Model;

  beforeAll(async () => {
    folder = catalogContent();
    const build = await run(['build', '--quiet'], folder.root);
    expect(build.stderr.split('\n').filter((line) => / error /.test(line))).toEqual([]);
    expect(build.code).toBe(0);
    model = JSON.parse(readFileSync(path.join(folder.root, 'dist', 'model.json'), 'utf8')) as Model;
  }, 120_000);
  afterAll(() => folder?.cleanup());

  it('has every page as an offering', () => {
    expect(model.offerings.length).toBe(folder.pages);
  });

  it('names offerings after their products, not their page titles', () => {
    for (const o of model.offerings) expect(o.name).not.toMatch(/^(?:Understanding|Your responsibilities|Shared responsibilities)/i);
    expect(model.offerings.find((o) => o.id === 'citrix-netscaler-vpx-vpx-responsibilities')?.name).toBe('Citrix Netscaler VPX');
  });

  it('has no two areas of the same title', () => {
    const titles = model.areas.map((a) => a.title.toLowerCase().replace(/&/g, 'and').replace(/\W+/g, ' ').trim());
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('publishes one data file per offering and the comparisons site.yaml lists, not every pair', () => {
    const dist = path.join(folder.root, 'dist');
    for (const o of model.offerings) expect(existsSync(path.join(dist, 'data', 'offerings', `${o.id}.json`))).toBe(true);
    const index = JSON.parse(readFileSync(path.join(dist, 'data', 'offerings.json'), 'utf8')) as { offerings: { id: string }[] };
    expect(index.offerings.map((o) => o.id)).toEqual(model.offerings.map((o) => o.id));
    expect(existsSync(path.join(dist, 'compare', 'key-protect-vs-secrets-manager'))).toBe(false);
  });
});

describe('site.yaml compare', () => {
  it('adds a static page per listed comparison and reports an id that names no offering', async () => {
    const folder = catalogContent();
    try {
      const site = path.join(folder.content, 'site.yaml');
      writeFileSync(site, `${readFileSync(site, 'utf8')}compare:\n  - [secrets-manager, key-protect]\n  - [key-protect, nope, dl-responsibilities]\n`);
      const check = await run(['check', '--format', 'json'], folder.root);
      expect(parseJson(check.stdout).filter((d) => d.rule === 'schema')).toMatchObject([
        { file: 'content/site.yaml', line: 5, column: 19, severity: 'error', message: expect.stringMatching(/"nope"/) },
      ]);
      writeFileSync(site, `${readFileSync(site, 'utf8').replace(/ {2}- \[key-protect, nope.*\n/, '')}`);
      expect((await run(['build', '--quiet'], folder.root)).code).toBe(0);
      const page = readFileSync(path.join(folder.root, 'dist', 'compare', 'key-protect-vs-secrets-manager', 'index.html'), 'utf8');
      expect(page).toContain('data-cmp-row');
      const hub = readFileSync(path.join(folder.root, 'dist', 'compare', 'index.html'), 'utf8');
      expect(hub).toContain('href="/compare/key-protect-vs-secrets-manager/"');
    } finally {
      folder.cleanup();
    }
  }, 120_000);
});

describe('tasks --suggest and the unaligned-task summary', () => {
  it('proposes tasks that line rows up across offerings; check then says so in one warning', async () => {
    const folder = catalogContent();
    try {
      const check = await run(['check', '--format', 'json'], folder.root);
      const unaligned = parseJson(check.stdout).filter((d) => d.rule === 'unaligned-task');
      expect(unaligned).toHaveLength(1);
      expect(unaligned[0]?.message).toMatch(/^\d+ tasks appear in one offering of an area only .*respmatrix tasks --suggest/);
      const count = Number(/^(\d+)/.exec(unaligned[0]?.message ?? '')?.[1]);
      expect(count).toBeGreaterThan(10);
      const verbose = await run(['check', '--format', 'json', '--verbose'], folder.root);
      expect(parseJson(verbose.stdout).filter((d) => d.rule === 'unaligned-task')).toHaveLength(count);

      const suggest = await run(['tasks', '--suggest'], folder.root);
      expect(suggest.code).toBe(0);
      expect(suggest.stdout).toMatch(/^# Proposed by `respmatrix tasks --suggest`/);
      expect(suggest.stdout).toMatch(/^- id: [a-z0-9-]+\n {2}title: .+\n {2}area: [a-z0-9-]+\n {2}aliases: \[.+, .+\]$/m);
      writeFileSync(path.join(folder.content, 'tasks.yaml'), suggest.stdout);
      const after = await run(['check', '--format', 'json', '--verbose'], folder.root);
      expect(after.code).toBe(0);
      const left = parseJson(after.stdout).filter((d) => d.rule === 'unaligned-task').length;
      expect(left).toBeLessThan(count / 2);
      expect(parseJson(after.stdout).filter((d) => d.severity === 'error')).toEqual([]);
    } finally {
      folder.cleanup();
    }
  }, 180_000);
});

