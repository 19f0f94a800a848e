/**
 * Tables, plain headings and paragraphs read by lines must give exactly the tree remark-gfm
 * gives: same blocks, same text, same table, row and cell positions. Checked on real pages and
 * on random documents made of table rows and every kind of line that could end, interrupt,
 * continue or swallow a table, a heading or a paragraph.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import blockOnly from '../../src/parse/markdown/block-only.js';
import { propertySeed } from '../property-seed.js';
import { normalizeSource } from '../../src/parse/markdown/normalize.js';
import { parsePage } from '../../src/parse/markdown/page-parse.js';
import { lineStarts, scanTables } from '../../src/parse/markdown/table-scan.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(blockOnly).freeze();
const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');

/** The tree without cell contents (the page parse never reads them: cells render from source). */
function shape(node: Nodes): unknown {
  if (node.type === 'tableCell') return { type: node.type, position: node.position };
  return 'children' in node ? { ...node, children: (node.children as Nodes[]).map(shape) } : node;
}

function parseCounting(text: string): { tree: Root; parses: number } {
  let parses = 0;
  const tree = parsePage({ parse: (t: string) => { parses++; return processor.parse(t); } }, text);
  return { tree, parses };
}

function expectSameTree(text: string): number {
  const { tree, parses } = parseCounting(text);
  expect(shape(tree), JSON.stringify(text)).toEqual(shape(processor.parse(text)));
  return parses;
}

const LINES = [
  '| a | b |', '|a|b|', '| Task | IBM | You |', '|---|---|', '| --- | :-: |', '|:--|--:|', '--|--', '-|-', '- | -', ':-|-:',
  '|---|', '| a |', '||', '|', '| |', '|  |  |', '| \\| | x |', '| a \\\\| b |', '| `a|b` | c |', '|x|y|  ', '|x|y|\t', '| a | b',
  'a | b', 'text line', '{: caption="T"}', '{: #id}', '{{site.data.keyword.attribute-definition-list}}', '', '', '  ', '\t',
  '# H', '## H2 {: #x}', '#nothead', '- item', '* item', '+ item', '1. one', '2) two', '> quote', '    code', '  | indented |',
  '   |---|---|', '\t| tab |', '```', '~~~', '<div>', '<!-- c', '-->', '<pre>', '</pre>', '***', '---', '===', '[a]: /b',
  '| a | b | c |', '|--|--|--|', '-', '0 | 1', 'é | x', '\\| x |', ' |--|--|', '|--|--| x', '> | a | b |', '- | a | b |',
  '  |--|--|', '[^a]: note', '<!-- x -->', '|:-:|:-:|', '|x\\\\|y|', '2024 | x', '*a* | b',
  // Lines a heading or paragraph read by lines could meet.
  'Plain prose, with [a link](/x) and `code`.', 'Émile wrote it', '2024 was a year', '10) ten', '1.5 is a number', '{: note}',
  'trailing  ', 'one trailing ', 'a \\| escaped', 'tab\there', '## Closed ##', '## C#', '#\tTab heading', '##   spaced', '#',
  '###### six', '####### seven', '=', '- - -', 'lazy > not quote', 'Term | Def', ' indented one', '    indented four', '<span>x</span>',
  '&amp; entity', 'x<br>y', '[ref]: /url "t"', '***bold***', 'www.example.com', '{{site.data.keyword.x}} text',
];
const HEADERS = ['| a | b |', '| Task | IBM | You |', '|a|b|'];
const DELIMITERS = ['|---|---|', '|--|--|', '| - | - |', '|:-|-:|', '--|--', '|---|---|---|'];

const line = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LINES).map((l) => [l]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HEADERS), fc.constantFrom(...DELIMITERS)).map((pair) => [...pair]) },
);
// Front matter, plain or not: spaces after a fence, no lines, blank lines, pipes, no closing fence.
const FRONT_MATTER = [[], ['---', 'a: 1', '---'], ['---', '---'], ['---', '', 'a: 1', '', '---'], ['--- ', 'a: 1', '---'], ['---', 'a: 1', '---  '],
  ['---', '| a | b |', '|---|---|', '---'], ['---', 'a: 1'], ['---', 'a: |', '  text', '---', ''], ['', '---', 'a: 1', '---']];
