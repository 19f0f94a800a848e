import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { ContentConfig, SiteConfig } from '../../src/config/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { buildOfferings as build } from '../../src/model/offerings.js';
import { summaryRenderer } from '../../src/parse/markdown/summary.js';
import { parseMarkdownSource } from '../../src/parse/markdown/index.js';
import type { ParsedSource } from '../../src/parse/types.js';

/** The model stage as the build runs it: configured summaries rendered by the parse stage. */
function buildOfferings(sources: ParsedSource[], config: ContentConfig, diagnostics: Diagnostic[]) {
  return build(sources, config, diagnostics, summaryRenderer(config, diagnostics));
}

const HEAD = '| Task | IBM responsibilities | Your responsibilities |\n|---|---|---|\n';

function source(file: string, markdown: string, keywords = new Map<string, string>()): ParsedSource {
  return parseMarkdownSource(new VFile({ path: file, value: markdown }), { keywords });
}

function config(site: Partial<SiteConfig> = {}, tasks: ContentConfig['tasks'] = []): ContentConfig {
  return {
    site: { title: 'T', parties: { provider: 'IBM', customer: 'You' }, areas: [], redirects: [], ...site },
    keywords: new Map([['IBM_notm', 'IBM']]),
    tasks,
  };
}

/** Keywords for every keyref a file uses (values are the names). */
function keywordsOf(text: string): Map<string, string> {
  const map = new Map<string, string>([['IBM_notm', 'IBM']]);
  for (const m of text.matchAll(/\{\{site\.data\.keyword\.([\w.-]+)\}\}/g)) if (!map.has(m[1] as string)) map.set(m[1] as string, m[1] as string);
  return map;
}

function upstream(name: string): ParsedSource {
  const text = readFileSync(new URL(`../../../shared/corpus/upstream/${name}`, import.meta.url), 'utf8');
  return source(name, text, keywordsOf(text));
}

