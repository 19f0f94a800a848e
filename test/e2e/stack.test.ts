import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axe, repoRoot, startHarness, type Harness } from './harness.js';

/** The shipped content, as a reader who uses Key Protect Standard and Secrets Manager sees it. */
const STACK = 'stack/?o=key-protect-standard,secrets-manager';
const STORAGE_KEY = 'respmatrix:stack:key-protect-standard,secrets-manager';
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'stack');

const MONITORING = 'Use the provided tools to review instance logs and activities.';
const SECONDARY = 'Consider a secondary instance in a different region.';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface ShownDuty {
  area: string;
  task: string;
  duty: string;
  offerings: string[];
}

async function shownDuties(page: Page): Promise<ShownDuty[]> {
  await page.locator('.stack-duty').first().waitFor();
  return page.$$eval('.stack-duty', (items) =>
    items.map((li) => ({
      area: li.closest('section')?.querySelector('h2')?.textContent ?? '',
      task: li.parentElement?.previousElementSibling?.textContent ?? '',
      duty: li.querySelector('.stack-duty-text')?.textContent ?? '',
      offerings: [...li.querySelectorAll('.stack-sources a')].map((a) => a.textContent ?? ''),
    })),
  );
}

function duty(page: Page, text: string) {
  return page.locator('.stack-duty').filter({ has: page.getByRole('checkbox', { name: text, exact: true }) });
}

async function download(page: Page, format: string): Promise<string> {
  await page.getByLabel('Export as').selectOption({ label: format });
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  return readFile((await file.path())!, 'utf8');
}

