/**
 * `respmatrix dev` in Chromium: an edited source shows without a restart; a broken edit shows
 * Vite's error overlay while the last good page keeps being served.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureCompiled, startRespmatrix, type RunningCli } from './cli.js';
import { launchBrowser, openPage, repoRoot } from './harness.js';

let tmp: string;
let dev: RunningCli;
let browser: Browser;
let siteUrl: string;
const source = () => path.join(tmp, 'content', 'sources', 'secrets-manager.md');

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-dev-'));
  await cp(path.join(repoRoot, 'content'), path.join(tmp, 'content'), { recursive: true });
  await ensureCompiled();
  browser = await launchBrowser();
  dev = startRespmatrix(['dev', '--content', path.join(tmp, 'content'), '--port', '0']);
  const [, url] = await dev.waitFor(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
  siteUrl = url!;
});

afterAll(async () => {
  await dev?.stop();
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

test('edits show without a restart; a broken edit shows the overlay and keeps the last good page', async () => {
  const { page, context, problems } = await openPage(browser, `${siteUrl}offerings/secrets-manager/`);
  const row = page.locator('#disaster-recovery--backup-configuration, tr:has-text("Back up of instance configuration")').first();
  await expect.poll(() => row.textContent()).toContain('Conduct backups of instance configurations and secrets');

  // Let Vite finish serving the client modules, so the reload below interrupts nothing.
  await page.waitForLoadState('networkidle');

  // A good edit: the open page reloads and shows the new text.
  const original = await readFile(source(), 'utf8');
  await writeFile(source(), original.replace('Conduct backups of instance configurations and secrets', 'Conduct hourly backups of everything'));
  await page.waitForFunction('document.body.textContent.includes("Conduct hourly backups of everything")', undefined, { timeout: 10_000 });
  await dev.waitFor(/secrets-manager\.md: model loaded in \d+ ms/);

  // A broken edit: the overlay appears, the page keeps the last good text.
  const broken = (await readFile(source(), 'utf8')).replace('Consider a secondary instance', 'Consider {{site.data.keyword.no-such-keyword}}');
  await writeFile(source(), broken);
  await page.waitForSelector('vite-error-overlay', { state: 'attached', timeout: 10_000 });
  const overlay = (await page.evaluate('document.querySelector("vite-error-overlay").shadowRoot.textContent')) as string;
  expect(overlay).toContain('no-such-keyword');
  expect(overlay).toMatch(/secrets-manager\.md:\d+:\d+/);
  expect(await page.textContent('body')).toContain('Conduct hourly backups of everything');
  await dev.waitFor(/no-such-keyword[\s\S]*still serving the last good version/);

  // Loading the page again still serves the last good version.
  const response = await fetch(`${siteUrl}offerings/secrets-manager/`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('Conduct hourly backups of everything');
  expect(html).not.toContain('no-such-keyword');
  // A reload aborts requests still in flight (the favicon, say): that is how reloads work, not a failure.
  const unexpected = problems().filter((p) => !p.includes('no-such-keyword') && !p.endsWith('net::ERR_ABORTED'));
  expect(unexpected).toEqual([]);
  await context.close();
});
