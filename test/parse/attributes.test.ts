import { describe, expect, it } from 'vitest';
import { HEAD, parse } from './helpers.js';

describe('block attribute lists', () => {
  it('takes a caption line directly under a table as the table\'s attributes, not a row (spec 3.3)', () => {
    const { parsed, messages } = parse(`## Area\n{: #area}\n\n${HEAD}| Backups | Run them | Test them |\n{: caption="Table 1. Responsibilities | for backups" caption-side="bottom"}\n`);
    const table = parsed.tables[0];
    expect(table?.rows.map((r) => r.task)).toEqual(['Backups']);
    expect(table?.caption).toBe('Table 1. Responsibilities | for backups');
    expect(messages).toEqual([]);
  });

  it('takes several attribute lines in any order, also after a blank line', () => {
    const md = `${HEAD}| A | x | y |\n{: row-headers}\n{: caption="Cap {{site.data.keyword.IBM_notm}} {braces}" caption-side="bottom"}\n\n{: summary="Sum {{site.data.keyword.IBM_notm}}"}\n{: #my-table}\n`;
    const { parsed, messages } = parse(md);
    const table = parsed.tables[0];
    expect(table?.rows).toHaveLength(1);
    expect(table?.caption).toBe('Cap IBM {braces}');
    expect(table?.summary).toBe('Sum IBM');
    expect(table?.anchor).toBe('my-table');
    expect(messages).toEqual([]);
  });

  it('recovers a caption without its closing quote, with a warning at the line', () => {
    const { parsed, messages } = parse(`${HEAD}| A | x | y |\n{: caption="Table 1. Security responsibilities}\n`);
    expect(parsed.tables[0]?.rows).toHaveLength(1);
    expect(parsed.tables[0]?.caption).toBe('Table 1. Security responsibilities');
    expect(messages).toEqual(['4:12 attribute-syntax']);
  });

  it('recovers an anchor with a space, with a warning', () => {
    const { parsed, messages } = parse(`## Disaster recovery\n{: #dr recovery}\n\n${HEAD}| A | x | y |\n`);
    expect(parsed.tables[0]?.headings[0]?.anchor).toBe('dr-recovery');
    expect(parsed.tables[0]?.anchor).toBe('dr-recovery');
    expect(messages).toEqual(['2:8 attribute-syntax']);
  });

  it('reads the short description, also written inline at the paragraph end', () => {
    expect(parse('# T\n\nLearn things.\n{: shortdesc}\n').parsed.summary?.text).toBe('Learn things.');
    expect(parse('# T\n\nLearn {{site.data.keyword.IBM_notm}} things. {: shortdesc}\n').parsed.summary?.text).toBe('Learn IBM things.');
    expect(parse('# T\n\nLearn things.\n{:shortdesc}\n').parsed.summary?.text).toBe('Learn things.');
  });

  it('renders attribute definitions and the ADL keyref as nothing', () => {
    const md = `---\nlastupdated: "2024-01-02"\n---\n\n{{site.data.keyword.attribute-definition-list}}\n{:shortdesc: .shortdesc}\n{:c#: .ph data-hd-programlang='c#'}\n{:note .note}\n\n# Title\n\n## Area\n\nIntro text.\n\n${HEAD}| A | x | y |\n`;
    const { parsed, messages } = parse(md);
    expect(messages).toEqual([]);
    expect(parsed.title).toBe('Title');
    expect(parsed.lastUpdated).toBe('2024-01-02');
    expect(parsed.tables[0]?.headings[0]?.intro?.text).toBe('Intro text.');
  });

  it('warns about an attribute list that qualifies no block', () => {
    expect(parse('{: #lonely}\n\n# Title\n').messages).toEqual(['1:1 orphan-attributes']);
  });

  it('keeps notes out of intros', () => {
    const { parsed } = parse(`## Area\n\nIntro.\n\nA note.\n{: note}\n\n${HEAD}| A | x | y |\n`);
    expect(parsed.tables[0]?.headings[0]?.intro?.text).toBe('Intro.');
  });

  it('reads heading ids written on the heading line', () => {
    const { parsed } = parse(`## Change management {: #change-x}\n\n${HEAD}| A | x | y |\n`);
    expect(parsed.tables[0]?.headings[0]).toMatchObject({ text: 'Change management', anchor: 'change-x' });
  });
});
