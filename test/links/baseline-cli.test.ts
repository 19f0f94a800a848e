/**
 * `respmatrix check --anchors-baseline`: renaming a task, a table id or an offering breaks
 * exactly the published anchors it should, and aliases or redirects keep every one of them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { AnchorManifest } from '../../src/links/anchors-baseline.js';
import { parseManifest } from '../../src/links/manifest-format.js';
import { run } from '../cli/helpers.js';
import { checkJson, manifestV1Text, workspace, type Edits, type Workspace } from './fixture.js';

let published: Workspace;
let baselineFile: string;
let baseline: AnchorManifest;

beforeAll(async () => {
  published = await workspace();
  const built = await run(['build', '--content', 'content', '--out', 'dist'], published.root);
  expect(built.code, built.stderr).toBe(0);
  baselineFile = path.join(published.root, 'dist', 'anchors.json');
  baseline = parseManifest(await readFile(baselineFile, 'utf8'), baselineFile);
});

afterAll(async () => {
  await published?.remove();
});

/** Every `page#fragment` of the baseline whose fragment or page matches. */
function publishedAnchors(match: (url: string, id?: string) => boolean): string[] {
  const out: string[] = [];
  for (const [url, page] of Object.entries(baseline.pages)) {
    if (match(url)) out.push(`/${url}`);
    else for (const id of page.fragments.keys()) if (match(url, id)) out.push(`/${url}#${id}`);
  }
  return out.sort();
}

/** The anchors named by anchor-removed errors, and the errors themselves. */
async function removed(edits: Edits): Promise<{ anchors: string[]; errors: Diagnostic[]; code: number }> {
  const ws = await workspace(edits);
  try {
    const { code, diagnostics } = await checkJson(ws, baselineFile);
    const other = diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'anchor-removed');
    expect(other).toEqual([]);
    const errors = diagnostics.filter((d) => d.rule === 'anchor-removed');
    const anchors = errors.map((d) => /"([^"]+)"/.exec(d.message)?.[1] ?? d.message).sort();
    return { anchors, errors, code };
  } finally {
    await ws.remove();
  }
}

const lineOf = async (file: string, text: string): Promise<number> => {
  const lines = (await readFile(path.join(published.content, file), 'utf8')).split('\n');
  return lines.findIndex((l) => l.includes(text)) + 1;
};

test('the baseline lists pages and fragments with their sources', () => {
  const dedicated = baseline.pages['offerings/vault-dedicated/'];
  expect(dedicated?.kind).toBe('offering');
  expect([...(dedicated?.fragments.keys() ?? [])]).toEqual([
    'disaster-recovery',
    'disaster-recovery--backups',
    'disaster-recovery-ded',
    'incident-and-ops',
    'incident-and-ops-ded',
    'incident-operations',
    'incident-operations--monitoring',
  ]);
  expect(dedicated?.fragments.get('incident-and-ops')).toMatchObject({ kind: 'alias', target: 'incident-and-ops-ded' });
  expect(dedicated?.fragments.get('disaster-recovery-ded')).toMatchObject({ kind: 'table', source: { file: 'sources/vault.md' } });
  expect(Object.keys(baseline.pages)).toEqual([...Object.keys(baseline.pages)].sort());
});

test('an unchanged site passes the baseline check', async () => {
  const result = await removed({});
  expect(result).toMatchObject({ anchors: [], code: 0 });
});

describe('renaming a task', () => {
  const renameId: Edits = { 'tasks.yaml': [['- id: backups', '- id: backup-copies']] };

  test('without formerIds every published row anchor of the task is an error at its row', async () => {
    const result = await removed(renameId);
    expect(result.code).toBe(1);
    expect(result.anchors).toEqual(publishedAnchors((_url, id) => id?.endsWith('--backups') === true));
    expect(result.anchors).toEqual(expect.arrayContaining([
      '/offerings/vault-standard/#disaster-recovery--backups',
      '/offerings/vault-dedicated/#disaster-recovery--backups',
      '/offerings/keeper/#disaster-recovery--backups',
      '/areas/disaster-recovery/#vault-dedicated--backups',
    ]));
    const row = result.errors.find((d) => d.message.includes('/offerings/vault-dedicated/#disaster-recovery--backups'));
    expect(row).toMatchObject({
      file: 'content/sources/vault.md',
      line: await lineOf('sources/vault.md', '| Backups | Back up the hardware security module.'),
      severity: 'error',
    });
  });

  test('with formerIds nothing breaks', async () => {
    const result = await removed({ 'tasks.yaml': [['- id: backups', '- id: backup-copies\n  formerIds: [backups]']] });
    expect(result).toMatchObject({ anchors: [], code: 0 });
  });

  test('renaming the task in a source breaks its rows there unless the old name stays an alias', async () => {
    const wording: Edits = { 'sources/vault.md': [['| Backups |', '| Backup copies |']] };
    const without = await removed(wording);
    // Keeper still has a Backups row, so the full comparison keeps its row id.
    expect(without.anchors).toEqual([
      '/areas/disaster-recovery/#vault-dedicated--backups',
      '/areas/disaster-recovery/#vault-standard--backups',
      '/checklist/vault-dedicated/#disaster-recovery--backups',
      '/checklist/vault-standard/#disaster-recovery--backups',
      '/compare/vault-standard-vs-vault-dedicated/#disaster-recovery--backups',
      '/offerings/vault-dedicated/#disaster-recovery--backups',
      '/offerings/vault-standard/#disaster-recovery--backups',
    ]);
    const withAlias = await removed({ ...wording, 'tasks.yaml': [['aliases: [Backups]', 'aliases: [Backups, Backup copies]']] });
    expect(withAlias.anchors).toEqual([]);
  });
});

