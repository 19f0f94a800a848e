/** `build --timings`: one stderr line with the content pipeline's stages and the asset build apart. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { run } from '../cli/helpers.js';
import { workspace, type Workspace } from '../links/fixture.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(async () => {
  await ws.remove();
});

test('build --timings prints the stage times, --quiet or not', async () => {
  const result = await run(['build', '--content', 'content', '--out', 'dist', '--quiet', '--timings'], ws.root);
  expect(result.code).toBe(0);
  expect(result.stdout).toBe('');
  const match = /^Timings \(ms\): content pipeline (\d+) \(parse (\d+), render (\d+), write (\d+), links (\d+), swap (\d+)\); assets (\d+)( \(cached\))?; (\d+) pages reused unrendered\n$/.exec(result.stderr);
  expect(match, result.stderr).not.toBeNull();
  const [pipeline, ...stages] = match!.slice(1, 7).map(Number);
  // The pipeline is the sum of its stages (each rounded on its own).
  expect(Math.abs(pipeline! - stages.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(6);
}, 60_000);
