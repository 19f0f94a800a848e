import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseYaml } from '../../src/config/yaml.js';

function parse(text: string) {
  const file = new VFile({ path: 'x.yaml', value: text });
  return { ...parseYaml(text, file), file };
}

describe('parseYaml', () => {
  it('records value and key positions by JSON pointer', () => {
    const { data, positions } = parse('title: Hello\nareas:\n  - id: a\n    title: "B c"\n  - {id: d, title: e}\nk: |\n  text\n');
    expect(data).toEqual({ title: 'Hello', areas: [{ id: 'a', title: 'B c' }, { id: 'd', title: 'e' }], k: 'text\n' });
    expect(positions.get('/title')).toEqual({ line: 1, column: 8 });
    expect(positions.key('/title')).toEqual({ line: 1, column: 1 });
    expect(positions.get('/areas/0')).toEqual({ line: 3, column: 5 });
    expect(positions.get('/areas/0/title')).toEqual({ line: 4, column: 13 });
    expect(positions.key('/areas/1/title')).toEqual({ line: 5, column: 13 });
    expect(positions.get('/k')).toEqual({ line: 7, column: 3 });
    // Unknown nodes fall back to the nearest ancestor.
    expect(positions.get('/areas/0/missing')).toEqual({ line: 3, column: 5 });
  });

  it('keeps scalars as written for number-like values', () => {
    const { positions } = parse('a: 1.0\nb: 0x1F\n');
    expect(positions.raw('/a')).toBe('1.0');
    expect(positions.raw('/b')).toBe('0x1F');
  });

  it('places an empty value at its key', () => {
    const { data, positions } = parse('a: 1\nempty:\n');
    expect(data).toEqual({ a: 1, empty: null });
    expect(positions.get('/empty')).toEqual({ line: 2, column: 1 });
  });

  it('reports syntax errors with the parser line and column', () => {
    const { ok, file } = parse('title: x\nareas:\n  - id: a\n   bad: [\n');
    expect(ok).toBe(false);
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]?.ruleId).toBe('yaml-syntax');
    expect(file.messages[0]?.fatal).toBe(true);
    expect(file.messages[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('reports duplicate keys at the second key', () => {
    const { file } = parse('a: 1\na: 2\n');
    expect(file.messages[0]).toMatchObject({ ruleId: 'yaml-syntax', line: 2, column: 1 });
  });

  it('rejects a second document', () => {
    const { data, file } = parse('a: 1\n---\nb: 2\n');
    expect(data).toEqual({ a: 1 });
    expect(file.messages[0]).toMatchObject({ ruleId: 'yaml-syntax', line: 2, column: 1 });
  });

  it('treats an empty file as no data and ignores a byte order mark', () => {
    expect(parse('').data).toBeUndefined();
    expect(parse('\ufeffa: b\n').positions.get('/a')).toEqual({ line: 1, column: 4 });
  });
});
