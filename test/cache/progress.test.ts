import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function setup(env: Record<string, string>, isTTY: boolean, quiet = false) {
  let clock = 0;
  const written: string[] = [];
  const io = { stdout: () => {}, stderr: () => {}, cwd: '/', env };
  const progress = createProgress(io, { quiet, stream: { isTTY, write: (t: string) => written.push(t) }, now: () => clock });
  return { progress, written, tick: (ms: number) => void (clock += ms) };
}

describe('build progress', () => {
  it('shows on a terminal only after a second, redraws in place and clears at the end', () => {
    const { progress, written, tick } = setup({}, true);
    progress.update('Parsing sources', 1, 10);
    expect(written).toEqual([]);
    tick(1200);
    progress.update('Parsing sources', 5, 10);
    tick(10);
    progress.update('Parsing sources', 6, 10); // throttled
    progress.update('Parsing sources', 10, 10); // the last step always shows
    progress.end();
    expect(written).toEqual([
      '\r\x1b[2KParsing sources 5/10  1.2 s',
      '\r\x1b[2KParsing sources 10/10  1.2 s',
      '\r\x1b[2K',
    ]);
  });

  it('stays silent in CI, without a terminal and with --quiet', () => {
    for (const [env, tty, quiet] of [
      [{ CI: 'true' }, true, false],
      [{}, false, false],
      [{}, true, true],
    ] as const) {
      const { progress, written, tick } = setup(env, tty, quiet);
      tick(5000);
      progress.update('Parsing sources', 1, 2);
      progress.end();
      expect(written).toEqual([]);
    }
  });
});
