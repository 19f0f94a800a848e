import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatorModuleSource } from '../../tools/generate-validators.js';

describe('validators.generated.ts', () => {
  it('is up to date with the schemas (regenerate: npm run compile && node lib-tools/tools/generate-validators.js)', () => {
    const current = readFileSync(new URL('../../src/config/validators.generated.ts', import.meta.url), 'utf8');
    expect(current === validatorModuleSource()).toBe(true);
  });
});
