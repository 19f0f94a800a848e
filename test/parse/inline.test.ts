import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { renderInline } from '../../src/parse/markdown/inline.js';
import { ctx } from './helpers.js';

function render(markdown: string, place = { line: 10, column: 5 }) {
  const file = new VFile({ path: 'sources/x.md' });
  const rich = renderInline(markdown, ctx(), file, place);
  return { ...rich, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

describe('renderInline', () => {
  it('resolves keyrefs in text and reports unknown ones at their exact position', () => {
    const r = render('Ask {{site.data.keyword.IBM_notm}} or {{site.data.keyword.nope}}.');
    expect(r.text).toBe('Ask IBM or nope.');
    // `{{site.data.keyword.nope}}` starts at offset 38; the text starts at column 5.
    expect(r.messages).toEqual(['10:43 unknown-keyref']);
  });

  it('reports keyrefs on later lines of multi-line text', () => {
    const r = render('first line\n  and {{site.data.keyword.missing}}');
    expect(r.messages).toEqual(['11:7 unknown-keyref']);
  });

  it('renders nothing for the attribute-definition-list keyref', () => {
    expect(render('{{site.data.keyword.attribute-definition-list}}Text').text).toBe('Text');
  });

  it('turns a literal \\n into a line break', () => {
    const r = render('first \\n second');
    expect(r.html).toBe('first<br>second');
    expect(r.text).toBe('first second');
  });

  it('turns - a \\n - b and * a \\n * b into lists', () => {
    expect(render('- a \\n - b').html).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(render(' \\n * a \\n * b').html).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(render('Intro: \\n - a \\n - b').html).toBe('<p>Intro:</p><ul><li>a</li><li>b</li></ul>');
  });

  it('keeps the safe HTML subset, with </br> as a line break', () => {
    const r = render('one<br>two</br>three <ul><li>x<ul><li>y</li></ul></li></ul> <code>c</code> <strong>s</strong>');
    expect(r.html).toMatch(/^one<br>two<br>three/);
    expect(r.html).not.toContain('span');
    expect(r.html).toContain('<ul><li>x<ul><li>y</li></ul></li></ul>');
    expect(r.html).toContain('<code>c</code>');
    expect(r.html).toContain('<strong>s</strong>');
    expect(r.messages).toEqual([]);
  });

  it('escapes other HTML and reports it', () => {
    const r = render('a <img src=x onerror="alert(1)"> b <script>alert(2)</script>');
    expect(r.html).not.toMatch(/<img|<script/);
    expect(r.html).toContain('&#x3C;img');
    expect(r.messages).toEqual(['10:7 raw-html', '10:40 raw-html', '10:56 raw-html']);
  });

  it('drops unsafe URLs with a warning, in Markdown and in HTML', () => {
    const r = render('[x](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">y</a> [z](data:text/html,hi)');
    expect(r.html).not.toMatch(/javascript|data:/i);
    expect(r.text).toBe('x y z');
    expect(r.messages.filter((m) => m.endsWith('unsafe-url'))).toHaveLength(3);
  });

  it('rewrites root-relative links and {DomainName} against linkBase', () => {
    const r = render('[a](/docs/key-protect?topic=x) [b](/status?selected=y) [c](https://{DomainName}/docs/z) <a href="/docs/q">q</a> [d](#frag)');
    expect(r.html).toContain('href="https://cloud.ibm.com/docs/key-protect?topic=x"');
    expect(r.html).toContain('href="https://cloud.ibm.com/status?selected=y"');
    expect(r.html).toContain('href="https://cloud.ibm.com/docs/z"');
    expect(r.html).toContain('href="https://cloud.ibm.com/docs/q"');
    expect(r.html).toContain('href="#frag"');
    expect(render('Go to https://{DomainName}/docs/x now').html).toBe('Go to <a href="https://cloud.ibm.com/docs/x">https://cloud.ibm.com/docs/x</a> now');
  });

  it('renders plain links the same on the fast path as through the full parser', () => {
    const fast = render('Use [the regions](/docs/x?topic=y#z) and [](https://a.example/b) then [c](mailto:x@y.z)');
    const full = render('Use [the regions](/docs/x?topic=y#z) and [](https://a.example/b) then [c](mailto:x@y.z) `!`');
    expect(fast.html).toBe('Use <a href="https://cloud.ibm.com/docs/x?topic=y#z">the regions</a> and <a href="https://a.example/b"></a> then <a href="mailto:x@y.z">c</a>');
    expect(full.html).toBe(`${fast.html} <code>!</code>`);
    expect(render('[x](javascript:alert(1)) y').messages).toEqual(['10:5 unsafe-url']);
  });

  it('renders words and links the same built directly as through the full renderer', () => {
    const samples = [
      'See [the  regions](/docs/x?topic=y#z) and [c](mailto:x@y.z) ok', ' [](https://{DomainName}/x) then', '[x](HTTP://A.B) y',
      '[a](rel/x?b) [b](//a.example/c) [c](%zz) [d](é) [e](#f) [g](?q=1) [h](/a:b)', 'end [link](https://a.example/b)',
    ];
    for (const s of samples) {
      const fast = render(s);
      const full = render(`${s} {: unused}`);
      expect({ text: fast.text, html: fast.html }, s).toEqual({ text: full.text, html: full.html });
    }
  });

  it('renders plain text the same without parsing as through the full renderer', () => {
    // An inline attribute list that qualifies nothing sends the same text down the full path.
    const samples = ['Back up   your data', '  Rotate keys\tweekly.  ', 'Cost: 5 % or 10 $ (yearly); "quoted" it\'s', 'a_b c-d e/f ™ ’ ü', '2024 edition', 'IBM'];
    for (const s of samples) {
      const fast = render(s);
      const full = render(`${s} {: unused}`);
      expect({ text: fast.text, html: fast.html }, s).toEqual({ text: full.text, html: full.html });
      expect(fast.html).toBe(fast.text);
    }
  });

  it('opens {: external} links in a new tab and drops the attribute list', () => {
    const r = render('See [docs](https://example.com/a){: external} now');
    expect(r.html).toBe('See <a href="https://example.com/a" class="external" target="_blank" rel="noopener noreferrer">docs</a> now');
    expect(r.text).toBe('See docs now');
  });

  it('renders {: term} and {: tag-purple} and footnote references', () => {
    expect(render('a [MZR](#x9774820){: term}').html).toBe('a <span class="term">MZR</span>');
    expect(render('**Gen 2**{: tag-purple}').html).toBe('<span class="badge badge-purple">Gen 2</span>');
    expect(render('region[^mzr1] x').html).toBe('region<sup>mzr1</sup> x');
  });

  it('treats placeholders as no duty listed', () => {
    for (const p of ['N/A', 'None', 'Not applicable', '(None)', '?', '-', '  ']) expect(render(p), p).toEqual({ text: '', html: '', messages: [] });
  });

  it('never lets a line start turn into a heading, quote or ordered list', () => {
    expect(render('# 1 thing').html).toBe('# 1 thing');
    expect(render('1. first').html).toBe('1. first');
    expect(render('> quoted').html).toBe('> quoted');
  });

  it('resolves keyrefs inside keyword values, and survives cycles', () => {
    const file = new VFile();
    const keywords = new Map([['long', '{{site.data.keyword.IBM_notm}} Key Protect'], ['IBM_notm', 'IBM'], ['a', '{{site.data.keyword.a}}!']]);
    expect(renderInline('{{site.data.keyword.long}}', { keywords }, file, { line: 1, column: 1 }).text).toBe('IBM Key Protect');
    expect(renderInline('{{site.data.keyword.a}}', { keywords }, file, { line: 1, column: 1 }).text).toBe('a!!!!!!');
  });

  it('escapes keyword values that look like Markdown', () => {
    const file = new VFile();
    const keywords = new Map([['x', '*A*_b_ <b> & AT&T']]);
    const r = renderInline('{{site.data.keyword.x}}', { keywords }, file, { line: 1, column: 1 });
    expect(r.text).toBe('*A*_b_ <b> & AT&T');
    expect(r.html).toBe('*A*_b_ &#x3C;b> &#x26; AT&#x26;T');
    // Inside raw HTML too, where Markdown escapes would show.
    const h = renderInline('<ul><li>{{site.data.keyword.x}}</li></ul>', { keywords }, file, { line: 1, column: 1 });
    expect(h.html).toBe('<ul><li>*A*_b_ &#x3C;b> &#x26; AT&#x26;T</li></ul>');
    expect(file.messages).toEqual([]);
  });
});
