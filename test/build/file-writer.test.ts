/**
 * The writer writes a text in pieces as the same bytes as the whole text, and links it from the
 * previous output instead when it turns out the same there, however the pieces fall; a file
 * named after its contents is linked unread only while the previous one is as recorded. A file
 * already in the tree is written over to hold the new bytes alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { FileWriter } from '../../src/build/file-writer.js';
import { TextPieces, type TextPiece } from '../../src/render/page.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A previous output holding `data/big.json` with `old`, and an empty new one. */
function outputs(old: string | undefined) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-writer-'));
  roots.push(root);
  const previous = path.join(root, 'previous');
  const next = path.join(root, 'next');
  mkdirSync(path.join(previous, 'data'), { recursive: true });
  mkdirSync(next);
  if (old !== undefined) writeFileSync(path.join(previous, 'data', 'big.json'), old);
  return { previous, next, file: path.join(next, 'data', 'big.json'), old: path.join(previous, 'data', 'big.json') };
}

const pieces = (...parts: string[]) => new TextPieces(() => parts);

/** `parts` written as data/big.json over a previous output holding `old` there (none: no previous output): what the file reads, and the writer's counts. */
function writtenOver(old: string | undefined, parts: readonly TextPiece[]) {
  const { previous, next, file } = outputs(old);
  const writer = new FileWriter(next, old === undefined ? undefined : previous);
  writer.write('data/big.json', new TextPieces(() => parts));
  return { text: readFileSync(file, 'utf8'), written: writer.written, linked: writer.linked };
}

describe('FileWriter and texts in pieces', () => {
  test('written as the joined text when there is no previous output', () => {
    const { next, file } = outputs(undefined);
    const writer = new FileWriter(next);
    writer.write('data/big.json', pieces('{"a":', '"é…"', '}\n'));
    expect(readFileSync(file, 'utf8')).toBe('{"a":"é…"}\n');
    expect([writer.written, writer.linked]).toEqual([1, 0]);
  });

  test('linked from the previous output when the bytes are the same, whatever the pieces', () => {
    const { previous, next, file, old } = outputs('{"a":"é…"}\n');
    const writer = new FileWriter(next, previous);
    writer.write('data/big.json', pieces('{"a":"', 'é', '…"}', '', '\n'));
    expect(statSync(file).ino).toBe(statSync(old).ino);
    expect([writer.written, writer.linked]).toEqual([0, 1]);
  });

  test.each([
    ['a longer previous file', '{"a":1}\nmore'],
    ['a shorter previous file', '{"a":1'],
    ['one byte changed', '{"a":2}\n'],
    ['an empty previous file', ''],
  ])('written, not linked, over %s', (_, old) => {
    const { previous, next, file, old: oldFile } = outputs(old);
    const writer = new FileWriter(next, previous);
    writer.write('data/big.json', pieces('{"a":', '1}', '\n'));
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(statSync(file).ino).not.toBe(statSync(oldFile).ino);
    expect(readFileSync(oldFile, 'utf8')).toBe(old);
    expect([writer.written, writer.linked]).toEqual([1, 0]);
  });
});

describe('FileWriter and files already in the tree', () => {
  // A cold build lays out its pages' files empty ahead (staging.ts); a path may be written twice.
  test.each([
    ['an empty file laid out ahead', ''],
    ['a longer file', '<p>an older and much longer page</p>\n'],
    ['a shorter file', '<p>'],
  ])('written over %s: the file holds the new bytes alone', (_, there) => {
    const { next } = outputs(undefined);
    const file = path.join(next, 'offerings', 'a', 'index.html');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, there);
    const writer = new FileWriter(next);
    writer.write('offerings/a/index.html', '<p>é</p>\n');
    expect(readFileSync(file, 'utf8')).toBe('<p>é</p>\n');
    writer.write('offerings/a/index.html', '');
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(writer.written).toBe(2);
  });

  test.each([
    ['an empty file laid out ahead', ''],
    ['a longer file', '{"a":1,"b":"an older and much longer text"}\n'],
  ])('written in pieces over %s: the file holds the new bytes alone', (_, there) => {
    const { previous, next, file } = outputs('{"a":0}\n');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, there);
    const writer = new FileWriter(next, previous);
    writer.write('data/big.json', pieces('{"a":', '1}', '\n'));
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect([writer.written, writer.linked]).toEqual([1, 0]);
  });
});