describe('renaming a table id', () => {
  const rename: [string, string] = ['{: #disaster-recovery-ded}', '{: #dr-ded}'];

  test('without an alias the old table id is the one error, at the table', async () => {
    const result = await removed({ 'sources/vault.md': [rename] });
    expect(result.anchors).toEqual(['/offerings/vault-dedicated/#disaster-recovery-ded']);
    expect(result.errors[0]).toMatchObject({ file: 'content/sources/vault.md', rule: 'anchor-removed', severity: 'error' });
    const tableLine = await lineOf('sources/vault.md', '| Backups | Back up the hardware security module.');
    expect(result.errors[0]?.line).toBeGreaterThan(tableLine - 4);
    expect(result.errors[0]?.line).toBeLessThanOrEqual(tableLine);
  });

  test('an aliases attribute keeps it', async () => {
    const result = await removed({ 'sources/vault.md': [['{: #disaster-recovery-ded}', '{: #dr-ded aliases="disaster-recovery-ded"}']] });
    expect(result.anchors).toEqual([]);
  });

  test('a fragment redirect in site.yaml keeps it', async () => {
    const result = await removed({
      'sources/vault.md': [rename],
      'site.yaml': [['redirects: []', 'redirects:\n  - from: /offerings/vault-dedicated/#disaster-recovery-ded\n    to: /offerings/vault-dedicated/#dr-ded']],
    });
    expect(result.anchors).toEqual([]);
  });
});

describe('renaming an offering', () => {
  const rename: Edits = { 'site.yaml': [['id: vault-dedicated', 'id: vault-private']] };

  test('without a redirect its pages and the area-page anchors named after it are errors', async () => {
    const result = await removed(rename);
    expect(result.anchors).toEqual(
      publishedAnchors((url, id) => (id === undefined ? url.includes('vault-dedicated') : id === 'vault-dedicated' || id.startsWith('vault-dedicated--'))),
    );
    expect(result.anchors).toEqual(expect.arrayContaining([
      '/offerings/vault-dedicated/',
      '/checklist/vault-dedicated/',
      '/compare/vault-standard-vs-vault-dedicated/',
      '/areas/disaster-recovery/#vault-dedicated--table',
    ]));
    const page = result.errors.find((d) => d.message.includes('"/offerings/vault-dedicated/"'));
    expect(page).toMatchObject({ file: 'content/sources/vault.md', line: await lineOf('sources/vault.md', '# Your responsibilities') });
  });

  test('one redirect keeps the offering page, its comparisons, checklist and area anchors', async () => {
    const result = await removed({
      'site.yaml': [
        ['id: vault-dedicated', 'id: vault-private'],
        ['redirects: []', 'redirects:\n  - from: /offerings/vault-dedicated/\n    to: /offerings/vault-private/'],
      ],
    });
    expect(result.anchors).toEqual([]);
  });
});

describe('baselines published by earlier builds', () => {
  const scenarios: [string, Edits][] = [
    ['a renamed task', { 'tasks.yaml': [['- id: backups', '- id: backup-copies']] }],
    ['a renamed table id', { 'sources/vault.md': [['{: #disaster-recovery-ded}', '{: #dr-ded}']] }],
    ['a renamed offering', { 'site.yaml': [['id: vault-dedicated', 'id: vault-private']] }],
  ];

  /** `check` against each baseline text in turn, written to the same path (errors name it). */
  async function checkEach(edits: Edits, texts: string[]): Promise<Diagnostic[][]> {
    const ws = await workspace(edits);
    try {
      const file = path.join(ws.root, 'published-anchors.json');
      const results: Diagnostic[][] = [];
      for (const text of texts) {
        await writeFile(file, text);
        results.push((await checkJson(ws, file)).diagnostics);
      }
      return results;
    } finally {
      await ws.remove();
    }
  }

  test.each(scenarios)('%s: a version 1 baseline gives the errors of the version 2 one, at the same positions', async (_name, edits) => {
    const v2 = await readFile(baselineFile, 'utf8');
    expect(v2.startsWith('{"version":2,')).toBe(true);
    const [fromV2, fromV1] = await checkEach(edits, [v2, manifestV1Text(baseline)]);
    expect(fromV2!.filter((d) => d.rule === 'anchor-removed').length).toBeGreaterThan(0);
    expect(fromV1).toEqual(fromV2);
  });

  test('a hand-written baseline (page -> fragment ids) names the same anchors, at the baseline file', async () => {
    const plain = { pages: Object.fromEntries(Object.entries(baseline.pages).map(([url, page]) => [url, [...page.fragments.keys()]])) };
    const [fromV2, fromPlain] = await checkEach(scenarios[2]![1], [await readFile(baselineFile, 'utf8'), JSON.stringify(plain, null, 2)]);
    const named = (ds: Diagnostic[]): string[] => ds.filter((d) => d.rule === 'anchor-removed').map((d) => /"([^"]+)"/.exec(d.message)![1]!).sort();
    expect(named(fromPlain!)).toEqual(named(fromV2!));
    for (const d of fromPlain!.filter((x) => x.rule === 'anchor-removed')) expect(d).toMatchObject({ file: 'published-anchors.json', line: 1, column: 1 });
  });
});

test('a baseline that is not an anchors manifest is a usage error', async () => {
  const ws = await workspace({ 'keywords.yaml': [['vaultshort: Vault', 'vaultshort: Vault']] });
  try {
    const result = await run(['check', '--content', 'content', '--anchors-baseline', 'content/keywords.yaml'], ws.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not JSON/);
  } finally {
    await ws.remove();
  }
});
