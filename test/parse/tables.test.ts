import { describe, expect, it } from 'vitest';
import { columnRoles } from '../../src/parse/markdown/columns.js';
import { HEAD, parse } from './helpers.js';

describe('responsibility tables', () => {
  it('finds the columns from the header, in either order', () => {
    expect(columnRoles(['Task', 'IBM responsibilities', 'Your responsibilities'])).toEqual({ task: 0, provider: 1, customer: 2 });
    expect(columnRoles(['Feature', 'Your Responsibility', "IBM's Responsibility"])).toEqual({ task: 0, provider: 2, customer: 1 });
    expect(columnRoles(['Resource', 'How IBM helps', 'What you can do'])).toEqual({ task: 0, provider: 1, customer: 2 });
    expect(columnRoles(['', 'IBM Cloud responsibilities', 'Your responsibilities'])).toEqual({ task: 0, provider: 1, customer: 2 });
    expect(columnRoles(['Item', 'Key Protect responsibilities', 'Your Responsibilities'])).toEqual({ task: 0, provider: 1, customer: 2 });
    expect(columnRoles(['Area', 'Activity', 'Your responsibility', 'IBM responsibility'])).toEqual({ groups: [0], task: 1, customer: 2, provider: 3 });
    expect(columnRoles(['Resource', 'Incident and operations management', 'Change management', 'Disaster recovery'])).toBeUndefined();
  });

  it('reads reversed columns with keyrefs in the header', () => {
    const md = '| Feature | Your Responsibility | {{site.data.keyword.IBM_notm}} Responsibility |\n|--|--|--|\n| Keys | Rotate keys | Store keys |\n';
    const row = parse(md).parsed.tables[0]?.rows[0];
    expect(row).toMatchObject({ task: 'Keys', customer: { text: 'Rotate keys' }, provider: { text: 'Store keys' } });
  });

  it('reads four-column tables as group + task', () => {
    const md = '| Area | Activity | Your responsibility | IBM responsibility |\n|--|--|--|--|\n| Data | Backup | Mine | Theirs |\n| | Restore | Mine 2 | Theirs 2 |\n';
    const rows = parse(md).parsed.tables[0]?.rows ?? [];
    expect(rows.map((r) => [r.group, r.task, r.customer.text, r.provider.text])).toEqual([
      ['Data', 'Backup', 'Mine', 'Theirs'],
      ['Data', 'Restore', 'Mine 2', 'Theirs 2'],
    ]);
  });

  it('pads ragged rows with a warning, with or without the closing pipe', () => {
    const { parsed, messages } = parse(`${HEAD}| A | only IBM |\n| B | IBM |\n| C | x | y |\n`);
    expect(parsed.tables[0]?.rows.map((r) => [r.task, r.provider.text, r.customer.text])).toEqual([
      ['A', 'only IBM', ''], ['B', 'IBM', ''], ['C', 'x', 'y'],
    ]);
    expect(messages).toEqual(['3:1 table-shape', '4:1 table-shape']);
  });

  it('appends continuation rows (empty first cell) to the task above', () => {
    const rows = parse(`${HEAD}| A | one | two |\n| | three | |\n| B | x | y |\n`).parsed.tables[0]?.rows ?? [];
    expect(rows.map((r) => r.task)).toEqual(['A', 'B']);
    expect(rows[0]?.provider).toEqual({ text: 'one three', html: 'one<br>three' });
    expect(rows[0]?.customer.text).toBe('two');
  });

  it('treats empty and placeholder cells as no duty listed', () => {
    const rows = parse(`${HEAD}| A | N/A | |\n| B | (None) | Not applicable |\n| C | ? | - |\n`).parsed.tables[0]?.rows ?? [];
    for (const r of rows) expect([r.provider, r.customer]).toEqual([{ text: '', html: '' }, { text: '', html: '' }]);
  });

  it('skips template leftovers with a warning', () => {
    const { parsed, messages } = parse(`${HEAD}|Task 1| {{site.data.keyword.IBM_notm}} responsibility description | Customer responsibility description |\n`);
    expect(parsed.tables[0]?.rows).toEqual([]);
    expect(messages).toEqual(['3:1 table-shape']);
  });

  it('handles TABs, NBSP, CRLF and a missing final newline', () => {
    const md = `| Task\t| IBM responsibilities | Your responsibilities |\r\n|---|---|---|\r\n| A\u00a0task\t| x\u00a0y | z |`;
    const { parsed, messages } = parse(md);
    expect(parsed.tables[0]?.rows.map((r) => [r.task, r.provider.text, r.customer.text])).toEqual([['A task', 'x y', 'z']]);
    expect(messages).toEqual([]);
  });

  it('renders \\n lists and HTML inside cells; no cell keeps {: or {{ or \\n', () => {
    const md = `${HEAD}| A {{site.data.keyword.IBM_notm}} | - one \\n - two | a \\n b </br> c <ul><li>x</li></ul> |\n`;
    const row = parse(md).parsed.tables[0]?.rows[0];
    expect(row?.task).toBe('A IBM');
    expect(row?.provider.html).toBe('<ul><li>one</li><li>two</li></ul>');
    expect(row?.customer.html).toBe('a<br>b<br>c<ul><li>x</li></ul>');
  });

  it('reports an unknown keyref in a cell at its exact line and column', () => {
    const md = `## Area\n\n${HEAD}| A | Ask {{site.data.keyword.nobody}} | y |\n`;
    expect(parse(md).messages).toEqual(['5:11 unknown-keyref']);
  });

  it('reports a table GFM refuses because header and delimiter row disagree', () => {
    const { parsed, messages } = parse('| Task | IBM responsibilities | Your responsibilities |\n|---|---|\n| A | x | y |\n');
    expect(parsed.tables).toEqual([]);
    expect(messages).toEqual(['1:1 table-shape']);
  });

  it('drops a line directly under a complete row, quoting it in the warning', () => {
    const { parsed, file } = parse(`${HEAD}| A | x | y |\nNote: some text\n`);
    expect(parsed.tables[0]?.rows.map((r) => r.task)).toEqual(['A']);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([
      '4:1 Line directly under the table is read as a table row and left out: "Note: some text"; add a blank line before it',
    ]);
  });

  it('joins a row broken across lines, also where a line would open an HTML block or a list', () => {
    const md = `${HEAD}| A | <ul><li>one</li>\n<li>two</li></ul> | mine |\n| B | x | y\nand z\n1. and more |\n| C | x | y |\n`;
    const { parsed, messages } = parse(md);
    expect(parsed.tables[0]?.rows.map((r) => [r.task, r.provider.html, r.customer.text])).toEqual([
      ['A', '<ul><li>one</li><li>two</li></ul>', 'mine'],
      ['B', 'x', 'y and z 1. and more'],
      ['C', 'x', 'y'],
    ]);
    expect(messages).toEqual(['4:1 table-shape', '6:1 table-shape', '7:1 table-shape']);
  });

  it('quotes the cells of a column that is neither task, group nor party', () => {
    const { parsed, file } = parse('| Task | IBM | You | Notes |\n|---|---|---|---|\n| C | x | y | see docs |\n| D | x | y | |\n');
    expect(parsed.tables[0]?.rows.map((r) => r.task)).toEqual(['C', 'D']);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([
      '3:15 Column "Notes" is not read (neither task, group nor party): "see docs" is left out',
    ]);
  });

  it('reports a table inside a list or a quote instead of dropping it in silence', () => {
    const md = '- item\n\n  | Task | IBM responsibilities | Your responsibilities |\n  |---|---|---|\n  | A | x | y |\n\n> | Task | IBM | You |\n> |---|---|---|\n> | B | x | y |\n';
    const { parsed, messages } = parse(md);
    expect(parsed.tables).toEqual([]);
    expect(messages).toEqual(['3:3 table-not-read', '7:3 table-not-read']);
  });

  it('quotes the cells beyond the header that it leaves out', () => {
    const { file } = parse(`${HEAD}| A | x | y | z |\n`);
    expect(file.messages.map((m) => m.reason)).toEqual(['Row has 4 cells, the header 3: the extra cells are left out: "z"']);
  });

  it('keeps a duty beside a template placeholder; skips a row of placeholders only', () => {
    const { parsed, messages } = parse(`${HEAD}| A | {{site.data.keyword.IBM_notm}} responsibility description | Rotate keys |\n| Task 2 | | Customer responsibility description |\n`);
    expect(parsed.tables[0]?.rows.map((r) => [r.task, r.provider.text, r.customer.text])).toEqual([['A', '', 'Rotate keys']]);
    expect(messages).toEqual(['3:7 table-shape', '4:1 table-shape']);
  });
});

