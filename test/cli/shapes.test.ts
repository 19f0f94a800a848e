/**
 * The four shapes of responsibility table that real pages use and that once lost text in
 * silence (test/fixtures/shapes/): each is built and checked through the CLI, and every word
 * of its tables must reach model.json or a diagnostic that quotes it at its line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row, Site } from '../../src/model/types.js';
import { lostWords, type ModelTable } from '../conservation.js';
import { parseJson, repo, run, type JsonDiagnostic } from './helpers.js';

const SHAPES = ['broken-row', 'template-cell', 'grouping', 'unread-header'] as const;
const PAGE = 'sources/example-db.md';

interface Built {
  code: number;
  site: Site;
  diagnostics: JsonDiagnostic[];
  source: string;
  keywords: Map<string, string>;
}

const built = new Map<string, Built>();
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-shapes-'));
  for (const shape of SHAPES) {
    const folder = path.join(root, shape);
    cpSync(path.join(repo, 'test', 'fixtures', 'shapes', shape), path.join(folder, 'content'), { recursive: true });
    const build = await run(['build'], folder);
    const check = await run(['check', '--format', 'json'], folder);
    const content = path.join(folder, 'content');
    built.set(shape, {
      code: build.code,
      site: JSON.parse(readFileSync(path.join(folder, 'dist', 'model.json'), 'utf8')) as Site,
      diagnostics: parseJson(check.stdout),
      source: readFileSync(path.join(content, PAGE), 'utf8'),
      keywords: new Map(Object.entries(load(readFileSync(path.join(content, 'keywords.yaml'), 'utf8')) as Record<string, string>)),
    });
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function shape(name: string): Built {
  const b = built.get(name);
  if (!b) throw new Error(`${name} was not built`);
  return b;
}

function modelTables(site: Site): ModelTable[] {
  return site.offerings.flatMap((o) => o.sections).map((s) => ({
    line: s.source.line,
    texts: [...s.rows.flatMap((r) => [r.task, r.group ?? '', r.provider.text, r.customer.text]), s.caption ?? ''],
  }));
}

function rows(b: Built): Row[] {
  return b.site.offerings.flatMap((o) => o.sections.flatMap((s) => s.rows));
}

describe.each(SHAPES)('table shape %s', (name) => {
  it('builds, and loses no word without a diagnostic that quotes it at its line', () => {
    const b = shape(name);
    expect(b.code).toBe(0);
    const messages = b.diagnostics.filter((d) => d.file === PAGE).map((d) => ({ line: d.line, message: d.message }));
    expect(lostWords(b.source, b.keywords, modelTables(b.site), messages)).toEqual([]);
    for (const d of b.diagnostics) expect(d.line).toBeGreaterThan(0);
  });
});
