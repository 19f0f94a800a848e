import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseKeywords } from '../../src/config/parse-config.js';
import { parseYamlSource } from '../../src/parse/yaml/source.js';
import type { ParseContext } from '../../src/parse/context.js';
import { parseMarkdownSource } from '../../src/parse/markdown/index.js';

const root = new URL('../../', import.meta.url);
const keywords = parseKeywords(readFileSync(new URL('content/keywords.yaml', root), 'utf8'), new VFile()).value;
const ctx: ParseContext = { keywords, linkBase: 'https://cloud.ibm.com' };

function yamlSource(text: string, path = 'sources/x.yaml') {
  const file = new VFile({ path, value: text });
  return { parsed: parseYamlSource(file, ctx), file };
}

/** Drop source positions: they differ between the two files by design. */
function withoutSources(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' || key === 'file' ? undefined : v)));
}

describe('YAML sources', () => {
  it('parse to the same ParsedSource as the Markdown page they transcribe', () => {
    const md = new VFile({
      path: 'sources/secrets-manager.md',
      value: readFileSync(new URL('content/sources/secrets-manager.md', root), 'utf8'),
    });
    const yaml = new VFile({
      path: 'sources/secrets-manager.yaml',
      value: readFileSync(new URL('test/fixtures/yaml-equality/secrets-manager.yaml', root), 'utf8'),
    });
    const fromMarkdown = parseMarkdownSource(md, ctx);
    const fromYaml = parseYamlSource(yaml, ctx);
    expect(yaml.messages.map(String)).toEqual([]);
    expect(fromYaml.tables).toHaveLength(5);
    expect(withoutSources(fromYaml)).toEqual(withoutSources(fromMarkdown));
    expect(fromYaml.tables[1]?.rows[0]?.source).toEqual({ file: 'sources/secrets-manager.yaml', line: 49, column: 9 });
  });

  it('gives tables of an area their own H3 heading and anchor', () => {
    const { parsed, file } = yamlSource(
      [
        'title: Tiers',
        'areas:',
        '  - heading: Change management',
        '    anchor: change-management',
        '    intro: Shared.',
        '    tables:',
        '      - heading: "{{site.data.keyword.keymanagementserviceshort}} Standard"',
        '        anchor: change-management-kp',
        '        caption: Table 3',
        '        rows:',
        '          - task: Applications',
        '            provider: Provide *updates*.',
        '            customer: N/A',
        '',
      ].join('\n'),
    );
    expect(file.messages).toEqual([]);
    const table = parsed.tables[0];
    expect(table?.anchor).toBe('change-management-kp');
    expect(table?.headings.map((h) => [h.depth, h.text, h.anchor])).toEqual([
      [2, 'Change management', 'change-management'],
      [3, 'Key Protect Standard', 'change-management-kp'],
    ]);
    expect(table?.rows[0]?.provider.html).toContain('<em>updates</em>');
    expect(table?.rows[0]?.customer).toEqual({ text: '', html: '' });
  });

  it('reports an unknown keyref at its line and column in the YAML file', () => {
    const { file } = yamlSource(
      ['title: T', 'areas:', '  - heading: H', '    rows:', '      - task: A', '        provider: Use {{site.data.keyword.nope}} now', ''].join('\n'),
    );
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['unknown-keyref', 6, 23]]);
  });

  it('points into multi-line values exactly: block scalars and plain scalars over several lines', () => {
    const { parsed, file } = yamlSource(
      [
        'title: T',
        'areas:',
        '  - heading: H',
        '    rows:',
        '      - task: A',
        '        provider: >-',
        '          Provide tools',
        '          with {{site.data.keyword.nope}} support.',
        '        customer: Use the tools',
        '          and {{site.data.keyword.nope2}} too.',
        '      - task: B',
        '        provider: |',
        '          First paragraph.',
        '',
        '          Second with {{site.data.keyword.nope3}}.',
        '',
      ].join('\n'),
    );
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['unknown-keyref', 8, 16],
      ['unknown-keyref', 10, 15],
      ['unknown-keyref', 15, 23],
    ]);
    const rows = parsed.tables[0]?.rows ?? [];
    expect(rows[0]?.provider.text).toMatch(/^Provide tools with \S+ support\.$/);
    expect(rows[1]?.provider.html).toMatch(/^<p>First paragraph\.<\/p>\s*<p>Second with/);
  });

  it('reports schema errors at the node and yields no tables', () => {
    const { parsed, file } = yamlSource(
      ['title: T', 'areas:', '  - heading: H', '    rows:', '      - provider: P', '        custmer: C', ''].join('\n'),
    );
    expect(parsed.tables).toEqual([]);
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal])).toEqual([
      ['schema', 5, 9, true],
      ['schema', 6, 9, true],
    ]);
    expect(file.messages[1]?.reason).toContain('"custmer"');
  });

  it('rejects an area with both rows and tables', () => {
    const { file } = yamlSource(
      ['title: T', 'areas:', '  - heading: H', '    rows: []', '    tables:', '      - rows: []', ''].join('\n'),
    );
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['schema', 5, 5]]);
  });

  it('reports YAML syntax errors', () => {
    const { parsed, file } = yamlSource('title: [unclosed\n');
    expect(parsed.tables).toEqual([]);
    expect(file.messages[0]?.ruleId).toBe('yaml-syntax');
  });
});