describe('FileWriter and large texts in pieces', () => {
  // Many small pieces over several of the writer's 1 MiB chunks, as model.json's offerings and commas.
  const parts = Array.from({ length: 30_000 }, (_, i) => (i % 2 ? ',' : `{"offering":${i},"text":"${'x'.repeat(100)}"}`));
  const whole = parts.join('');

  test.each([
    ['the same bytes: linked', whole, true],
    ['one byte changed past the first chunk: written', `${whole.slice(0, 2_000_000)}y${whole.slice(2_000_001)}`, false],
    ['a byte more at the end: written', `${whole}\n`, false],
  ])('%s', (_, old, same) => {
    const { previous, next, file, old: oldFile } = outputs(old);
    const writer = new FileWriter(next, previous);
    writer.write('data/big.json', new TextPieces(() => parts));
    expect(readFileSync(file, 'utf8')).toBe(whole);
    expect(statSync(file).ino === statSync(oldFile).ino).toBe(same);
  });

  test('pieces of any characters and sizes, around and above the 1 MiB chunk: written as joined', () => {
    // Two- and four-byte characters where a chunk fills up, and pieces larger than a chunk.
    const sized = ['ä'.repeat(400_000), '€'.repeat(200_000), ',', 'é😀a'.repeat(300_000), '😀'.repeat(262_143), 'x', '€'.repeat(349_525), 'ab', '"end"'];
    const text = sized.join('');
    expect(writtenOver(undefined, sized).text).toBe(text);
    // Compared with the previous file on the way: the same bytes, so linked.
    expect(writtenOver(text, sized)).toEqual({ text, written: 0, linked: 1 });
  });

  test('pieces given as UTF-8 bytes, of any size, between text: written and compared as the text they encode', () => {
    const sized = ['ä'.repeat(600_000), '€'.repeat(200_000), ',', 'é😀a'.repeat(300_000), 'x', '"end"'];
    // Every other piece as its bytes: small ones into a chunk, one larger than a chunk whole.
    const mixed = sized.map((piece, i) => (i % 2 ? piece : Buffer.from(piece)));
    const text = sized.join('');
    expect(String(new TextPieces(() => mixed))).toBe(text);
    expect(writtenOver(undefined, mixed).text).toBe(text);
    expect(writtenOver(text, mixed)).toEqual({ text, written: 0, linked: 1 });
    expect(writtenOver(`${text}!`, mixed)).toEqual({ text, written: 1, linked: 0 });
  });

  test("a text that takes bytes of the previous file copies them from it, while it is as recorded", () => {
    // model.json's unchanged offerings: ranges of the previous file between new text.
    const { previous, next, file, old } = outputs(whole);
    const stamp = () => {
      const { size, mtimeMs, ino } = statSync(old);
      return { size, mtimeMs, ino };
    };
    const ranges = (text: string) => new TextPieces(function* () {
      let at = 0;
      for (const part of parts) {
        // Some parts are taken from the previous file, the others made again.
        yield at % 3 === 0 ? { previous: [at, at + part.length] as const } : part;
        at += part.length;
      }
      yield text;
    });
    const writer = new FileWriter(next, previous, undefined, { 'data/big.json': stamp() });
    writer.write('data/big.json', ranges(''));
    expect(readFileSync(file, 'utf8')).toBe(whole);
    expect([writer.written, writer.linked]).toEqual([0, 1]);
    rmSync(file);
    writer.write('data/big.json', ranges('more'));
    expect(readFileSync(file, 'utf8')).toBe(`${whole}more`);
    expect(writer.written).toBe(1);

    // Changed since it was recorded: its bytes are not taken, the build fails.
    rmSync(file);
    const recorded = { 'data/big.json': stamp() };
    writeFileSync(old, whole.replace('offering', 'offerinG'));
    const later = new Date(recorded['data/big.json'].mtimeMs + 10_000);
    utimesSync(old, later, later);
    expect(() => new FileWriter(next, previous, undefined, recorded).write('data/big.json', ranges(''))).toThrow(/changed/);
    // A range outside the file fails too.
    expect(() => new FileWriter(next, previous).write('data/big.json', new TextPieces(() => [{ previous: [0, whole.length + 1] }]))).toThrow(/not in/);
  });

  test('ranges of the previous file in another order, between other text, at any size', () => {
    // Offerings reordered and renamed: runs of the previous file break where the text differs.
    const big = 'x'.repeat(1_500_000);
    const old = `[${big},"b","c"]`;
    const { previous, next, file } = outputs(old);
    const at = (part: string) => ({ previous: [old.indexOf(part), old.indexOf(part) + part.length] as const });
    const writer = new FileWriter(next, previous);
    writer.write('data/big.json', new TextPieces(() => ['[', at('"c"'), ';', at(big), ',', at('"b"'), ',', at('"b"'), ']']));
    expect(readFileSync(file, 'utf8')).toBe(`["c";${big},"b","b"]`);
    rmSync(file);
    writer.write('data/big.json', new TextPieces(() => ['[', at(big), ',', at('"b"'), ',', at('"c"'), ']']));
    expect(readFileSync(file, 'utf8')).toBe(old);
    expect([writer.written, writer.linked]).toEqual([1, 1]);
  });

  test('a run of the previous file placed elsewhere that gives its very bytes is linked', () => {
    // Bytes 1.. of a file of one repeated letter, then that letter: the same file, compared across chunks.
    const old = 'a'.repeat(2_500_001);
    const { previous, next, file } = outputs(old);
    const writer = new FileWriter(next, previous);
    writer.write('data/big.json', new TextPieces(() => [{ previous: [1, old.length] }, 'a']));
    expect(readFileSync(file, 'utf8')).toBe(old);
    expect([writer.written, writer.linked]).toEqual([0, 1]);
    rmSync(file);
    writer.write('data/big.json', new TextPieces(() => [{ previous: [1, old.length] }, 'b']));
    expect(readFileSync(file, 'utf8')).toBe(`${old.slice(1)}b`);
    expect([writer.written, writer.linked]).toEqual([1, 1]);
  });
});

