import { defineConfig } from 'vitest/config';

/** Tests that drive Chromium (playwright-core with /usr/bin/chromium). */
const BROWSER = ['test/e2e/**/*.test.ts', 'test/hostile/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // `npm test` runs both; `npm run test:unit` or `npm run test:browser` one of them.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: BROWSER } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
