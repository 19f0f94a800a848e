/**
 * `/compare/` of a site too large for a comparison in the HTML (the shipped content plus 18 more
 * offerings): the comparison the browser builds from the picked offerings' data files shows the
 * cell states the static one shows (one line for a task filed in two areas, "Listed under", a
 * pointer left behind, "No action", "No duty listed", the legend), and the page has the same
 * sticky outline: the view controls and the areas of the comparison built, the current one marked.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axe, repoRoot, startHarness, type Harness } from './harness.js';

const STANDARD = 'key-protect-standard';
const DEDICATED = 'key-protect-dedicated';

let h: Harness;
let content: string;
beforeAll(async () => {
  content = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-picked-'));
  cpSync(path.join(repoRoot, 'content'), content, { recursive: true });
  const site = readFileSync(path.join(content, 'site.yaml'), 'utf8');
  const extra = Array.from({ length: 18 }, (_, i) => `  - id: extra-${i + 1}\n    name: Extra ${i + 1}\n    source: secrets-manager.md\n`).join('');
  writeFileSync(path.join(content, 'site.yaml'), site.replace(/\nredirects:/, `\n${extra}\nredirects:`));
  h = await startHarness({ contentDir: content });
}, 180_000);
afterAll(async () => {
  await h?.close();
  rmSync(content, { recursive: true, force: true });
});

describe('a comparison built in the browser', () => {
  test('is built from picked offerings, with the static comparison’s cell states and legend', async () => {
    expect(h.site.offerings.length).toBe(21);
    const { page, context, problems } = await h.open(`compare/?o=${STANDARD},${DEDICATED}`);
    await page.locator('[data-cmp-row]').first().waitFor();
    // High availability: Standard files it under one area, Dedicated under another; one line, said where.
    const lines = page.locator('[data-cmp-row][id$="--availability"]');
    expect(await lines.count()).toBe(1);
    const lineId = (await lines.getAttribute('id'))!;
    expect(await lines.locator('td[data-offering]').allInnerTexts()).toEqual([
      expect.stringContaining('Provide high availability capabilities'),
      expect.stringContaining('Provide high availability capabilities'),
    ]);
    expect(await lines.locator('.cmp-placed').count()).toBe(1);
    expect(await lines.locator('.cmp-placed').innerText()).toMatch(/^Listed under (Disaster recovery|Incident and operations management)$/);
    const pointer = page.locator(`[data-cmp-pointer="${lineId}"]`);
    expect(await pointer.innerText()).toContain('Compared under');
    await pointer.getByRole('link').click();
    expect(new URL(page.url()).hash).toBe(`#${lineId}`);
    // "None. IBM and Key Protect are fully responsible …" is no action; an empty cell is no duty.
    expect(await page.locator('.cmp-duty .no-action-label').count()).toBeGreaterThan(0);
    expect(await page.locator('.cmp-duty .no-action').first().innerText()).toMatch(/^No action\s+\S/);
    expect(await page.locator('.cmp-duty dd > .not-listed').allInnerTexts()).not.toContain('Not listed');
    expect(await page.locator('.cmp-legend dl > div').count()).toBe(5);
    // Differences compare content, not placement: the line and its pointer go.
    await page.getByRole('checkbox', { name: 'Differences only' }).check();
    await expect.poll(() => lines.isVisible()).toBe(false);
    expect(await pointer.isVisible()).toBe(false);
    expect(problems()).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  test('has the sticky outline: controls and the areas shown, the current one marked', async () => {
    const { page, context, problems } = await h.open(`compare/?o=${STANDARD},${DEDICATED}`);
    await page.locator('[data-cmp-row]').first().waitFor();
    const toc = page.locator('[data-outline] .toc');
    const shown = await page.$$eval('.cmp-view h2[id]', (hs) => hs.map((x) => x.id));
    expect(shown.length).toBeGreaterThan(2);
    expect(await toc.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash.slice(1)))).toEqual(shown);
    expect(await page.locator('[data-outline] form[data-cmp-controls]').isVisible()).toBe(true);
    // Scrolled to an area's heading: the outline stays in view and marks that area.
    const middle = shown[2]!;
    await page.locator(`#${middle}`).evaluate((heading) => heading.scrollIntoView());
    await expect.poll(() => toc.locator('a[aria-current="location"]').getAttribute('href'), { timeout: 5_000 }).toBe(`#${middle}`);
    const box = await page.locator('[data-outline]').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(200);
    // Fewer than two offerings: no areas to list.
    await page.getByRole('button', { name: /^Remove / }).first().click();
    await expect.poll(() => toc.isHidden()).toBe(true);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('on a phone the controls wait in the outline bar, open while nothing is chosen', async () => {
    const { page, context, problems } = await h.open('compare/', { width: 360, height: 740 });
    const input = page.getByRole('combobox', { name: /Offerings to compare/ });
    await expect.poll(() => input.isVisible()).toBe(true);
    await input.fill('Key Protect');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await input.fill('Dedicated');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('[data-cmp-row]').first().waitFor();
    // Closing the bar leaves it naming the current area above the cards.
    await page.locator('[data-outline] summary').click();
    expect(await input.isVisible()).toBe(false);
    const bar = await page.locator('[data-outline] summary').boundingBox();
    expect(bar!.height).toBeLessThan(60);
    expect(await axe(page)).toEqual([]);
    expect(problems()).toEqual([]);
    await context.close();
  });
});
