/**
 * dist/oscal/component-definition.json, built through `respmatrix build`: valid against NIST's
 * OSCAL 1.1.2 component schema (../shared/oscal, ajv options per its SOURCES.md) for the shipped
 * content and for the whole corpus as one site; byte-identical across builds; UUIDs that
 * survive a task rename through formerIds.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusContent } from '../../bench/helpers/fixtures.mjs';
import { repo, run } from '../cli/helpers.js';
import { vaultContent } from './fixture.js';

const OSCAL_FILE = path.join('oscal', 'component-definition.json');
const schemaFile = path.resolve(repo, '..', 'shared', 'oscal', 'oscal_component_schema.json');

// ajv-formats is CommonJS: Node hands over module.exports, bundlers its `default`.
type AddFormats = (ajv: Ajv) => Ajv;
const formats = addFormatsModule as unknown as AddFormats & { default?: AddFormats };
const addFormats: AddFormats = formats.default ?? formats;

function officialValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
}

interface Statement {
  'statement-id': string;
  uuid: string;
  description: string;
  links: { href: string }[];
  props: { name: string; value: string }[];
  'responsible-roles'?: { 'role-id': string; remarks?: string }[];
}
interface Requirement {
  uuid: string;
  'control-id': string;
  'responsible-roles'?: { 'role-id': string }[];
  statements: Statement[];
}
interface Component {
  uuid: string;
  type: string;
  title: string;
  'control-implementations'?: { 'implemented-requirements': Requirement[] }[];
}
interface Document {
  'component-definition': {
    uuid: string;
    metadata: { 'last-modified': string; roles: { id: string }[]; parties: { name: string }[] };
    components?: Component[];
  };
}

function requirements(doc: Document): { component: Component; requirement: Requirement }[] {
  return (doc['component-definition'].components ?? []).flatMap((component) =>
    (component['control-implementations'] ?? []).flatMap((ci) => ci['implemented-requirements'].map((requirement) => ({ component, requirement }))),
  );
}

/** What the JSON Schema cannot say but OSCAL requires: unique UUIDs and keyed lists. */
function expectOscalConstraints(doc: Document): void {
  const uuids = [...JSON.stringify(doc).matchAll(/"uuid": ?"([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(uuids).size).toBe(uuids.length);
  for (const { requirement } of requirements(doc)) {
    const ids = requirement.statements.map((s) => s['statement-id']);
    expect(new Set(ids).size, requirement['control-id']).toBe(ids.length);
    const roles = (requirement['responsible-roles'] ?? []).map((r) => r['role-id']);
    expect(new Set(roles).size).toBe(roles.length);
  }
}

async function build(content: string, out: string): Promise<Document> {
  const result = await run(['build', '--content', content, '--out', out, '--quiet'], path.dirname(content));
  expect(result.stderr.split('\n').filter((line) => / error /.test(line))).toEqual([]);
  expect(result.code).toBe(0);
  return JSON.parse(readFileSync(path.join(out, OSCAL_FILE), 'utf8')) as Document;
}

describe('OSCAL export of the shipped content', () => {
  const validate = officialValidator();
  let tmp: string;
  let text: string;
  let doc: Document;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-oscal-'));
    doc = await build(path.join(repo, 'content'), path.join(tmp, 'a'));
    text = readFileSync(path.join(tmp, 'a', OSCAL_FILE), 'utf8');
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('validates against the official OSCAL 1.1.2 component schema with zero errors', () => {
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expectOscalConstraints(doc);
  });

  it('has one service component per offering, with provider and customer roles from site.yaml', () => {
    const def = doc['component-definition'];
    expect(def.components?.map((c) => [c.title, c.type])).toEqual([
      ['Key Protect Standard', 'service'],
      ['Key Protect Dedicated', 'service'],
      ['Secrets Manager', 'service'],
    ]);
    expect(def.metadata.roles.map((r) => r.id)).toEqual(['provider', 'customer']);
    expect(def.metadata.parties.map((p) => p.name)).toEqual(['IBM', 'You']);
    // The newest lastUpdated of the sources, not the build time.
    expect(def.metadata['last-modified']).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
  });

  it('carries each mapped row: task, both parties\' texts, roles and an absolute link to the row', () => {
    const backups = requirements(doc).find((r) => r.component.title === 'Key Protect Dedicated' && r.requirement['control-id'] === 'cp-9');
    const statement = backups?.requirement.statements.find((s) => s.props.some((p) => p.name === 'task-id' && p.value === 'backups'));
    expect(statement?.description).toBe('Instance backups');
    expect(statement?.links[0]?.href).toBe('https://respmatrix.example.com/offerings/key-protect-dedicated/#disaster-recovery--backups');
    expect(statement?.['responsible-roles']).toEqual([
      expect.objectContaining({ 'role-id': 'provider', remarks: expect.stringContaining('cross-region backups') }),
      expect.objectContaining({ 'role-id': 'customer', remarks: expect.stringContaining('validate the backups') }),
    ]);
    // "None. IBM … fully responsible": the customer is no responsible role there, the words stay.
    const standard = requirements(doc).find((r) => r.component.title === 'Key Protect Standard' && r.requirement['control-id'] === 'cp-9');
    const none = standard?.requirement.statements[0] as Statement & { remarks?: string };
    expect(none['responsible-roles']?.map((r) => r['role-id'])).toEqual(['provider']);
    expect(none.remarks).toBe('You: None. IBM and Key Protect are fully responsible for managing disaster recovery.');
    // Flaw remediation is mapped for every offering (service updates; firmware on Dedicated).
    const si2 = requirements(doc).filter((r) => r.requirement['control-id'] === 'si-2').map((r) => r.component.title);
    expect(si2).toEqual(['Key Protect Standard', 'Key Protect Dedicated', 'Secrets Manager']);
  });

  it('is byte-identical when built again', async () => {
    await build(path.join(repo, 'content'), path.join(tmp, 'b'));
    expect(readFileSync(path.join(tmp, 'b', OSCAL_FILE), 'utf8') === text).toBe(true);
  }, 120_000);

  it('is linked from the footer', () => {
    const home = readFileSync(path.join(tmp, 'a', 'index.html'), 'utf8');
    expect(home).toMatch(/<a href="\/oscal\/component-definition\.json">OSCAL component definition<\/a>/);
  });

  it('fails validation when deliberately broken', () => {
    const broken = JSON.parse(text) as Document;
    const first = requirements(broken)[0]?.requirement as Partial<Requirement>;
    delete first['control-id'];
    (broken['component-definition'].components as Component[])[0]!.type = '';
    broken['component-definition'].uuid = 'not-a-uuid';
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
    expect(paths).toContainEqual(expect.stringMatching(/implemented-requirements\/0 must have required property 'control-id'/));
    expect(paths).toContainEqual(expect.stringMatching(/^\/component-definition\/uuid must match pattern/));
  });
});

describe('OSCAL UUIDs', () => {
  it('a renamed task keeps its rows\' UUIDs through formerIds', async () => {
    const before = vaultContent();
    const after = vaultContent({
      'tasks.yaml': '- id: data-backups\n  title: Backups\n  area: disaster-recovery\n  aliases: [Backups]\n  formerIds: [backups]\n  controls: [cp-9, cp-6]\n',
    });
    const fresh = vaultContent({ 'tasks.yaml': '- id: data-backups\n  title: Backups\n  area: disaster-recovery\n  aliases: [Backups]\n  controls: [cp-9, cp-6]\n' });
    try {
      const rowsOf = async (content: string) => {
        const doc = await build(content, path.join(path.dirname(content), 'dist'));
        expect(officialValidator()(doc)).toBe(true);
        return requirements(doc).flatMap(({ requirement }) =>
          requirement.statements.map((s) => ({
            control: requirement['control-id'],
            requirementUuid: requirement.uuid,
            uuid: s.uuid,
            href: s.links[0]?.href,
            customer: s['responsible-roles']?.find((r) => r['role-id'] === 'customer')?.remarks,
          })),
        );
      };
      const old = await rowsOf(before.content);
      const renamed = await rowsOf(after.content);
      const unrelated = await rowsOf(fresh.content);
      // cp-6 and cp-9 for Backups (task), cp-10 for Failover drills (area fallback); Updates maps to none.
      expect(old.map((r) => r.control)).toEqual(['cp-6', 'cp-9', 'cp-10']);
      expect(renamed.map((r) => [r.control, r.uuid, r.requirementUuid])).toEqual(old.map((r) => [r.control, r.uuid, r.requirementUuid]));
      expect(renamed[0]?.href).toBe('https://matrix.example.org/offerings/vault/#disaster-recovery--data-backups');
      // OSCAL prose is Markdown: the row's plain text keeps its characters literal there.
      expect(renamed[0]?.customer).toBe('Restore what you need with vault\\_cli.');
      // Without formerIds the renamed task is another task: its rows get new UUIDs.
      expect(unrelated[0]?.uuid).not.toBe(old[0]?.uuid);
      expect(unrelated[2]?.uuid).toBe(old[2]?.uuid);
    } finally {
      for (const c of [before, after, fresh]) c.cleanup();
    }
  }, 120_000);
});

describe('OSCAL export of the whole corpus as one site', () => {
  it('validates with zero errors, areas giving the controls', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'respmatrix-oscal-corpus-'));
    try {
      const content = path.join(dir, 'content');
      const { sources } = await corpusContent(repo, content);
      expect(sources).toBeGreaterThanOrEqual(33);
      // Area fallback: the five standard areas map to controls; tasks name none.
      writeFileSync(
        path.join(content, 'site.yaml'),
        [
          'title: IBM Cloud responsibilities corpus',
          'linkBase: https://cloud.ibm.com',
          'areas:',
          '  - { id: incident-and-ops, title: Incident and operations management, controls: [ir-4, si-4] }',
          '  - { id: change-management, title: Change management, controls: [cm-3] }',
          '  - { id: iam-responsibilities, title: Identity and access management, controls: [ac-2, ac-3] }',
          '  - { id: security-compliance, title: Security and regulation compliance, controls: [ca-2] }',
          '  - { id: disaster-recovery, title: Disaster recovery, controls: [cp-9, cp-10] }',
          '',
        ].join('\n'),
      );
      const doc = await build(content, path.join(dir, 'dist'));
      const validate = officialValidator();
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
      expectOscalConstraints(doc);
      const components = doc['component-definition'].components ?? [];
      expect(components.length).toBeGreaterThanOrEqual(sources);
      const statements = requirements(doc).flatMap((r) => r.requirement.statements);
      expect(statements.length).toBeGreaterThan(400);
      // Without a baseUrl the links are site-relative.
      expect(statements.every((s) => s.links[0]?.href.startsWith('/offerings/'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
