/**
 * The whole training corpus (../shared/corpus/ibm and upstream) as the sources of one site whose
 * site.yaml holds only a title and linkBase: offerings are named after their products and
 * sections meaning the same area are one area.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogContent } from './catalog.js';
import { run } from './helpers.js';

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
});
