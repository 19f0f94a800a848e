/** The text of anchors.json: version 2 written and read back exactly; version 1 and the plain form still read. */
import { describe, expect, test } from 'vitest';
import type { AnchorManifest, FragmentRecord, PageRecord } from '../../src/links/anchors-baseline.js';
import { parseManifest, readPreviousAnchors, recordDigest, serialiseManifest } from '../../src/links/manifest-format.js';
import { manifestV1Text } from './fixture.js';

const at = (file: string, line: number, column = 1): FragmentRecord['source'] => ({ file, line, column });

function page(head: Omit<PageRecord, 'fragments'>, fragments: [string, FragmentRecord][]): PageRecord {
  return { ...head, fragments: new Map(fragments) };
}

const manifest: AnchorManifest = {
  version: 2,
  pages: {
    '': page({ kind: 'home', title: 'Home' }, []),
    'areas/dr/': page({ kind: 'area', title: 'DR' }, [
      ['kp', { kind: 'offering', source: at('sources/kp.md', 40) }],
      ['kp--backups', { kind: 'row', source: at('sources/kp.md', 42) }],
      ['kp--table', { kind: 'table', source: at('sources/kp.md', 40) }],
      ['sm', { kind: 'offering', source: at('sources/sm.md', 9) }],
      ['sm--backups', { kind: 'row', source: at('sources/kp.md', 12) }],
      ['sm--restore', { kind: 'row', source: at('sources/kp.md', 13) }],
    ]),
    'offerings/kp/': page({ kind: 'offering', title: 'Key "Protect"', source: at('sources/kp.md', 14) }, [
      ['--odd', { kind: 'alias', target: 'dr' }],
      ['dr', { kind: 'area', source: at('sources/kp.md', 40) }],
      ['dr--', { kind: 'table', source: at('sources/kp.md', 41, 3) }],
      ['dr--backups', { kind: 'row', source: at('sources/kp.md', 42) }],
      ['dr--backups--old', { kind: 'former-row', target: 'dr--backups', source: at('sources/kp.md', 42) }],
      ['dr-hpcs', { kind: 'table', source: at('sources/kp.md', 40) }],
      ['incident-and-ops', { kind: 'alias', target: 'dr-hpcs', source: at('sources/sm.md', 52) }],
    ]),
    'offerings/old/': page({ kind: 'redirect', title: 'Moved', target: 'offerings/kp/' }, []),
  },
};

const text = `{"version":2,
"files":[
"sources/kp.md",
"sources/sm.md"
],
"pages":{
"":{"kind":"home","title":"Home"},
"areas/dr/":{"kind":"area","title":"DR","fragments":{
"kp":{"":["offering",0,40],"backups":["row",42],"table":["table",40]},
"sm":{"":["offering",1,9],"backups":["row",0,12],"restore":["row",13]}}},
"offerings/kp/":{"kind":"offering","title":"Key \\"Protect\\"","source":[0,14],"fragments":{
"":{"odd":["alias","dr"]},
"dr":{"":["area",40],"backups":["row",42],"backups--old":["former-row",42,"dr--backups"]},
"dr--":["table",0,41,3],
"dr-hpcs":["table",40],
"incident-and-ops":["alias",1,52,"dr-hpcs"]}},
"offerings/old/":{"kind":"redirect","title":"Moved","target":"offerings/kp/"}
}}
`;

/** Pages with their fragments as entries, so equality also compares the order of the ids. */
const entries = (m: AnchorManifest): unknown => Object.entries(m.pages).map(([url, p]) => [url, { ...p, fragments: [...p.fragments] }]);

