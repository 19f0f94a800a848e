/**
 * Parsed strings are one byte a character wherever their own characters allow, though a source
 * with one character past U+00FF is read as a two-byte text (src/parse/one-byte.ts). V8's
 * serializer tells the two apart: it tags a one-byte string '"' and a two-byte one 'c'.
 */
import { serialize } from 'node:v8';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { oneByteStrings } from '../../src/parse/one-byte.js';
import { parseSourceFile } from '../../src/parse/source.js';

/** The serializer's tag for `text`: after its two header bytes and any padding (0) before a two-byte string. */
function isOneByte(text: string): boolean {
  const bytes = serialize(text);
  let at = 2;
  while (bytes[at] === 0) at++;
  return bytes[at] === 0x22;
}

/** The strings of a parsed value, in order. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const SOURCE = `# Responsibilities

## Disaster recovery
{: #disaster-recovery}

| Task | IBM responsibilities | Your responsibilities |
| --- | --- | --- |
| Backups | Back up the service’s data daily. | Keep copies of your keys. |
| Restore | Restore the service within a day. | Test restoring your data. |
`;

describe('one-byte parsed strings', () => {
  test('a two-byte text cut into pieces gives two-byte pieces; oneByteStrings makes those of Latin-1 characters one byte, in place', () => {
    const text = `‹${'plain text, é and ü '.repeat(3)}›`;
    const value = { a: text.slice(1, 30), list: [text.slice(2, 8), text, 7, null, { b: text.slice(3, 40) }] };
    expect(isOneByte(value.a)).toBe(false);
    const before = JSON.stringify(value);
    expect(oneByteStrings(value)).toBe(value);
    expect(JSON.stringify(value)).toBe(before);
    expect(isOneByte(value.a)).toBe(true);
    expect(isOneByte(value.list[0] as string)).toBe(true);
    expect(isOneByte((value.list[4] as { b: string }).b)).toBe(true);
    expect(value.list[1]).toBe(text);
  });

  test('a source with a character past U+00FF in one cell: every other parsed string is one byte a character', () => {
    const { parsed } = parseSourceFile(new VFile({ path: 'sources/a.md', value: SOURCE }), { keywords: new Map() });
    const all = strings(parsed);
    expect(all).toContain('Keep copies of your keys.');
    expect(all).toContain('Restore the service within a day.');
    for (const text of all) expect(isOneByte(text), text).toBe(!/[\u0100-\uffff]/.test(text));
    expect(all.some((text) => text.includes('service’s'))).toBe(true);
  });

  test("a cell of raw HTML, which the HTML parser reads, gives one-byte strings (IBM's lists in cells)", () => {
    const source = SOURCE.replace('’', "'").replace('Keep copies of your keys.', '<ul><li>Keep copies of your keys.</li><li>Rotate them <b>yearly</b>.</li></ul>');
    const { parsed } = parseSourceFile(new VFile({ path: 'sources/a.md', value: source }), { keywords: new Map() });
    const cell = parsed.tables[0]!.rows[0]!.customer;
    expect(cell.html).toBe('<ul><li>Keep copies of your keys.</li><li>Rotate them <b>yearly</b>.</li></ul>');
    expect(isOneByte(cell.html)).toBe(true);
    expect(isOneByte(cell.text)).toBe(true);
  });
});