const document = fc.tuple(fc.array(line, { minLength: 1, maxLength: 10 }), fc.constantFrom(...FRONT_MATTER), fc.boolean()).map(([lines, frontMatter, newline]) =>
  [...frontMatter, ...lines.flat()].join('\n') + (newline ? '\n' : ''),
);

describe('tables read by lines', () => {
  it('give the same tree as remark-gfm on random documents', () => {
    fc.assert(fc.property(document, (text) => { expectSameTree(text); }), { numRuns: 1500, seed: propertySeed('tables read by lines') });
  });

  it('give the same tree on every real page, and read it without a second parse', () => {
    const dirs = ['ibm', 'upstream'];
    let tables = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(path.join(CORPUS, dir)).filter((n) => n.endsWith('.md'))) {
        const { text } = normalizeSource(readFileSync(path.join(CORPUS, dir, name), 'utf8'));
        expect(expectSameTree(text), name).toBeLessThan(2);
        tables += scanTables(text, lineStarts(text)).length;
      }
    }
    expect(tables).toBeGreaterThan(100);
  });

  it('split cells as GFM does: escaped pipes, pipes in code, a closing pipe and trailing spaces', () => {
    const text = '| a | b |\n|---|:-:|\n| \\| x | `y|z` |  \n| c |\n';
    const [table] = scanTables(text, lineStarts(text));
    const cells = table?.node.children.map((r) => r.children.map((c) => text.slice(c.position?.start.offset, c.position?.end.offset)));
    expect(cells).toEqual([['| a ', '| b |'], ['| \\| x ', '| `y', '|z` |  '], ['| c |']]);
    expect(table?.node.align).toEqual([null, 'center']);
    expectSameTree(text);
  });

  it('leave tables in a fence, an HTML block or under a list item to the page parse', () => {
    for (const text of [
      '```\n\n| a | b |\n|---|---|\n\n```\n',
      '<!--\n\n| a | b |\n|---|---|\n\n-->\n',
      '- item\n| a | b |\n|---|---|\n| c | d |\n',
      '> quote\n| a | b |\n|---|---|\n',
    ]) {
      expect(scanTables(text, lineStarts(text)), text).toHaveLength(1);
      expect(expectSameTree(text), text).toBe(2);
    }
  });

  it('hand micromark one placeholder for a run of plain headings, paragraphs and tables', () => {
    const text = '---\na: 1\n---\n\n# Title\n{: #title}\n\nIntro text,\nover two lines.\n| a | b |\n|---|---|\n| c | d |\n{: caption="x"}\n\n## Next\n\n- a list\n';
    const seen: string[] = [];
    const tree = parsePage({ parse: (t: string) => { seen.push(t); return processor.parse(t); } }, text);
    expect(seen).toEqual(['<!---->\n\n- a list\n']);
    expect(tree.children.map((node) => node.type)).toEqual(['yaml', 'heading', 'paragraph', 'paragraph', 'table', 'heading', 'list']);
    expectSameTree(text);
  });

  it('leave micromark nothing to read on a page of plain blocks only', () => {
    for (const text of ['---\na: 1\n---\n\n# Title\n\nText.\n', '# Title\n| a | b |\n|---|---|\n', '---\n---\n', '\nText\n\n\n']) {
      expect(expectSameTree(text), text).toBe(0);
    }
    // A table right under the front matter: the parse says what the line above it ended.
    for (const text of ['---\na: 1\n---\n| a | b |\n|---|---|\n', '---\n---\n| a | b |\n|---|---|\n\nText\n']) expectSameTree(text);
  });

  it('take a table right after a paragraph or a heading, and the caption trap rows under it', () => {
    for (const text of ['Intro text\n| a | b |\n|---|---|\n| c | d |\n', '## H\n| a | b |\n|---|---|\n{: caption="x"}\n']) {
      expect(scanTables(text, lineStarts(text))).toHaveLength(1);
      expect(expectSameTree(text), text).toBeLessThan(2);
    }
  });
});
