/**
 * The views file reads back each offering's sections as written, and reads anything else in the
 * cache as holding nothing, offering by offering.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ViewsFile, viewsFilePieces } from '../../src/build/views-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-views-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'x.views');
const write = (bytes: Uint8Array | string) => writeFileSync(file, bytes);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('ViewsFile', () => {
  test('each offering reads back as written, its bytes unchanged', () => {
    const sections = { a: [{ rows: [{ provider: { text: 'é', html: 'é' } }] }], b: [] };
    const lines: Record<string, Buffer | undefined> = { a: Buffer.from('a,é\r\n') };
    write(Buffer.concat(viewsFilePieces(Object.entries(sections).map(([key, value]) => [key, json(value), { csv: lines[key] }]), { csv: 'made-of' })));
    const views = ViewsFile.read(file);
    expect(views.keys()).toEqual(['a', 'b']);
    expect(views.sections('a')).toEqual(sections.a);
    expect(views.sections('b')).toEqual([]);
    expect(views.bytes('a')?.equals(json(sections.a))).toBe(true);
    expect(views.sections('c')).toBeUndefined();
    expect(views.sections('__proto__')).toBeUndefined();
    // Texts made of an offering (its CSV lines): as written, when asked with what they were made of.
    expect(views.text('csv', 'a', 'made-of')?.toString()).toBe('a,é\r\n');
    expect([views.text('csv', 'a', 'other'), views.text('docs', 'a', 'made-of'), views.text('csv', 'b', 'made-of'), views.text('csv', '__proto__', 'made-of')])
      .toEqual([undefined, undefined, undefined, undefined]);
  });

  test('a damaged file holds nothing, or nothing of the offerings it damages', () => {
    for (const bytes of ['', 'not json\n[]', '{"format":3}\n', '{"format":2,"offerings":{"a":[0,2]}}\n[]', '{"format":3,"offerings":null}\n']) {
      write(bytes);
      expect(ViewsFile.read(file).keys(), bytes).toEqual([]);
    }
    write('{"format":3,"offerings":{"a":[0,3],"b":[0,2],"c":[1,0],"d":"x","e":[0,1.5]},"texts":{"csv":{"context":"c","offerings":{"a":[0,4],"b":[2,1]}}}}\n[1]');
    const views = ViewsFile.read(file);
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => views.sections(key))).toEqual([[1], undefined, undefined, undefined, undefined]);
    expect([views.text('csv', 'a', 'c'), views.text('csv', 'b', 'c')]).toEqual([undefined, undefined]);
    for (const texts of ['null', '{"csv":null}', '{"csv":{"context":"c","offerings":null}}']) {
      write(`{"format":3,"offerings":{},"texts":${texts}}\n`);
      expect(ViewsFile.read(file).text('csv', 'a', 'c'), texts).toBeUndefined();
    }
    expect(ViewsFile.read(path.join(dir, 'missing')).keys()).toEqual([]);
  });
});
