import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseKeywords, parseSiteConfig, parseTasks } from '../../src/config/parse-config.js';

function messages(file: VFile) {
  return file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, fatal: m.fatal, reason: m.reason }));
}

describe('site.yaml', () => {
  it('needs only a title and fills defaults', () => {
    const file = new VFile({ path: 'site.yaml' });
    const { value } = parseSiteConfig('title: Matrix\nlinkBase: https://cloud.ibm.com\n', file);
    expect(file.messages).toEqual([]);
    expect(value).toEqual({
      title: 'Matrix',
      linkBase: 'https://cloud.ibm.com',
      parties: { provider: 'IBM', customer: 'You' },
      areas: [],
      redirects: [],
    });
  });

  it('reports schema errors at the offending node and drops only that part', () => {
    const file = new VFile({ path: 'site.yaml' });
    const text = [
      'title: Matrix',
      'baseUrl: example.com',
      'parties:',
      '  customer: Customer',
      'areas:',
      '  - id: Bad Id',
      '    title: One',
      '  - id: fine',
      '    title: Two',
      '    colour: red',
      '  - id: ok',
      '    title: Three',
      'offerings:',
      '  - id: kp',
      '    name: Key Protect',
      '',
    ].join('\n');
    const { value } = parseSiteConfig(text, file);
    expect(messages(file)).toEqual([
      expect.objectContaining({ rule: 'schema', line: 2, column: 10, fatal: true }),
      expect.objectContaining({ rule: 'schema', line: 6, column: 9, reason: expect.stringContaining('"Bad Id"') }),
      expect.objectContaining({ rule: 'schema', line: 10, column: 5, reason: expect.stringContaining('"colour"') }),
      expect.objectContaining({ rule: 'schema', line: 14, column: 5, reason: expect.stringContaining('"source"') }),
    ]);
    expect(value?.baseUrl).toBeUndefined();
    expect(value?.parties).toEqual({ provider: 'IBM', customer: 'Customer' });
    expect(value?.areas.map((a) => a.id)).toEqual(['ok']);
    expect(value?.offerings).toEqual([]);
  });

  it('is unusable without a title', () => {
    const file = new VFile({ path: 'site.yaml' });
    expect(parseSiteConfig('description: x\n', file).value).toBeUndefined();
    expect(messages(file)).toEqual([expect.objectContaining({ rule: 'schema', line: 1, column: 1 })]);
    const empty = new VFile({ path: 'site.yaml' });
    expect(parseSiteConfig('', empty).value).toBeUndefined();
    expect(messages(empty)[0]?.reason).toContain('"title"');
  });

  it('reports duplicate ids', () => {
    const file = new VFile({ path: 'site.yaml' });
    parseSiteConfig('title: t\nareas:\n  - {id: a, title: A}\n  - {id: a, title: B}\n', file);
    expect(messages(file)).toEqual([expect.objectContaining({ rule: 'schema', line: 4, column: 10 })]);
  });
});

describe('keywords.yaml', () => {
  it('maps names to text, numbers kept as written', () => {
    const file = new VFile({ path: 'keywords.yaml' });
    const { value } = parseKeywords('IBM_notm: IBM\nversion: 1.0\nsecrets-manager_short: Secrets Manager\n', file);
    expect(file.messages).toEqual([]);
    expect([...value]).toEqual([
      ['IBM_notm', 'IBM'],
      ['version', '1.0'],
      ['secrets-manager_short', 'Secrets Manager'],
    ]);
  });

  it('reports a value that is not text at its position', () => {
    const file = new VFile({ path: 'keywords.yaml' });
    const { value } = parseKeywords('a: A\nb:\n  - x\nc: C\n', file);
    expect(messages(file)).toEqual([expect.objectContaining({ rule: 'schema', line: 3, column: 3 })]);
    expect(value.get('b')).toBe('');
    expect(value.get('c')).toBe('C');
  });

  it('reports a list instead of a map', () => {
    const file = new VFile({ path: 'keywords.yaml' });
    parseKeywords('- a\n', file);
    expect(messages(file)).toEqual([expect.objectContaining({ rule: 'schema', line: 1, column: 1 })]);
  });
});

describe('tasks.yaml', () => {
  it('loads tasks with default aliases', () => {
    const file = new VFile({ path: 'tasks.yaml' });
    const { value } = parseTasks('- id: availability\n  title: Availability\n  area: incident-and-ops\n', file);
    expect(file.messages).toEqual([]);
    expect(value).toEqual([{ id: 'availability', title: 'Availability', area: 'incident-and-ops', aliases: [] }]);
  });

  it('reports duplicate ids and ambiguous aliases in one area', () => {
    const file = new VFile({ path: 'tasks.yaml' });
    const text = [
      '- id: a',
      '  title: A',
      '  area: x',
      '  aliases: [Applications]',
      '- id: b',
      '  title: B',
      '  area: x',
      '  aliases: [applications]',
      '- id: c',
      '  title: C',
      '  area: y',
      '  aliases: [Applications]',
      '- id: a',
      '  title: D',
      '',
    ].join('\n');
    parseTasks(text, file);
    expect(messages(file)).toEqual([
      expect.objectContaining({ rule: 'schema', line: 8, column: 13, reason: expect.stringContaining('task "a"') }),
      expect.objectContaining({ rule: 'schema', line: 13, column: 7 }),
    ]);
  });
});

describe('keyword names', () => {
  it('reports an invalid name once, at the key', () => {
    const file = new VFile({ path: 'keywords.yaml' });
    parseKeywords('ok: 1\n"bad name": x\n', file);
    expect(messages(file)).toEqual([
      expect.objectContaining({ rule: 'schema', line: 2, column: 2, reason: expect.stringContaining('"bad name"') }),
    ]);
  });
});
