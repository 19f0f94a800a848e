import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axe, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('built site', () => {
  test('home loads cleanly', async () => {
    const { page, problems, context } = await h.open('');
    expect(problems()).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
