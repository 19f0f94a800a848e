#!/usr/bin/env node
// Screenshots of the built site for a visual check (not a test):
//   node test/e2e/screenshots.mjs [outDir=/tmp/shots]
// Builds the shipped content with the compiled CLI into a temp folder, serves it on 127.0.0.1
// and saves home, an offering page and 404 at 1280 and 360 px wide, light and dark.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.resolve(process.argv[2] ?? '/tmp/shots');
const tmp = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-shots-'));
const dist = path.join(tmp, 'dist');
execFileSync(process.execPath, [path.join(root, 'bin', 'respmatrix.js'), 'build', '--out', dist], { cwd: root, stdio: 'inherit' });

const types = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  let file = path.join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
  const body = await readFile(file).catch(() => null);
  const type = body ? (types[path.extname(file)] ?? 'application/octet-stream') : 'text/html';
  res.writeHead(body ? 200 : 404, { 'content-type': type });
  res.end(body ?? (await readFile(path.join(dist, '404.html'))));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
await mkdir(shots, { recursive: true });
const pages = [
  ['home', '/'],
  ['offering', '/offerings/key-protect-dedicated/'],
  ['target', '/offerings/key-protect-dedicated/#disaster-recovery-hpcs'],
  ['area', '/areas/disaster-recovery/'],
  ['404', '/no-such-page/'],
];
for (const scheme of ['light', 'dark']) {
  for (const width of [1280, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const [name, url] of pages) {
      await page.goto(origin + url, { waitUntil: 'load' });
      const file = path.join(shots, `${name}-${width}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: name !== 'target' });
      console.log(file);
      if (width < 600 && name !== 'target') {
        // Tall narrow pages are hard to look at whole: also save the first screens.
        const height = await page.evaluate('document.documentElement.scrollHeight');
        for (const part of [0, 1, 2].filter((n) => n * 900 + 900 <= height)) {
          const partFile = path.join(shots, `${name}-${width}-${scheme}-part${part + 1}.png`);
          await page.screenshot({ path: partFile, fullPage: true, clip: { x: 0, y: part * 900, width, height: 900 } });
        }
      }
    }
    await context.close();
  }
}
// Print: the offering page as the print stylesheet lays it out.
const printContext = await browser.newContext({ viewport: { width: 1000, height: 900 } });
const printPage = await printContext.newPage();
await printPage.emulateMedia({ media: 'print' });
await printPage.goto(`${origin}/offerings/secrets-manager/`, { waitUntil: 'load' });
await printPage.screenshot({ path: path.join(shots, 'offering-print.png'), fullPage: true });
console.log(path.join(shots, 'offering-print.png'));
await printContext.close();
await browser.close();
server.close();
await rm(tmp, { recursive: true, force: true });
