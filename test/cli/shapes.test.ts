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
    const messages = b.diagnostics.filter((d) => d.file.endsWith(PAGE)).map((d) => ({ line: d.line, message: d.message }));
    expect(lostWords(b.source, b.keywords, modelTables(b.site), messages)).toEqual([]);
    for (const d of b.diagnostics) expect(d.line).toBeGreaterThan(0);
  });
});

function messages(b: Built): string[] {
  return b.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
}

describe('each shape reads as its author meant', () => {
  it('joins a row broken across lines, lists and closed cells included, and says where', () => {
    const b = shape('broken-row');
    expect(rows(b).map((r) => [r.task, r.provider.text, r.customer.text])).toEqual([
      ['Backups', 'Take a full backup of every database each night and keep it for thirty days.', 'Restore from a backup when you need to.'],
      ['Monitoring', 'Watch the health of every node. Page an engineer within fifteen minutes of an outage.', 'Review the alerts that your instance sends.'],
      ['Scaling', 'Add capacity when a node reaches its quota.', 'Request more storage before your data outgrows the plan.'],
      ['Encryption keys', 'Store the root keys in a hardware module.', 'Rotate your root keys every year.'],
      ['Audit', 'Record every API call in the activity log.', 'Review the activity log.'],
    ]);
    expect(rows(b)[1]?.provider.html).toBe('<ul><li>Watch the health of every node.</li><li>Page an engineer within fifteen minutes of an outage.</li></ul>');
    expect(rows(b).map((r) => r.source.line)).toEqual([15, 17, 19, 21, 23]);
    expect(messages(b)).toEqual([
      '16:1 table-shape This line continues the row above, which has fewer cells than the header: read as one row',
      '18:1 table-shape This line continues the row above, which has fewer cells than the header: read as one row',
      '20:1 table-shape This line continues the row above, which has no closing pipe: read as one row',
      '22:1 table-shape This line continues the row above, which has fewer cells than the header: read as one row',
    ]);
  });

  it('keeps a real duty beside a template placeholder; skips only a row of placeholders', () => {
    const b = shape('template-cell');
    expect(rows(b).map((r) => [r.task, r.provider.text, r.customer.text])).toEqual([
      ['Engine updates', 'Apply security patches to the database engine within thirty days.', ''],
      ['Schema changes', '', 'Plan and apply schema migrations in a maintenance window.'],
    ]);
    expect(messages(b)).toEqual([
      '13:88 table-shape Template placeholder "Customer responsibility description" in this cell: read as no duty listed',
      '14:20 table-shape Template placeholder "IBM responsibility description" in this cell: read as no duty listed',
      '15:1 table-shape Template placeholder row left in the table and skipped: "Task 3 | IBM responsibility description | Customer responsibility description"',
    ]);
  });

  it('carries grouping columns down to Row.group, nested groups included', () => {
    const b = shape('grouping');
    expect(rows(b).map((r) => [r.group, r.task, r.customer.text])).toEqual([
      ['Data protection', 'Backups', 'Schedule extra backups before risky changes.'],
      ['Data protection', 'Restore tests', 'Test a restore every quarter.'],
      ['Networking', 'Networking', 'Keep firewall rules for the replica region.'],
      ['Networking', 'Failover', 'Point your apps at the replica after a failover.'],
      ['Encryption / Storage volumes', 'Encryption at rest', 'Choose your own root key.'],
      ['Encryption / Storage volumes', 'Key rotation', 'Rotate your root key yearly.'],
      ['Encryption / Backups', 'Backup encryption', 'Keep the key of old backups.'],
      ['Access / Consoles', 'Sign-in', 'Require multifactor authentication.'],
    ]);
    expect(messages(b)).toEqual([]);
  });

  it('finds the other party column from the structure, and reports a table it still cannot read', () => {
    const b = shape('unread-header');
    expect(rows(b).map((r) => [r.task, r.provider.text, r.customer.text])).toEqual([
      ['Databases', 'Replicate every database across three zones.', 'Choose a plan with enough throughput.'],
      ['Documents', 'Keep document revisions until compaction.', 'Delete documents that you no longer need.'],
      ['Access policies', 'Enforce the access policies that you set.', 'Give each user the least privilege needed.'],
    ]);
    expect(messages(b)).toEqual([
      '28:1 table-not-read Table not read: its header "Component | Owner" names no IBM column and no customer column, and it is no overview by resource',
    ]);
  });
});
