import { describe, expect, it } from 'vitest';
import { reloadQueue } from '../../src/dev/reload-queue.js';

/** A reload that waits until `finish()` is called, recording what it was given. */
function gatedReloads() {
  const runs: string[][] = [];
  let finish = () => {};
  const reload = (files: string[]) => {
    runs.push(files);
    return new Promise<void>((resolve) => (finish = resolve));
  };
  return { runs, reload, finish: () => finish() };
}

describe('reloadQueue', () => {
  it('waits for the first load, then gathers the files that change during a reload into the next', async () => {
    const gate = gatedReloads();
    let firstDone = () => {};
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    const queue = reloadQueue(gate.reload, () => false, first);
    const a = queue.changed('sources/a.md');
    await Promise.resolve();
    expect(gate.runs).toEqual([]);
    firstDone();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(gate.runs).toEqual([['sources/a.md']]);
    // Three events while that reload runs: one more reload with all of them.
    const later = [queue.changed('sources/b.md'), queue.changed('keywords.yaml'), queue.changed('sources/b.md')];
    gate.finish();
    await a;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(gate.runs).toEqual([['sources/a.md'], ['sources/b.md', 'keywords.yaml']]);
    gate.finish();
    await Promise.all(later);
    expect(gate.runs).toHaveLength(2);
  });

  it('skips a reload when every file still holds what the last load read', async () => {
    const runs: string[][] = [];
    const same = new Set(['sources/a.md']);
    const queue = reloadQueue(async (files) => void runs.push(files), (file) => same.has(file));
    await queue.changed('sources/a.md');
    expect(runs).toEqual([]);
    await queue.changed('sources/b.md');
    expect(runs).toEqual([['sources/b.md']]);
  });

  it('goes on after a reload that failed, and its caller sees the failure', async () => {
    let fail = true;
    const runs: string[][] = [];
    const queue = reloadQueue(async (files) => {
      runs.push(files);
      if (fail) throw new Error('worker died');
    }, () => false);
    await expect(queue.changed('sources/a.md')).rejects.toThrow('worker died');
    fail = false;
    await queue.changed('sources/b.md');
    expect(runs).toEqual([['sources/a.md'], ['sources/b.md']]);
  });
});