describe('buildOfferings', () => {
  it('splits one source into offerings by table selector (the shipped Key Protect pages)', () => {
    const diagnostics: Diagnostic[] = [];
    const built = buildOfferings([upstream('key-protect.md'), upstream('secrets-manager.md')], config({
      offerings: [
        { id: 'kp', name: 'Key Protect Standard', source: 'key-protect.md', tables: { anchorSuffix: '-kp' } },
        { id: 'kpd', name: 'Key Protect Dedicated', source: 'key-protect.md', tables: { anchorSuffix: '-hpcs' } },
        { id: 'sm', name: 'Secrets Manager', source: 'secrets-manager.md' },
      ],
    }), diagnostics);
    expect(diagnostics).toEqual([]);
    const count = (id: string) => built.offerings.find((o) => o.id === id)?.sections.reduce((n, s) => n + s.rows.length, 0);
    expect([count('kp'), count('kpd'), count('sm')]).toEqual([9, 16, 7]);
    const standard = ['incident-and-ops', 'change-management', 'iam-responsibilities', 'security-compliance', 'disaster-recovery'];
    for (const o of built.offerings) expect(o.sections.map((s) => s.areaId)).toEqual(standard);
    expect(built.areas.map((a) => a.id)).toEqual(standard);
    const kpd = built.offerings[1];
    expect(kpd?.sections[4]?.anchor).toBe('disaster-recovery-hpcs');
    expect(kpd?.sections[0]?.intro?.text).toMatch(/^You and IBM share responsibilities/);
    expect(kpd?.lastUpdated).toBe('2026-05-19');
    const anchors = built.offerings.flatMap((o) => o.sections.flatMap((s) => s.rows.map((r) => `${o.id} ${r.anchor}`)));
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('selects by caption and heading text too, and reports a selector that matches nothing', () => {
    const src = upstream('key-protect.md');
    const diagnostics: Diagnostic[] = [];
    const built = buildOfferings([src], config({
      offerings: [
        { id: 'a', name: 'A', source: 'key-protect.md', tables: { captionIncludes: 'Key Protect Dedicated' } },
        { id: 'b', name: 'B', source: 'key-protect.md', tables: { headingIncludes: 'Standard' } },
        { id: 'c', name: 'C', source: 'key-protect.md', tables: { anchorSuffix: '-nothing' } },
      ],
    }), diagnostics);
    expect(built.offerings.map((o) => o.sections.length)).toEqual([5, 5, 0]);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule}`)).toEqual(['site.yaml:1 error missing-area']);
  });

  it('makes one offering per source without an offerings list', () => {
    const built = buildOfferings([source('sources/my-service.md', `# My service\n\n## Disaster and recovery\n\n${HEAD}| A | x | y |\n`)], config(), []);
    expect(built.offerings.map((o) => [o.id, o.name])).toEqual([['my-service', 'My service']]);
    expect(built.offerings[0]?.sections[0]?.areaId).toBe('disaster-recovery');
  });

  it('recognises area wording variants and keeps other sections as areas of their own', () => {
    const md = [
      '# S', '',
      '## Tasks for shared responsibilities by area', '',
      '### Incidents and operations management', '', HEAD + '| A | x | y |', '',
      '### Security and regulatory compliance', '{: #security_comp}', '', HEAD + '| B | x | y |', '',
      '### High availability and disaster recovery', '', HEAD + '| C | x | y |', '',
      '### Applications and data', '{: #app-data}', '', '| Resource | How IBM helps | What you can do |\n|--|--|--|\n| Data | x | y |', '',
      '## Identity and access', '{: #iam}', '', HEAD + '| D | x | y |', '',
    ].join('\n');
    const built = buildOfferings([source('s.md', md)], config(), []);
    expect(built.offerings[0]?.sections.map((s) => s.areaId)).toEqual([
      'incident-and-ops', 'security-compliance', 'disaster-recovery', 'app-data', 'iam-responsibilities',
    ]);
    expect(built.areas.map((a) => [a.id, a.title])).toEqual([
      ['incident-and-ops', 'Incident and operations management'],
      ['iam-responsibilities', 'Identity and access management'],
      ['security-compliance', 'Security and regulation compliance'],
      ['disaster-recovery', 'Disaster recovery'],
      ['app-data', 'Applications and data'],
    ]);
  });

  it('makes sections of one title one area across offerings, each keeping its own anchor and aliases', () => {
    const grouped = '| Resource | How IBM helps | What you can do |\n|--|--|--|\n| Data | x | y |';
    const a = source('sources/a.md', `# Understanding your responsibilities when using Alpha\n\n## Applications and data\n{: #app-data}\n\n${grouped}\n`);
    const b = source('sources/b.md', `# Your responsibilities with using Beta\n\n## Applications & Data:\n{: #applications-data-beta}\n\n${grouped}\n`);
    const c = source('sources/c.md', `# Shared responsibilities for Gamma\n\n## applications  and data\n{: #data-apps aliases="old-data"}\n\n${grouped}\n`);
    const built = buildOfferings([a, b, c], config(), []);
    expect(built.areas.map((x) => [x.id, x.title])).toEqual([['app-data', 'Applications and data']]);
    expect(built.offerings.map((o) => [o.name, o.sections[0]?.areaId, o.sections[0]?.anchor])).toEqual([
      ['Alpha', 'app-data', 'app-data'],
      ['Beta', 'app-data', 'applications-data-beta'],
      ['Gamma', 'app-data', 'data-apps'],
    ]);
    expect(built.offerings[2]?.sections[0]?.aliases).toContain('old-data');
  });

  it('names an offering after the product its title names, unless site.yaml names it', () => {
    const md = (title: string) => `# ${title}\n\n## Change management\n\n${HEAD}| A | x | y |\n`;
    const built = buildOfferings(
      [source('sources/a.md', md('Understanding your responsibilities when you use the Alpha deployable architecture')), source('sources/b.md', md('Responsibility for resources and features'))],
      config(),
      [],
    );
    expect(built.offerings.map((o) => o.name)).toEqual(['Alpha deployable architecture', 'Responsibility for resources and features']);
    const named = buildOfferings([source('sources/a.md', md('Your responsibilities with using Alpha'))], config({
      offerings: [{ id: 'x', source: 'a.md' }, { id: 'y', name: 'Why', source: 'a.md' }],
    }), []);
    expect(named.offerings.map((o) => o.name)).toEqual(['Alpha', 'Why']);
  });

  it('lets configured areas rename, reorder and match', () => {
    const md = `# S\n\n## Change management\n\n${HEAD}| A | x | y |\n\n## Incident and operations management\n\n${HEAD}| B | x | y |\n\n## Odd name\n{: #odd}\n\n${HEAD}| C | x | y |\n`;
    const built = buildOfferings([source('s.md', md)], config({
      areas: [
        { id: 'ops', title: 'Operations', match: ['Incident and operations management'] },
        { id: 'custom', title: 'Custom area', match: ['odd'] },
      ],
    }), []);
    expect(built.offerings[0]?.sections.map((s) => s.areaId)).toEqual(['change-management', 'ops', 'custom']);
    expect(built.areas.map((a) => [a.id, a.title])).toEqual([
      ['ops', 'Operations'], ['custom', 'Custom area'], ['change-management', 'Change management'],
    ]);
  });

  it('assigns task ids from aliases (preferring the row\'s area), else derives them; row anchors are unique', () => {
    const md = `# S\n\n## Change management\n\n${HEAD}| Applications | x | y |\n| Updates, fixes and new features! | x | y |\n| New thing | x | y |\n| New thing | x | y |\n\n## Identity and access management\n\n${HEAD}| Applications | x | y |\n| New thing | x | y |\n`;
    const built = buildOfferings([source('s.md', md)], config({}, [
      { id: 'service-updates', title: 'Service updates', area: 'change-management', aliases: ['Applications', 'Updates, fixes, and new features'] },
      { id: 'access-control', title: 'Access', area: 'iam-responsibilities', aliases: ['applications'] },
    ]), []);
    const rows = built.offerings[0]?.sections.flatMap((s) => s.rows.map((r) => [r.taskId, r.anchor])) ?? [];
    expect(rows).toEqual([
      ['service-updates', 'change-management--service-updates'],
      ['service-updates', 'change-management--service-updates-2'],
      ['new-thing', 'change-management--new-thing'],
      ['new-thing', 'change-management--new-thing-2'],
      ['access-control', 'iam-responsibilities--access-control'],
      ['new-thing-iam-responsibilities', 'iam-responsibilities--new-thing-iam-responsibilities'],
    ]);
    expect(built.tasks.map((t) => t.id)).toEqual(['access-control', 'new-thing', 'new-thing-iam-responsibilities', 'service-updates']);
  });

  it('maps overview matrix columns to area ids and renders a configured summary', () => {
    const md = '# S\n\nShort.\n{: shortdesc}\n\n## Overview\n\n| Resource | [Incident and operations management](#incident-and-ops) | [Change management](#change-management) | Disaster Recovery |\n|--|--|--|--|\n| Data | IBM | You | [Shared](#x) |\n';
    const src = source('s.md', md);
    const built = buildOfferings([src], config({ offerings: [{ id: 's', name: 'S', source: 's.md', summary: 'By **{{site.data.keyword.IBM_notm}}**' }] }), []);
    expect(built.offerings[0]?.overview?.areaIds).toEqual(['incident-and-ops', 'change-management', 'disaster-recovery']);
    expect(built.offerings[0]?.summary).toEqual({ text: 'By IBM', html: 'By <strong>IBM</strong>' });
    expect(buildOfferings([src], config(), []).offerings[0]?.summary?.text).toBe('Short.');
  });
});
