/**
 * dist/oscal/component-definition.json: the matrix as an OSCAL 1.1.2 component definition, for
 * GRC tools. One `service` component per offering; per (control, offering) one implemented
 * requirement whose statements are the rows that concern the control, each with its task, what
 * the provider and the customer do (responsible roles with remarks) and a link to the row.
 *
 * Everything is derived from stable ids, so two builds are byte-identical and a row keeps its
 * UUID across builds (README "OSCAL export" lists the names the UUIDs are made from).
 */
import { createHash } from 'node:crypto';
import { dutyState, isDuty } from '../../../model/duty.js';
import type { Offering, Site } from '../../../model/types.js';
import type { OfferingTexts, OutputContext, OutputFile } from '../../page.js';
import { absoluteUrl, siteUrl } from '../../url.js';
import { offeringPageUrl } from '../../../shared/site-paths.js';
import { compareControlIds, controlsOf, type RowControls } from './mapping.js';
import { uuidV5 } from './uuid.js';

export const OSCAL_PATH = 'oscal/component-definition.json';
export const OSCAL_VERSION = '1.1.2';

/** Namespace of respmatrix's own property names (`task-id`, `area-id`). */
const PROPERTY_NS = 'urn:respmatrix:oscal';

/** The catalog the control ids refer to, as NIST publishes it in OSCAL. */
const CATALOG = {
  title: 'NIST Special Publication 800-53 Revision 5: Security and Privacy Controls for Information Systems and Organizations',
  href: 'https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json',
  mediaType: 'application/oscal.catalog+json',
};

type RoleId = 'provider' | 'customer';
const ROLES: readonly RoleId[] = ['provider', 'customer'];

type Json = Record<string, unknown>;

export function oscalComponentDefinition(site: Site, context: OutputContext): OutputFile[] {
  return [{ path: OSCAL_PATH, contents: componentDefinitionText(site, context.base, context.components) }];
}

/** Stands for the document's own UUID until the text it names is made. */
const OWN_UUID = '00000000-0000-5000-8000-000000000000';

/** Stands for the components until their texts are put in (a string no content gives: see below). */
const COMPONENTS = '\u0000components';
/** A component's place in the document: an element of an array three levels down. */
const ELEMENT_INDENT = ' '.repeat(6);

/**
 * The whole document (`{ "component-definition": ... }`) as its file holds it. Its own UUID names
 * this revision: it changes exactly when the content does (a digest of the text around it). Each
 * offering's component is the text JSON.stringify gives it in that place, made once and then
 * taken from the last build while the offering and what every page shares are unchanged.
 */
function componentDefinitionText(site: Site, base: string, known: OfferingTexts | undefined): string {
  const { body, component } = componentDefinitionBody(site, base);
  let text = `${JSON.stringify({ 'component-definition': { uuid: OWN_UUID, ...body } }, null, 2)}\n`;
  if (site.offerings.length > 0) {
    const components = site.offerings.map((offering) => {
      const made = known?.known(offering) ?? ELEMENT_INDENT + JSON.stringify(component(offering), null, 2).replaceAll('\n', `\n${ELEMENT_INDENT}`);
      known?.placed(offering, made);
      return made;
    });
    // Only the catalog's own back matter comes after the components: the last such line is theirs.
    const mark = ELEMENT_INDENT + JSON.stringify(COMPONENTS);
    const at = text.lastIndexOf(mark);
    text = text.slice(0, at) + components.join(',\n') + text.slice(at + mark.length);
  }
  const own = uuidV5(`component-definition/${createHash('sha256').update(text).digest('hex')}`);
  // The first UUID of the text is the document's own (its first member).
  return text.replace(OWN_UUID, () => own);
}