describe('version 2', () => {
  test('files by index, one line per group of ids, defaults left out', () => {
    expect(serialiseManifest(manifest)).toBe(text);
  });

  test('reads back to the same manifest, fragments in id order', () => {
    const read = parseManifest(text, 'anchors.json');
    expect(entries(read)).toEqual(entries(manifest));
    expect(serialiseManifest(read)).toBe(text);
  });

  test('an empty site', () => {
    const empty = serialiseManifest({ version: 2, pages: {} });
    expect(empty).toBe('{"version":2,\n"files":[],\n"pages":{}}\n');
    expect(parseManifest(empty, 'a.json').pages).toEqual({});
  });

  test('a malformed version 2 file, or an unknown version, is an error that names the file', () => {
    expect(() => parseManifest('{"version":2,"pages":{}}', 'a.json')).toThrow(/a\.json: .*"files"/);
    expect(() => parseManifest('{"version":2,"files":[],"pages":{"x/":{"fragments":{"a":["row",0,3]}}}}', 'a.json')).toThrow(
      /a\.json: page "x\/", fragment "a": not a source position/,
    );
    expect(() => parseManifest('{"version":2,"files":["s.md"],"pages":{"x/":{"fragments":{"a":["row",3]}}}}', 'a.json')).toThrow(/fragment "a"/);
    expect(() => parseManifest('{"version":2,"files":[],"pages":{"x/":{"fragments":{"a":[3]}}}}', 'a.json')).toThrow(/"a" is not \[kind/);
    expect(() => parseManifest('{"version":3,"files":[],"pages":{}}', 'a.json')).toThrow(/a\.json: anchors\.json version 3 is not supported/);
  });
});

describe('the previous anchors.json of a rebuild', () => {
  test('gives the same records as a full read', () => {
    const previous = readPreviousAnchors(text, 'anchors.json');
    expect(entries(previous)).toEqual(entries(manifest));
    expect(serialiseManifest(previous)).toBe(text);
  });

  test('reads other versions in full, and fails on what a full read fails on', () => {
    const plain = readPreviousAnchors('{"pages": {"offerings/kp/": ["dr-hpcs", "dr"]}}', 'plain.json');
    expect([...plain.pages['offerings/kp/']!.fragments.keys()]).toEqual(['dr', 'dr-hpcs']);
    expect(() => readPreviousAnchors('{"version":2,"pages":{}}', 'a.json')).toThrow(/a\.json: .*"files"/);
    expect(() => readPreviousAnchors('{', 'a.json')).toThrow(/a\.json: not JSON/);
    // A page's record is checked when it is read.
    const lazy = readPreviousAnchors('{"version":2,"files":[],"pages":{"x/":{"fragments":{"a":["row",0,3]}}}}', 'a.json');
    expect(() => lazy.pages['x/']).toThrow(/fragment "a": not a source position/);
    const shape = readPreviousAnchors('{"version":2,"files":[],"pages":{"x/":{"fragments":{"a":[3]}}}}', 'a.json');
    expect(() => shape.pages['x/']).toThrow(/"a" is not \[kind/);
  });

  test('records have the same digest when, and only when, they serialise alike', () => {
    const kp = manifest.pages['offerings/kp/']!;
    expect(recordDigest(parseManifest(text, 'a.json').pages['offerings/kp/']!)).toBe(recordDigest(kp));
    const noColumn = page({ kind: 'area', title: 'DR' }, [['kp', { kind: 'offering', source: { file: 'sources/kp.md', line: 40 } }]]);
    const digest = recordDigest(noColumn);
    expect(recordDigest(page({ kind: 'area', title: 'DR' }, [['kp', { kind: 'offering', source: at('sources/kp.md', 40) }]]))).toBe(digest);
    const others: PageRecord[] = [
      page({ kind: 'area', title: 'DR' }, [['kp', { kind: 'offering', source: at('sources/kp.md', 41) }]]),
      page({ kind: 'area', title: 'DR' }, [['kp', { kind: 'offering', source: at('sources/kq.md', 40) }]]),
      page({ kind: 'area', title: 'DR' }, [['kp', { kind: 'table', source: at('sources/kp.md', 40) }]]),
      page({ kind: 'area', title: 'DR' }, [['kq', { kind: 'offering', source: at('sources/kp.md', 40) }]]),
      page({ kind: 'area', title: 'DR' }, [['kp', { kind: 'offering', source: at('sources/kp.md', 40), target: 'x' }]]),
      page({ kind: 'area', title: 'DR' }, [['kp', { kind: 'offering' }]]),
      page({ kind: 'area', title: 'DR' }, []),
      page({ kind: 'area', title: 'DR', source: at('sources/kp.md', 1) }, [['kp', { kind: 'offering', source: at('sources/kp.md', 40) }]]),
      page({ kind: 'redirect', title: 'DR', target: 'areas/dr/' }, [['kp', { kind: 'offering', source: at('sources/kp.md', 40) }]]),
      { ...noColumn, title: 'Disaster recovery' },
      { ...noColumn, kind: 'page' },
    ];
    for (const other of others) expect(recordDigest(other), JSON.stringify({ ...other, fragments: [...other.fragments] })).not.toBe(digest);
  });
});

describe('version 1 and the plain form', () => {
  // As builds wrote it before version 2 (and published sites still serve it).
  const v1 = `{
  "version": 1,
  "pages": {
    "offerings/kp/": {
      "kind": "offering",
      "title": "Key Protect",
      "source": {"file":"sources/kp.md","line":14,"column":1},
      "fragments": {
        "dr": {"kind":"area","source":{"file":"sources/kp.md","line":40,"column":1}},
        "incident-and-ops": {"kind":"alias","target":"dr-hpcs","source":{"file":"sources/sm.md","line":52,"column":1}}
      }
    },
    "offerings/old/": {
      "kind": "redirect",
      "title": "Moved",
      "target": "offerings/kp/",
      "fragments": {}
    }
  }
}
`;

  test('a version 1 file reads to the same records', () => {
    const read = parseManifest(v1, 'v1.json');
    expect(entries(read)).toEqual([
      ['offerings/kp/', {
        kind: 'offering',
        title: 'Key Protect',
        source: at('sources/kp.md', 14),
        fragments: [
          ['dr', { kind: 'area', source: at('sources/kp.md', 40) }],
          ['incident-and-ops', { kind: 'alias', target: 'dr-hpcs', source: at('sources/sm.md', 52) }],
        ],
      }],
      ['offerings/old/', { kind: 'redirect', title: 'Moved', target: 'offerings/kp/', fragments: [] }],
    ]);
    // The tests' version 1 writer gives the same text back (it makes the v1 baselines of the CLI tests).
    expect(manifestV1Text(read)).toBe(v1);
  });

  test('a version 1 file converts to version 2 and back without loss', () => {
    const v2 = serialiseManifest(parseManifest(v1, 'v1.json'));
    expect(manifestV1Text(parseManifest(v2, 'v2.json'))).toBe(v1);
  });

  test('the plain form lists pages and their fragment ids', () => {
    const read = parseManifest('{"pages": {"offerings/kp/": ["dr-hpcs", "dr"], "": []}}', 'plain.json');
    expect(entries(read)).toEqual([
      ['offerings/kp/', { kind: 'page', title: '', fragments: [['dr', { kind: 'area' }], ['dr-hpcs', { kind: 'area' }]] }],
      ['', { kind: 'page', title: '', fragments: [] }],
    ]);
  });
});
