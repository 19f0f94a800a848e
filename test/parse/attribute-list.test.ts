import { describe, expect, it } from 'vitest';
import { isAttributeLine, parseAttributeList } from '../../src/parse/markdown/attribute-list.js';

describe('parseAttributeList', () => {
  it('reads ids, classes, pairs and references', () => {
    const a = parseAttributeList('{: #table-id .cls caption="Table 1. A" caption-side="bottom" row-headers}', 0);
    expect(a.definition).toBe(false);
    expect(a.ids).toEqual(['table-id']);
    expect(a.classes).toEqual(['cls']);
    expect(a.pairs.get('caption')).toBe('Table 1. A');
    expect(a.pairs.get('caption-side')).toBe('bottom');
    expect(a.refs).toEqual(['row-headers']);
    expect(a.problems).toEqual([]);
  });

  it('keeps braces and keyrefs inside quoted values (a [^}]* regex would cut them)', () => {
    const text = '{: summary="The {{site.data.keyword.IBM_notm}} column {and} more" caption="x"}';
    const a = parseAttributeList(text, 0);
    expect(a.pairs.get('summary')).toBe('The {{site.data.keyword.IBM_notm}} column {and} more');
    expect(a.pairs.get('caption')).toBe('x');
    expect(a.end).toBe(text.length);
  });

  it('recovers a caption without its closing quote', () => {
    const a = parseAttributeList('{: caption="Security and compliance responsibilities}', 0);
    expect(a.pairs.get('caption')).toBe('Security and compliance responsibilities');
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0]?.message).toMatch(/closing quote/);
  });

  it('recovers an id written with a space', () => {
    const a = parseAttributeList('{: #dr recovery}', 0);
    expect(a.ids).toEqual(['dr-recovery']);
    expect(a.problems).toHaveLength(1);
    const b = parseAttributeList('{: #intro shortdesc}', 0);
    expect(b.ids).toEqual(['intro']);
    expect(b.refs).toEqual(['shortdesc']);
    expect(b.problems).toEqual([]);
  });

  it('recognises attribute definitions, including odd names and malformed ones', () => {
    for (const line of ["{:c#: .ph data-hd-programlang='c#'}", '{:shortdesc: .shortdesc}', '{:note .note}', "{:faq: data-hd-content-type='faq'}"]) {
      expect(parseAttributeList(line, 0).definition, line).toBe(true);
      expect(isAttributeLine(line), line).toBe(true);
    }
    expect(parseAttributeList('{:shortdesc}', 0).refs).toEqual(['shortdesc']);
  });

  it('reports a missing closing brace', () => {
    const a = parseAttributeList('{: #id', 0);
    expect(a.ids).toEqual(['id']);
    expect(a.problems[0]?.message).toMatch(/closing "}"/);
  });

  it('tells attribute lines from text', () => {
    expect(isAttributeLine('{: caption="a" } {: #b}')).toBe(true);
    expect(isAttributeLine('{{site.data.keyword.attribute-definition-list}}')).toBe(true);
    expect(isAttributeLine('{: #a} trailing text')).toBe(false);
    expect(isAttributeLine('| a | b |')).toBe(false);
  });
});