/** CSP violations reported to the page (listened for before any script of the page runs). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

describe('your stack', () => {
  test('lists exactly the customer duties of the chosen offerings, a common duty once', async () => {
    const { page, context, problems } = await h.open(STACK);
    const expected = JSON.parse(await readFile(path.join(fixtures, 'key-protect-standard+secrets-manager.json'), 'utf8')) as ShownDuty[];
    expect(await shownDuties(page)).toEqual(expected);
    // Worded alike by both offerings: one duty naming both, linking each offering's row.
    const monitoring = duty(page, MONITORING);
    await expect.poll(() => monitoring.count()).toBe(1);
    expect(await monitoring.locator('.stack-sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/offerings/key-protect-standard/#incident-and-ops--monitoring',
      '/offerings/secrets-manager/#incident-and-ops--monitoring',
    ]);
    // Worded differently: side by side under one task.
    const access = page.locator('.stack-task', { hasText: 'Restricting access' });
    expect(await access.count()).toBe(1);
    expect(await access.locator('+ ul > li').count()).toBe(2);
    // The source's own label beside an offering, worded as on every page.
    const labels = await page.locator('.stack-source-task').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^ \(IBM: .+\)$/);
    expect(labels).toContain(' (IBM: Applications)');
    expect(await page.locator('[data-stack-overall]').textContent()).toBe(`0 of ${expected.length} done across 2 offerings`);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('ticks and an owner survive a reload; exports carry them and equal the fixtures', async () => {
    const { page, context, problems } = await h.open(STACK);
    await duty(page, MONITORING).getByRole('checkbox').check();
    await duty(page, SECONDARY).getByRole('checkbox').check();
    await duty(page, MONITORING).getByRole('textbox', { name: 'Owner' }).fill('Platform team');
    await duty(page, SECONDARY).getByRole('textbox', { name: 'Note' }).fill('+1 for us-east | eu-de');
    await page.reload();
    await page.locator('.stack-duty').first().waitFor();
    expect(await duty(page, MONITORING).getByRole('checkbox').isChecked()).toBe(true);
    expect(await duty(page, SECONDARY).getByRole('checkbox').isChecked()).toBe(true);
    expect(await duty(page, MONITORING).getByRole('textbox', { name: 'Owner' }).inputValue()).toBe('Platform team');
    expect(await duty(page, SECONDARY).getByRole('textbox', { name: 'Note' }).inputValue()).toBe('+1 for us-east | eu-de');
    const checked = await page.locator('.stack-duty > input:checked').count();
    expect(checked).toBe(2);
    expect(await page.locator('[data-stack-overall]').textContent()).toMatch(/^2 of \d+ done across 2 offerings$/);
    expect(await page.locator('[data-area-progress="incident-and-ops"]').textContent()).toBe('1 of 4 done');

    expect(await download(page, 'Markdown')).toBe(await readFile(path.join(fixtures, 'key-protect-standard+secrets-manager.md'), 'utf8'));
    expect(await download(page, 'CSV')).toBe(await readFile(path.join(fixtures, 'key-protect-standard+secrets-manager.csv'), 'utf8'));
    const json = JSON.parse(await download(page, 'JSON')) as { done: number; offerings: { name: string }[] };
    expect(json.done).toBe(2);
    expect(json.offerings.map((o) => o.name)).toEqual(['Key Protect Standard', 'Secrets Manager']);
    const confluence = await download(page, 'Confluence wiki markup');
    expect(confluence).toContain(
      `|(/)|Monitoring|${MONITORING}|[Key Protect Standard|https://respmatrix.example.com/offerings/key-protect-standard/#incident-and-ops--monitoring], [Secrets Manager|https://respmatrix.example.com/offerings/secrets-manager/#incident-and-ops--monitoring]|Platform team| |`,
    );

    // Copy puts the same text on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByLabel('Export as').selectOption({ label: 'Markdown' });
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('[data-stack-status]').textContent()).toBe('Copied as Markdown.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      await readFile(path.join(fixtures, 'key-protect-standard+secrets-manager.md'), 'utf8'),
    );

    // Reset clears this stack only, and can be undone.
    await page.getByRole('button', { name: 'Reset' }).click();
    expect(await page.locator('.stack-duty > input:checked').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo reset' }).click();
    expect(await page.locator('.stack-duty > input:checked').count()).toBe(2);
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.reload();
    await page.locator('.stack-duty').first().waitFor();
    expect(await page.locator('.stack-duty > input:checked').count()).toBe(0);
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('a saved row the content no longer has loses only its own state, and the page says so', async () => {
    const { page, context, goto } = await h.open('stack/');
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key!, value!),
      [
        STORAGE_KEY,
        JSON.stringify({
          version: 1,
          rows: {
            'key-protect-standard#incident-and-ops--monitoring': { done: true, owner: 'Ops', note: '' },
            'secrets-manager#incident-and-ops--monitoring': { done: true, owner: 'Ops', note: '' },
            'key-protect-standard#incident-and-ops--retired-task': { done: true, owner: 'Ann', note: '' },
          },
        }),
      ],
    );
    await goto(new URL(STACK, h.siteUrl).href);
    await page.locator('.stack-duty').first().waitFor();
    const notice = page.locator('[data-stack-notice]');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe(
      'One saved duty is no longer in the content (the row was removed or is no longer a duty); its state was dropped: Key Protect Standard › incident-and-ops--retired-task (ticked, owner Ann).',
    );
    expect(await duty(page, MONITORING).getByRole('checkbox').isChecked()).toBe(true);
    expect(await duty(page, MONITORING).getByRole('textbox', { name: 'Owner' }).inputValue()).toBe('Ops');
    const stored = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY))!) as { rows: Record<string, unknown> };
    expect(Object.keys(stored.rows)).toEqual(['key-protect-standard#incident-and-ops--monitoring', 'secrets-manager#incident-and-ops--monitoring']);
    await context.close();
  });

  test('the picker changes the stack and the URL; "Add to my stack" adds to the last one', async () => {
    const { page, context, problems, goto } = await h.open(STACK);
    await page.locator('.stack-duty').first().waitFor();
    await page.getByRole('button', { name: 'Remove Secrets Manager' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?o=key-protect-standard');
    await expect.poll(() => page.locator('.stack-sources', { hasText: 'Secrets Manager' }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Add an offering' }).fill('secrets');
    await page.getByRole('combobox', { name: 'Add an offering' }).press('Enter');
    await expect.poll(() => new URL(page.url()).search).toBe('?o=key-protect-standard,secrets-manager');
    await page.locator('.stack-sources', { hasText: 'Secrets Manager' }).first().waitFor();
    await page.waitForLoadState('networkidle');

    await goto(new URL('offerings/key-protect-dedicated/', h.siteUrl).href);
    await page.getByRole('link', { name: 'Add to my stack' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?o=key-protect-standard,secrets-manager,key-protect-dedicated');
    await page.getByRole('button', { name: 'Remove Key Protect Dedicated' }).waitFor();
    await page.locator('.stack-sources', { hasText: 'Key Protect Dedicated' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await goto(new URL('checklist/secrets-manager/', h.siteUrl).href);
    expect(await page.getByRole('link', { name: 'Add to my stack' }).getAttribute('href')).toBe('/stack/?add=secrets-manager');
    expect(problems()).toEqual([]);
    await context.close();
  });

  test('prints the checklist without navigation, with boxes and row URLs', async () => {
    const { page, context } = await h.open(STACK);
    await page.locator('.stack-duty').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.site-nav', '.site-footer', '.breadcrumbs', '.stack-choose', '.stack-actions', 'input[type="search"]']) {
      const visible = await page.locator(selector).evaluateAll((els) => els.some((el) => (el as HTMLElement).getClientRects().length > 0));
      expect(visible, selector).toBe(false);
    }
    const first = page.locator('.stack-duty').first();
    expect(await first.locator('input[type="checkbox"]').isVisible()).toBe(true);
    expect(await first.locator('.stack-urls li').first().textContent()).toBe(
      'https://respmatrix.example.com/offerings/key-protect-standard/#incident-and-ops--availability',
    );
    expect(await page.locator('[data-stack-offerings]').textContent()).toBe('Offerings: Key Protect Standard, Secrets Manager');
    await context.close();
  });

  test('axe finds nothing and the page runs under the strict CSP without a violation', async () => {
    const { page, context, problems, goto } = await h.open('stack/');
    await page.waitForLoadState('networkidle');
    const violations = await watchCsp(page);
    await goto(new URL(STACK, h.siteUrl).href);
    await page.locator('.stack-duty').first().waitFor();
    await duty(page, MONITORING).getByRole('checkbox').check();
    expect(await axe(page)).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(problems()).toEqual([]);
    // The watch sees violations: an inline style attribute is one (reported once per policy).
    await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
    await context.close();
  });

  test('without JavaScript the page says what it needs and links every checklist', async () => {
    const { page, context } = await h.open(STACK, { javaScript: false });
    expect(await page.getByText('This page needs JavaScript').isVisible()).toBe(true);
    expect(await page.locator('.stack-checklists a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/checklist/key-protect-standard/',
      '/checklist/key-protect-dedicated/',
      '/checklist/secrets-manager/',
    ]);
    expect(await page.locator('[data-stack-app]').isVisible()).toBe(false);
    await context.close();
  });
});
