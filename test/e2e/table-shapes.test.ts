/**
 * The four table shapes of test/fixtures/shapes/ on their offering pages in Chromium: grouped
 * rows sit under group label rows (`<th scope="rowgroup">`) without breaking row anchors, and
 * every page stays clean (no console errors, axe, nothing clipped) at 1280 and 360 px.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clippedElements } from './browser-checks.js';
import { axe, repoRoot, startHarness, type Harness } from './harness.js';

const SHAPES = ['broken-row', 'template-cell', 'grouping', 'unread-header'];

let h: Harness;
let tmp: string;

beforeAll(async () => {
  // One site of the four fixtures: each page becomes an offering named after its shape.
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-shapes-e2e-'));
  const content = path.join(tmp, 'content');
  const fixtures = path.join(repoRoot, 'test', 'fixtures', 'shapes');
  await cp(path.join(fixtures, 'grouping', 'site.yaml'), path.join(content, 'site.yaml'));
  await cp(path.join(fixtures, 'grouping', 'keywords.yaml'), path.join(content, 'keywords.yaml'));
  for (const shape of SHAPES) {
    await cp(path.join(fixtures, shape, 'sources', 'example-db.md'), path.join(content, 'sources', `${shape}.md`));
  }
  h = await startHarness({ contentDir: content });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('table shapes on the offering page', () => {
  test('group label rows head the rows of each group, and row anchors still land on their row', async () => {
    const { page, problems, context } = await h.open('offerings/grouping/#disaster-recovery--failover');
    const bodies = await page.evaluate<{ label: string; rows: string[] }[]>(`[...document.querySelectorAll('table.matrix tbody')].map((b) => ({
      label: b.querySelector('th[scope=rowgroup]')?.textContent ?? '',
      rows: [...b.querySelectorAll('tr[id]')].map((r) => r.id),
    }))`);
    // Areas in the standard order (security before disaster recovery). "Backups" is a task of
    // another offering's incident area too, so here it gets an id of its own.
    expect(bodies).toEqual([
      { label: 'Encryption / Storage volumes', rows: ['security-compliance--encryption-at-rest', 'security-compliance--key-rotation'] },
      { label: 'Encryption / Backups', rows: ['security-compliance--backup-encryption'] },
      { label: 'Access / Consoles', rows: ['security-compliance--sign-in'] },
      { label: 'Data protection', rows: ['disaster-recovery--backups-disaster-recovery', 'disaster-recovery--restore-tests'] },
      { label: 'Networking', rows: ['disaster-recovery--networking', 'disaster-recovery--failover'] },
    ]);
    expect(await page.evaluate(`document.querySelector(':target')?.id`)).toBe('disaster-recovery--failover');
    expect(problems()).toEqual([]);
    await context.close();
  });

  for (const width of [1280, 360]) {
    test(`every shape's page is clean at ${width} px`, async () => {
      for (const shape of SHAPES) {
        const { page, problems, context } = await h.open(`offerings/${shape}/`, { width });
        expect(await page.evaluate(clippedElements), shape).toEqual([]);
        expect(await axe(page), shape).toEqual([]);
        expect(problems(), shape).toEqual([]);
        await context.close();
      }
    }, 120_000);
  }
});