describe('other tables', () => {
  it('reads overview matrices into overviews, never as rows', () => {
    const md = [
      '| Resource | [Incident and operations management](#incident-and-ops) | [Change management](#change-management) | Disaster Recovery |',
      '|--|--|--|--|',
      '| Observability | [Shared](#incident-and-ops) | {{site.data.keyword.IBM_notm}} | You |',
      '| Master | IBM | IBM | IBM |',
      '{: caption="Overview" caption-side="bottom"}',
      '',
    ].join('\n');
    const { parsed, messages } = parse(md);
    expect(parsed.tables).toEqual([]);
    expect(parsed.overviews).toHaveLength(1);
    expect(parsed.overviews[0]).toMatchObject({
      caption: 'Overview',
      areaIds: ['incident-and-ops', 'change-management', 'Disaster Recovery'],
      rows: [
        { resource: 'Observability', cells: ['shared', 'provider', 'customer'] },
        { resource: 'Master', cells: ['provider', 'provider', 'provider'] },
      ],
    });
    expect(messages).toEqual([]);
  });

  it('quotes an overview cell that names no party, shown as shared', () => {
    const md = '| Resource | Incident and ops | Change | DR |\n|---|---|---|---|\n| Data | You | IBM | IBM and you |\n| Apps | You | You | You |\n';
    const { parsed, file } = parse(md);
    expect(parsed.overviews[0]?.rows[0]?.cells).toEqual(['customer', 'provider', 'shared']);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual(['3:22 Overview cell "IBM and you" is not IBM, You or Shared: shown as shared']);
  });

  it('reports unrelated tables with their header, and reads none of their rows', () => {
    const { parsed, file } = parse('| Region | Endpoint |\n|--|--|\n| us-south | x |\n');
    expect(parsed.tables).toEqual([]);
    expect(parsed.overviews).toEqual([]);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([
      '1:1 table-not-read Table not read: its header "Region | Endpoint" names no IBM column and no customer column, and it is no overview by resource',
    ]);
  });

  it('finds the other party column from the structure when the words name only one', () => {
    expect(columnRoles(['Resource', 'How Cloudant helps', 'What you can do'])).toEqual({ task: 0, provider: 1, customer: 2 });
    expect(columnRoles(['Task', 'Cloudant duties', 'Your duties'])).toEqual({ task: 0, provider: 1, customer: 2 });
    expect(columnRoles(['Task', 'Your part', 'Cloudant part'])).toEqual({ task: 0, provider: 2, customer: 1 });
    expect(columnRoles(['Area', 'Activity', 'IBM responsibility', 'What happens next'])).toEqual({ groups: [0], task: 1, provider: 2, customer: 3 });
    expect(columnRoles(['Task', 'Your duties'])).toBeUndefined();
  });

  it('reads raw HTML tables, with Markdown links inside their lists', () => {
    const md = [
      '## Disaster recovery',
      '',
      '<table><caption>Table 3. {{site.data.keyword.IBM_notm}} matrix</caption>',
      '<tr><th>Resource</th><th>IBM responsibilities</th><th>Your responsibilities</th></tr>',
      '<tr><td>Data</td><td><p><ul><li>See [docs](/docs/y)</li><li>Two<img src=x></li></ul></p></td><td>Back up</td></tr>',
      '</table>',
      '',
    ].join('\n');
    const { parsed, messages } = parse(md);
    const table = parsed.tables[0];
    expect(table?.caption).toBe('Table 3. IBM matrix');
    expect(table?.rows).toHaveLength(1);
    expect(table?.rows[0]?.task).toBe('Data');
    expect(table?.rows[0]?.provider.html).toBe('<ul><li>See <a href="https://cloud.ibm.com/docs/y">docs</a></li><li>Two&#x3C;img src="x"></li></ul>');
    expect(table?.rows[0]?.customer.text).toBe('Back up');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^5:\d+ raw-html$/);
  });
});