/** The document's members but its UUID (the components stand in one string), and how an offering's component is made. */
function componentDefinitionBody(site: Site, base: string): { body: Json; component: (offering: Offering) => Json } {
  const parties = {
    provider: uuidV5(`party/provider/${site.parties.provider}`),
    customer: uuidV5(`party/customer/${site.parties.customer}`),
  };
  const catalogUuid = uuidV5('resource/nist-sp-800-53-rev5');
  const builder = new Builder(site, base, parties, catalogUuid);
  const rowsOf = controlsOf(site);
  const component = (offering: Offering) => builder.component(offering, rowsOf(offering));
  const date = newestDate(site);
  const body = {
    metadata: {
      title: markdownText(site.title),
      'last-modified': `${date ?? '1970-01-01'}T00:00:00Z`,
      version: date ?? 'undated',
      'oscal-version': OSCAL_VERSION,
      roles: ROLES.map((role) => ({
        id: role,
        title: role === 'provider' ? 'Provider' : 'Customer',
        description: `${markdownText(site.parties[role])}: the ${role === 'provider' ? 'party that runs the services' : 'party that uses them'}.`,
      })),
      parties: ROLES.map((role) => ({ uuid: parties[role], type: 'organization', name: site.parties[role] })),
      remarks: 'Generated by respmatrix from the published responsibility pages; the sources remain the authority.',
    },
    ...(site.offerings.length > 0 ? { components: [COMPONENTS] } : {}),
    'back-matter': {
      resources: [{ uuid: catalogUuid, title: CATALOG.title, rlinks: [{ href: CATALOG.href, 'media-type': CATALOG.mediaType }] }],
    },
  };
  return { body, component };
}

class Builder {
  /** Task id -> the id its UUIDs are made from: the oldest of its former ids, else its id. */
  private readonly stableTaskIds: Map<string, string>;

  constructor(
    private readonly site: Site,
    private readonly base: string,
    private readonly parties: Record<RoleId, string>,
    private readonly catalogUuid: string,
  ) {
    this.stableTaskIds = new Map(site.tasks.map((t) => [t.id, t.formerIds?.[0] ?? t.id]));
  }

  component(offering: Offering, rows: RowControls[]): Json {
    const { provider, customer } = this.site.parties;
    const requirements = this.requirements(offering, rows);
    return {
      uuid: uuidV5(`component/${offering.id}`),
      type: 'service',
      title: markdownText(offering.name),
      description: markdownText(offering.summary?.text || `${offering.name}: who does what, ${provider} or ${customer}.`),
      links: [{ href: this.href(offeringPageUrl(offering.id)), rel: 'reference', 'media-type': 'text/html', text: markdownText(offering.name) }],
      'responsible-roles': ROLES.map((role) => ({ 'role-id': role, 'party-uuids': [this.parties[role]] })),
      ...(requirements.length > 0
        ? {
            'control-implementations': [
              {
                uuid: uuidV5(`control-implementation/${offering.id}`),
                source: `#${this.catalogUuid}`,
                description: `How ${markdownText(provider)} and ${markdownText(customer)} share NIST SP 800-53 rev. 5 controls for ${markdownText(offering.name)}, row by row of the responsibility matrix.`,
                'implemented-requirements': requirements,
              },
            ],
          }
        : {}),
    };
  }

  /** One implemented requirement per control the offering's rows concern, in catalog order. */
  private requirements(offering: Offering, rows: RowControls[]): Json[] {
    const byControl = new Map<string, RowControls[]>();
    for (const r of rows) {
      for (const control of r.controls) {
        const list = byControl.get(control);
        if (list) list.push(r);
        else byControl.set(control, [r]);
      }
    }
    return [...byControl.keys()].sort(compareControlIds).map((control) => {
      const mapped = byControl.get(control) ?? [];
      const statements = mapped.map((r) => this.statement(control, r));
      const roles = ROLES.filter((role) => mapped.some((r) => isDuty(r.row[role], role)));
      const tasks = [...new Set(mapped.map((r) => r.row.task))].map(markdownText).join('; ');
      const count = mapped.length === 1 ? 'one row of the responsibility matrix concerns' : `${mapped.length} rows of the responsibility matrix concern`;
      return {
        uuid: uuidV5(`implemented-requirement/${offering.id}/${control}`),
        'control-id': control,
        description: `${markdownText(offering.name)}: ${count} ${controlLabel(control)} (${tasks}). Each statement is one row: what ${markdownText(this.site.parties.provider)} and ${markdownText(this.site.parties.customer)} do.`,
        ...(roles.length > 0 ? { 'responsible-roles': roles.map((role) => ({ 'role-id': role, 'party-uuids': [this.parties[role]] })) } : {}),
        statements,
      };
    });
  }

