/**
 * Bad input never crashes: random bytes and random mutations of real pages go through
 * parseMarkdownSource and buildOfferings without throwing, with every message positioned.
 * (How fast they go is the bench's business.) Cases found once are kept below as named regression tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { ContentConfig } from '../src/config/types.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { buildOfferings as build } from '../src/model/offerings.js';
import { summaryRenderer } from '../src/parse/markdown/summary.js';
import type { ParsedSource } from '../src/parse/types.js';
import { parseMarkdownSource } from '../src/parse/markdown/index.js';
import { propertySeed } from './property-seed.js';

/** The model stage as the build runs it: configured summaries rendered by the parse stage. */
function buildOfferings(sources: ParsedSource[], config: ContentConfig, diagnostics: Diagnostic[]) {
  return build(sources, config, diagnostics, summaryRenderer(config, diagnostics));
}

const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const PAGES = ['ibm', 'upstream'].flatMap((dir) =>
  readdirSync(path.join(CORPUS, dir)).filter((n) => n.endsWith('.md')).sort().map((n) => readFileSync(path.join(CORPUS, dir, n), 'utf8')),
);
const KEYWORDS = new Map([['IBM_notm', 'IBM'], ['cloud_notm', 'IBM Cloud']]);
const CONFIG: ContentConfig = {
  site: { title: 'Fuzz', linkBase: 'https://cloud.ibm.com', parties: { provider: 'IBM', customer: 'You' }, areas: [], redirects: [] },
  keywords: KEYWORDS,
  tasks: [],
};

/** Parse and build. Throws (failing the property) on any crash or unpositioned message. */
function survive(text: string): void {
  const file = new VFile({ path: 'sources/fuzz.md', value: text });
  const parsed = parseMarkdownSource(file, { keywords: KEYWORDS, linkBase: 'https://cloud.ibm.com' });
  const diagnostics: Diagnostic[] = [];
  buildOfferings([parsed], CONFIG, diagnostics);
  for (const m of file.messages) {
    expect(m.line, m.reason).toBeGreaterThanOrEqual(1);
    expect(m.column, m.reason).toBeGreaterThanOrEqual(1);
  }
}

const SNIPPETS = [
  '|', '||', ' | ', '\\|', '\n', '\r\n', '\u0000', '\u00a0', '\t', '\uFEFF', '{:', '}', '"', "'",
  '{: caption="', '{: #a b c}', '{:x: y}', '{{', '}}', '{{site.data.keyword.', '{{site.data.keyword.IBM_notm}}',
  '{{site.data.keyword.unknown}}', '{{site.data.content.x}}', '{{../x.md}}', '\\n', ' - ', '* ', '<br>', '</br>', '<ul><li>',
  '<table><tr><td>', '<script>', '[x](javascript:alert(1))', '[x](/docs/y){: external}', '---\n', '\n---\n', 'lastupdated: [',
  '# ', '## Disaster recovery\n', '|---|---|\n', '| Task | IBM responsibilities | Your responsibilities |\n|--|--|--|\n', '`', '```\n',
];

/** One mutation of a page: insert, delete or replace at a random place. */
const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 20 }), fc.constant('x'.repeat(20_000))),
});

function mutate(page: string, ms: { at: number; length: number; insert: string }[]): string {
  let text = page;
  for (const m of ms) {
    const i = Math.floor(m.at * text.length);
    text = text.slice(0, i) + m.insert + text.slice(i + m.length);
  }
  return text;
}

describe('fuzz', () => {
  it('survives random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (s) => { survive(s); }), { numRuns: 50, seed: propertySeed('random text') });
  });

  it('survives random mixes of dialect constructs', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...SNIPPETS, 'word ', 'IBM '), { maxLength: 80 }), (parts) => { survive(parts.join('')); }), { numRuns: 50, seed: propertySeed('dialect mixes') });
  });

  it('survives mutated real pages', () => {
    fc.assert(
      fc.property(fc.nat({ max: PAGES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (p, ms) => {
        survive(mutate(PAGES[p] as string, ms));
      }),
      { numRuns: 60, seed: propertySeed('mutated pages') },
    );
  });
});

describe('fuzz regressions', () => {
  it('thousands of unknown keyrefs are each reported', () => {
    const line = '| A | {{site.data.keyword.nope}} x {{site.data.keyword.nope2}} | y |\n';
    const text = `| Task | IBM responsibilities | Your responsibilities |\n|--|--|--|\n${line.repeat(2_500)}`;
    const file = new VFile({ path: 'x.md', value: text });
    parseMarkdownSource(file, { keywords: KEYWORDS });
    expect(file.messages).toHaveLength(5_000);
    expect(file.messages[4_999]).toMatchObject({ line: 2_502, column: 36 });
  });

  it('an unclosed front matter and a lone attribute list', () => {
    survive('---\nlastupdated: "x\n{: caption="');
  });

  it('a paragraph that starts the file with an attribute list and ends in a brace (looped for ever once)', () => {
    for (const text of ['{:}}', '{:x} }', '{:x: y}\\|}}', 'x\n{:}}']) survive(text);
  });

  it('a table whose only rows are attribute lines', () => {
    const file = new VFile({ path: 'x.md', value: '| Task | IBM responsibilities | Your responsibilities |\n|--|--|--|\n{: #t}\n{: caption="c"}' });
    const parsed = parseMarkdownSource(file, { keywords: KEYWORDS });
    expect(parsed.tables[0]).toMatchObject({ anchor: 't', caption: 'c', rows: [] });
  });
});
