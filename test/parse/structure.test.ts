import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctx, HEAD, parse } from './helpers.js';

describe('page structure', () => {
  it('reads title, summary, last update, headings with anchors and intros', () => {
    const md = [
      '---', 'copyright:', '  years: 2019, 2026', 'lastupdated: "2026-05-19"', 'keywords: responsibilities for {{site.data.keyword.IBM_notm}}', '---', '',
      '# Your responsibilities with {{site.data.keyword.keymanagementserviceshort}}', '{: #shared}', '',
      'Learn about it.', '{: shortdesc}', '',
      '## Incident and operations management', '{: #incident-and-ops}', '',
      'You and IBM share.', '', 'Second paragraph.', '',
      '### Standard', '{: #incident-and-ops-kp}', '',
      HEAD + '| Monitoring | Provide | Use |',
      '{: caption="Table 1. Incident - Key Protect Standard" caption-side="bottom"}', '',
    ].join('\n');
    const { parsed, messages } = parse(md);
    expect(messages).toEqual([]);
    expect(parsed.title).toBe('Your responsibilities with Key Protect');
    expect(parsed.summary).toEqual({ text: 'Learn about it.', html: 'Learn about it.' });
    expect(parsed.lastUpdated).toBe('2026-05-19');
    const t = parsed.tables[0];
    expect(t?.anchor).toBe('incident-and-ops-kp');
    expect(t?.headings.map((h) => [h.depth, h.text, h.anchor])).toEqual([
      [2, 'Incident and operations management', 'incident-and-ops'],
      [3, 'Standard', 'incident-and-ops-kp'],
    ]);
    expect(t?.headings[0]?.intro?.html).toBe('<p>You and IBM share.</p><p>Second paragraph.</p>');
    expect(t?.caption).toBe('Table 1. Incident - Key Protect Standard');
    expect(t?.rows[0]?.source).toEqual({ file: 'sources/test.md', line: 26, column: 1 });
  });

  it('reports bad front matter as yaml-syntax with a position, and goes on', () => {
    const { parsed, file } = parse('---\nlastupdated: "2024\nkeywords: [a\n---\n\n# Title\n');
    expect(parsed.title).toBe('Title');
    const m = file.messages.find((x) => x.ruleId === 'yaml-syntax');
    expect(m?.fatal).toBe(true);
    expect(m?.line).toBeGreaterThanOrEqual(2);
    expect(parse('---\na: 1\n  b: 2\n---\n').messages).toEqual(['3:4 yaml-syntax']);
  });

  it('reports unknown keyrefs everywhere at their exact position, once', () => {
    const md = '---\nkeywords: "{{site.data.keyword.fm_key}}"\n---\n\n# Hi {{site.data.keyword.h1_key}}\n\n' +
      `${HEAD}| A | [x]({{site.data.keyword.url_key}}/docs) | y |\n{: caption="{{site.data.keyword.cap_key}}"}\n`;
    const { messages } = parse(md);
    expect(messages).toEqual(['2:12 unknown-keyref', '5:6 unknown-keyref', '9:11 unknown-keyref', '10:13 unknown-keyref']);
  });

  it('reports a duplicate anchor and keeps both reachable', () => {
    const md = `## One\n{: #same}\n\n${HEAD}| A | x | y |\n\n## Two\n{: #same}\n\n${HEAD}| B | x | y |\n`;
    const { parsed, messages } = parse(md);
    expect(parsed.tables.map((t) => t.anchor)).toEqual(['same', 'same-2']);
    expect(messages).toEqual(['9:1 duplicate-anchor']);
  });

  it('suffixes repeated heading texts silently, and reads setext headings', () => {
    const md = `Title\n=====\n\n## Standard\n\n${HEAD}| A | x | y |\n\n## Standard\n\n${HEAD}| B | x | y |\n`;
    const { parsed, messages } = parse(md);
    expect(parsed.title).toBe('Title');
    expect(parsed.tables.map((t) => t.anchor)).toEqual(['standard', 'standard-2']);
    expect(messages).toEqual([]);
  });

  it('resolves includes from the content folder, and warns with a visible note when missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'respmatrix-inc-'));
    mkdirSync(path.join(dir, '_include-segments'));
    writeFileSync(path.join(dir, '_include-segments', 'note.md'), '---\nx: 1\n---\nDeprecated {{site.data.keyword.IBM_notm}} service.\n');
    const md = '# T\n\n## Area\n\n{{../_include-segments/note.md}}\n\n{{site.data.content.nothing-here}}\n\n' + HEAD + '| A | x | y |\n';
    const { parsed, messages } = parse(md, ctx({ contentDir: dir }));
    expect(parsed.tables[0]?.headings[0]?.intro?.text).toBe('Deprecated IBM service. (missing content: site.data.content.nothing-here)');
    expect(messages).toEqual(['7:1 missing-include']);
  });

  it('survives a BOM, NUL bytes and CRLF without shifting positions', () => {
    const md = '\uFEFF# Title\r\n\r\n' + HEAD.replace(/\n/g, '\r\n') + '| A\u0000 | {{site.data.keyword.zzz}} | y |\r\n';
    const { parsed, messages } = parse(md);
    expect(parsed.title).toBe('Title');
    expect(parsed.tables[0]?.rows[0]?.task).toBe('A\uFFFD');
    expect(messages).toEqual(['5:8 unknown-keyref']);
  });

  it('keeps the first overview matrix and reports a second one at its line, naming its resources', () => {
    const overview = (resource: string) => [
      '| Resource | [Incident and operations management](#incident-and-ops) | [Change management](#change-management) | [Disaster recovery](#disaster-recovery) |',
      '|---|---|---|---|',
      `| ${resource} | You | IBM | Shared |`,
    ].join('\n');
    const md = `# T\n\n## Overview\n\n${overview('Data')}\n\n${overview('Keys')}\n`;
    const { parsed, messages } = parse(md);
    expect(parsed.overviews[0]?.rows.map((r) => r.resource)).toEqual(['Data']);
    expect(messages).toEqual(['9:1 table-shape']);
    expect(parse(md).file.messages[0]?.reason).toContain('"Keys"');
  });
});