  private statement(control: string, { offering, section, row }: RowControls): Json {
    const current = `${section.areaId}--${row.taskId}`;
    const stable = `${section.areaId}--${this.stableTaskIds.get(row.taskId) ?? row.taskId}`;
    const key = row.anchor.startsWith(current) ? stable + row.anchor.slice(current.length) : row.anchor;
    const task = row.group !== undefined ? `${row.group}: ${row.task}` : row.task;
    const roles = ROLES.filter((role) => isDuty(row[role], role)).map((role) => ({
      'role-id': role,
      'party-uuids': [this.parties[role]],
      remarks: markdownText(row[role].text),
    }));
    // A cell that says there is nothing to do ("None. IBM is fully responsible …") makes that
    // party no responsible role, but its words stay in the statement.
    const noAction = ROLES.filter((role) => dutyState(row[role], role) === 'no-action').map(
      (role) => `${markdownText(this.site.parties[role])}: ${markdownText(row[role].text)}`,
    );
    return {
      // Statement ids must be unique within a requirement, and several rows may concern one
      // control: the control's statement, qualified by the row.
      'statement-id': `${control}_smt.${token(row.anchor)}`,
      uuid: uuidV5(`statement/${offering.id}/${key}/${control}`),
      description: markdownText(task || row.taskId),
      props: [
        { name: 'task-id', ns: PROPERTY_NS, value: row.taskId },
        { name: 'area-id', ns: PROPERTY_NS, value: section.areaId },
      ],
      links: [
        {
          href: this.href(offeringPageUrl(offering.id, row.anchor)),
          rel: 'reference',
          'media-type': 'text/html',
          text: markdownText(`${offering.name}: ${task}`),
        },
      ],
      ...(roles.length > 0 ? { 'responsible-roles': roles } : {}),
      ...(noAction.length > 0 ? { remarks: noAction.join('\n\n') } : {}),
    };
  }

  /** A page of the site: absolute with a baseUrl, base-relative without (as in the CSV). */
  private href(target: string): string {
    const path = siteUrl(this.base, target);
    const url = absoluteUrl(this.site.baseUrl, path) ?? path;
    // A URI reference is ASCII: encode anything else (a stray "%" too).
    return url.replace(/[^\x21-\x7e]|%(?![0-9A-Fa-f]{2})/gu, (c) => encodeURIComponent(c));
  }
}

/** The newest `lastUpdated` of the offerings that is a real date (YYYY-MM-DD). */
function newestDate(site: Site): string | undefined {
  const dates = site.offerings
    .map((o) => o.lastUpdated ?? '')
    .filter((d) => /^(?:19|2\d)\d\d-\d\d-\d\d$/.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d))
    .sort();
  return dates[dates.length - 1];
}

/** `ac-2.1` -> `AC-2(1)`, as the catalog titles them. */
export function controlLabel(id: string): string {
  const [control, enhancement] = id.toUpperCase().split('.');
  return enhancement === undefined ? (control ?? id) : `${control}(${enhancement})`;
}

/** OSCAL prose is Markdown: plain text must not turn into markup (or HTML) there. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_<>[\]]/g, '\\$&');
}

/** An OSCAL token (NCName) from an anchor. */
function token(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]/gu, '-');
}
