import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { productName } from '../../src/model/names.js';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');

describe('productName', () => {
  it.each([
    ['Understanding your responsibilities when using Secrets Manager', 'Secrets Manager'],
    ['Understanding your responsibilities when you use the Acme deployable architectures', 'Acme deployable architectures'],
    ['Understanding your responsibilities when you are using IBM Cloud Logs Routing', 'IBM Cloud Logs Routing'],
    ['Your responsibilities with using Continuous Delivery', 'Continuous Delivery'],
    ['Your responsibilities when using Key Protect', 'Key Protect'],
    ['Shared responsibilities for Databases for PostgreSQL', 'Databases for PostgreSQL'],
    ['Responsibilities by using Insights for Medical Literature', 'Insights for Medical Literature'],
    ['Responsibilities  with   Code Engine.', 'Code Engine'],
    // No product in the title: the title stays.
    ['Responsibility for resources and features', 'Responsibility for resources and features'],
    ['Key Protect', 'Key Protect'],
  ])('%s -> %s', (title, name) => {
    expect(productName(title)).toBe(name);
  });

  it('leaves no boilerplate in any title of the corpus', () => {
    const titles = ['ibm', 'upstream'].flatMap((folder) =>
      readdirSync(path.join(corpus, folder))
        .filter((f) => f.endsWith('.md'))
        .map((f) => /^# (.+?)(?:\{:.*)?$/m.exec(readFileSync(path.join(corpus, folder, f), 'utf8'))?.[1] ?? ''),
    );
    expect(titles.length).toBeGreaterThanOrEqual(33);
    for (const title of titles) {
      const name = productName(title.replace(/\{\{site\.data\.keyword\.([\w.-]+)\}\}/g, '$1'));
      expect(name).not.toMatch(/^(?:Understanding|Your responsibilities|Shared responsibilities)/i);
      expect(name.length).toBeGreaterThan(0);
    }
  });
});
