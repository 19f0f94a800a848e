/**
 * src/model/schema.json is checked against src/model/types.ts (and the parse types it re-exports) (same properties, same optional
 * ones, read with the TypeScript compiler) and against real models (the shipped content and
 * corpus pages with overview matrices).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../src/build/load-site.js';
import { corpus, makeContent, MINIMAL_SITE, repo } from '../cli/helpers.js';

interface JsonSchema {
  definitions: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
}

const schemaFile = path.join(repo, 'src', 'model', 'schema.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonSchema;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/**
 * Interface name -> property name -> optional?, from model/types.ts and the parse stage's value
 * types it re-exports (parse/types.ts).
 */
function interfaces(): Map<string, Map<string, boolean>> {
  const out = new Map<string, Map<string, boolean>>();
  const model = read(path.join(repo, 'src', 'model', 'types.ts'), out);
  const reexported = new Set<string>();
  model.forEachChild((node) => {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const element of node.exportClause.elements) reexported.add(element.name.text);
    }
  });
  const parsed = new Map<string, Map<string, boolean>>();
  read(path.join(repo, 'src', 'parse', 'types.ts'), parsed);
  for (const [name, props] of parsed) if (reexported.has(name)) out.set(name, props);
  return out;
}

function read(file: string, out: Map<string, Map<string, boolean>>): ts.SourceFile {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const props = new Map<string, boolean>();
    for (const member of node.members) {
      if (ts.isPropertySignature(member)) props.set(member.name.getText(source), member.questionToken !== undefined);
    }
    out.set(node.name.text, props);
  });
  return source;
}

describe('model JSON Schema', () => {
  it('describes every interface of types.ts with the same properties', () => {
    const types = interfaces();
    expect(types.size).toBeGreaterThanOrEqual(10);
    for (const [name, props] of types) {
      const definition = schema.definitions[name];
      expect(definition, `definition for ${name}`).toBeDefined();
      expect(Object.keys(definition?.properties ?? {}).sort(), name).toEqual([...props.keys()].sort());
      const required = [...props].filter(([, optional]) => !optional).map(([key]) => key);
      expect([...(definition?.required ?? [])].sort(), `${name} required`).toEqual(required.sort());
    }
  });

  it('accepts the model of the shipped content', async () => {
    const { site } = await loadSite(path.join(repo, 'content'));
    expect(validate(JSON.parse(JSON.stringify(site))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts models with overview matrices from real pages', async () => {
    for (const page of ['api-gateway__responsibilities.md', 'openshift__openshift_responsibilities.md']) {
      const text = readFileSync(path.join(corpus, 'ibm', page), 'utf8');
      const names = new Set([...text.matchAll(/\{\{site\.data\.keyword\.([\w.-]+)\}\}/g)].map((m) => m[1]));
      const c = makeContent({
        'site.yaml': MINIMAL_SITE,
        'keywords.yaml': [...names].map((n) => `${JSON.stringify(n)}: ${JSON.stringify(n)}\n`).join(''),
        [`sources/${page}`]: text,
      });
      try {
        const { site } = await loadSite(c.content);
        expect(site?.offerings.some((o) => o.overview)).toBe(true);
        expect(validate(JSON.parse(JSON.stringify(site))), `${page}: ${JSON.stringify(validate.errors)}`).toBe(true);
      } finally {
        c.cleanup();
      }
    }
  });

  it('rejects a model that breaks the contract', async () => {
    const { site } = await loadSite(path.join(repo, 'content'));
    const broken = JSON.parse(JSON.stringify(site)) as { offerings: { sections: { rows: Record<string, unknown>[] }[] }[] };
    const row = broken.offerings[0]?.sections[0]?.rows[0];
    if (!row) throw new Error('no row');
    delete row['taskId'];
    row['colour'] = 'red';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'required']);
  });
});
