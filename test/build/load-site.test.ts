import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { makeContent, MINIMAL_SITE, repo } from '../cli/helpers.js';

const KEYWORDS = 'IBM_notm: IBM\n';
const PAGE = (title: string, task: string) => `# ${title}

## Incident and operations management
{: #incident-and-ops}

| Task | {{site.data.keyword.IBM_notm}} responsibilities | Your responsibilities |
| --- | --- | --- |
| ${task} | Provide tools. | Use them. |
`;

/** Offerings without the positions of their parts, which differ between a .md and a .yaml file. */
function withoutSources(site: Site | undefined): unknown {
  return JSON.parse(JSON.stringify(site?.offerings, (key, v: unknown) => (key === 'source' ? undefined : v)));
}

describe('loadSite', () => {
  it('reads every source in sorted order, with paths relative to the content folder', async () => {
    const c = makeContent({
      'site.yaml': MINIMAL_SITE,
      'keywords.yaml': KEYWORDS,
      'sources/b.md': PAGE('Service B', 'Monitoring'),
      'sources/a.md': PAGE('Service A', 'Monitoring'),
      'sources/notes.txt': 'not a source',
    });
    try {
      const { site, diagnostics } = await loadSite(c.content);
      expect(diagnostics).toEqual([]);
      expect(site?.title).toBe('Test site');
      expect(site?.parties).toEqual({ provider: 'IBM', customer: 'You' });
      expect(site?.offerings.map((o) => [o.id, o.name, o.source.file])).toEqual([
        ['a', 'Service A', 'sources/a.md'],
        ['b', 'Service B', 'sources/b.md'],
      ]);
      expect(site?.offerings[0]?.sections[0]?.rows[0]?.source).toMatchObject({ file: 'sources/a.md', line: 8 });
    } finally {
      c.cleanup();
    }
  });

  it('builds an equal model from a Markdown source and its YAML transcription', async () => {
    const md = makeContent({ 'site.yaml': MINIMAL_SITE });
    const yaml = makeContent({ 'site.yaml': MINIMAL_SITE });
    try {
      for (const c of [md, yaml]) copyFileSync(path.join(repo, 'content', 'keywords.yaml'), path.join(c.content, 'keywords.yaml'));
      copyFileSync(path.join(repo, 'content', 'sources', 'secrets-manager.md'), path.join(md.content, 'sources', 'secrets-manager.md'));
      copyFileSync(
        path.join(repo, 'test', 'fixtures', 'yaml-equality', 'secrets-manager.yaml'),
        path.join(yaml.content, 'sources', 'secrets-manager.yaml'),
      );
      const fromMarkdown = await loadSite(md.content);
      const fromYaml = await loadSite(yaml.content);
      expect(fromMarkdown.diagnostics).toEqual([]);
      expect(fromYaml.diagnostics).toEqual([]);
      expect(fromYaml.site?.offerings[0]?.sections.flatMap((s) => s.rows)).toHaveLength(7);
      expect(withoutSources(fromYaml.site)).toEqual(withoutSources(fromMarkdown.site));
      expect(fromYaml.site?.offerings[0]?.source.file).toBe('sources/secrets-manager.yaml');
    } finally {
      md.cleanup();
      yaml.cleanup();
    }
  });

  it('reports a missing site.yaml and a missing sources folder, and builds no site', async () => {
    const c = makeContent({ 'keywords.yaml': KEYWORDS });
    try {
      mkdirSync(path.join(c.content, 'x'));
      const { site, diagnostics } = await loadSite(path.join(c.content, 'x'));
      expect(site).toBeUndefined();
      expect(diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
        ['site.yaml', 'read-error', 'error'],
        ['sources', 'read-error', 'error'],
      ]);
    } finally {
      c.cleanup();
    }
  });

  it('reports a source that cannot be read, and goes on with the others', async () => {
    const c = makeContent({ 'site.yaml': MINIMAL_SITE, 'keywords.yaml': KEYWORDS, 'sources/a.md': PAGE('A', 'Monitoring') });
    try {
      symlinkSync(path.join(c.content, 'no-such-file.md'), path.join(c.content, 'sources', 'b.md'));
      const { site, diagnostics } = await loadSite(c.content);
      expect(diagnostics).toEqual([
        expect.objectContaining({ file: 'sources/b.md', line: 1, column: 1, rule: 'read-error', severity: 'error' }),
      ]);
      expect(site?.offerings.map((o) => o.id)).toEqual(['a']);
    } finally {
      c.cleanup();
    }
  });

  it('still checks the sources when site.yaml is broken', async () => {
    const c = makeContent({ 'site.yaml': 'title: [oops\n', 'keywords.yaml': KEYWORDS, 'sources/a.md': PAGE('A', '{{site.data.keyword.nope}}') });
    try {
      const { site, diagnostics } = await loadSite(c.content);
      expect(site).toBeUndefined();
      expect(diagnostics.map((d) => [d.file, d.rule])).toEqual([
        ['site.yaml', 'yaml-syntax'],
        ['sources/a.md', 'unknown-keyref'],
      ]);
    } finally {
      c.cleanup();
    }
  });

  it('reports offerings whose table selector matches nothing, at the selector', async () => {
    const c = makeContent({
      'site.yaml': `${MINIMAL_SITE}offerings:\n  - id: a\n    name: A\n    source: a.md\n    tables:\n      anchorSuffix: -kp\n`,
      'keywords.yaml': KEYWORDS,
      'sources/a.md': PAGE('A', 'Monitoring'),
    });
    try {
      const { diagnostics } = await loadSite(c.content);
      expect(diagnostics).toEqual([
        expect.objectContaining({ file: 'site.yaml', line: 8, column: 7, rule: 'missing-area', severity: 'error' }),
      ]);
      expect(diagnostics[0]?.message).toContain('#incident-and-ops');
    } finally {
      c.cleanup();
    }
  });

  it('reports a task whose area is not an area of the site, at its area', async () => {
    const c = makeContent({
      'site.yaml': MINIMAL_SITE,
      'keywords.yaml': KEYWORDS,
      'tasks.yaml': '- id: monitoring\n  title: Monitoring\n  area: incidents\n  aliases: [Monitoring]\n',
      'sources/a.md': PAGE('A', 'Monitoring'),
    });
    try {
      const { diagnostics } = await loadSite(c.content);
      expect(diagnostics).toEqual([
        expect.objectContaining({ file: 'tasks.yaml', line: 3, column: 9, rule: 'schema', severity: 'error' }),
      ]);
    } finally {
      c.cleanup();
    }
  });

  it('never throws on arbitrary bytes', async () => {
    const c = makeContent({
      'site.yaml': MINIMAL_SITE,
      'keywords.yaml': '\u0000\u00ff: [',
      'tasks.yaml': '{{{',
      'sources/a.md': '\u0000| a |\n|-|\n| \uFFFD {{site.data.keyword.',
      'sources/b.yaml': '- - - : :',
    });
    try {
      const { diagnostics } = await loadSite(c.content);
      expect(diagnostics.some((d) => d.file === 'keywords.yaml' && d.rule === 'yaml-syntax')).toBe(true);
      expect(diagnostics.some((d) => d.file === 'sources/b.yaml' && d.rule === 'schema')).toBe(true);
    } finally {
      c.cleanup();
    }
  });
});