describe('FileWriter and files named after their contents', () => {
  const stampOf = (file: string) => {
    const { size, mtimeMs, ino } = statSync(file);
    return { size, mtimeMs, ino };
  };
  const part = (contents: string) => ({ path: 'data/big.json', contents, namedByContents: true });

  test('linked unread while the previous file is as the cache recorded it, compared once it is not', () => {
    // The previous file's bytes differ at the same size: only a writer that does not read it links it.
    const { previous, next, file, old } = outputs('{"a":2}\n');
    const recorded = { 'data/big.json': stampOf(old) };
    const trusting = new FileWriter(next, previous, undefined, recorded);
    trusting.writeOutput(part('{"a":1}\n'));
    expect(statSync(file).ino).toBe(statSync(old).ino);
    expect([trusting.written, trusting.linked]).toEqual([0, 1]);
    // Kept as recorded, its bytes not even made.
    expect(trusting.keptStamps.get('data/big.json')).toEqual(recorded['data/big.json']);
    rmSync(file);
    const unmade = new TextPieces(() => {
      throw new Error('the bytes of a kept file were made');
    });
    new FileWriter(next, previous, undefined, recorded).writeOutput({ ...part(''), contents: unmade });
    expect(statSync(file).ino).toBe(statSync(old).ino);

    // Changed since it was recorded (a later time): read and compared, so the new bytes are written.
    rmSync(file);
    writeFileSync(old, '{"a":3}\n');
    const later = new Date(recorded['data/big.json'].mtimeMs + 10_000);
    utimesSync(old, later, later);
    const checking = new FileWriter(next, previous, undefined, recorded);
    checking.writeOutput(part('{"a":1}\n'));
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(statSync(file).ino).not.toBe(statSync(old).ino);
    expect([checking.written, checking.linked]).toEqual([1, 0]);
  });

  test('without a record, or for a file not named after its contents, the bytes decide', () => {
    const { previous, next, file, old } = outputs('{"a":2}\n');
    new FileWriter(next, previous).writeOutput(part('{"a":1}\n'));
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    rmSync(file);
    new FileWriter(next, previous, undefined, { 'data/big.json': stampOf(old) }).writeOutput({ path: 'data/big.json', contents: '{"a":1}\n' });
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
  });
});
