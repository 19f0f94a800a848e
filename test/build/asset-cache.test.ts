import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assetKey } from '../../src/build/asset-cache.js';

let root = '';
let memo = '';

/** What the bundle is made of, in a package of its own. */
function write(relative: string, text: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Files whose stamps have settled: the clock moved on past SETTLED_MS. */
function later(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 10_000);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-asset-key-'));
  memo = path.join(root, 'memo');
  write('vite.config.ts', 'export default {};\n');
  write('node_modules/vite/package.json', '{"version":"8.0.0"}\n');
  write('src/client/main.ts', 'console.log(1);\n');
  write('src/shared/order.ts', 'export const a = 1;\n');
  write('public/favicon.svg', '<svg/>\n');
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

describe('assetKey', () => {
  it('remembers the key by the stamps of settled files, and then reads none of them', () => {
    const fresh = assetKey('/', root, memo);
    // Stamps too recent to trust: nothing is remembered.
    expect(readdirSync(root)).not.toContain('memo');
    later();
    expect(assetKey('/', root, memo)).toBe(fresh);
    const [remembered] = readdirSync(memo);
    expect(remembered).toMatch(/^[0-9a-f]{64}$/);
    // The remembered key is what the next call returns: the files' bytes are not read again.
    writeFileSync(path.join(memo, remembered!), 'f'.repeat(32));
    expect(assetKey('/', root, memo)).toBe('f'.repeat(32));
    // Another base path is another key.
    expect(assetKey('/docs/', root, memo)).not.toBe(fresh);
  });

  it('hashes again when a file is edited, added, removed or linked, and keeps the old key for the old bytes', () => {
    later();
    const first = assetKey('/', root, memo);
    const main = path.join(root, 'src/client/main.ts');
    const { atime, mtime } = statSync(main);
    write('src/client/main.ts', 'console.log(2);\n');
    // Its modification time put back: its change time still differs.
    utimesSync(main, atime, mtime);
    const edited = assetKey('/', root, memo);
    expect(edited).not.toBe(first);
    later();
    expect(assetKey('/', root, memo)).toBe(edited);
    write('src/client/main.ts', 'console.log(1);\n');
    later();
    expect(assetKey('/', root, memo)).toBe(first);

    write('public/robots.txt', 'User-agent: *\n');
    later();
    const added = assetKey('/', root, memo);
    expect(added).not.toBe(first);
    rmSync(path.join(root, 'public/robots.txt'));
    expect(assetKey('/', root, memo)).toBe(first);

    // A symbolic link is hashed as the file it names, every time (its stamp is not trusted).
    symlinkSync(path.join(root, 'src/client/main.ts'), path.join(root, 'src/client/linked.ts'));
    later();
    const linked = assetKey('/', root, memo);
    expect(linked).not.toBe(first);
    write('src/client/main.ts', 'console.log(3);\n');
    later();
    expect(assetKey('/', root, memo)).not.toBe(linked);
  });

  it('hashes as before when the memo folder cannot be written', () => {
    later();
    writeFileSync(memo, 'a file where the folder would be');
    const key = assetKey('/', root, memo);
    expect(assetKey('/', root, path.join(root, 'other-memo'))).toBe(key);
  });
});
