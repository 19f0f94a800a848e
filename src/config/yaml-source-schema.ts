/**
 * JSON Schema of a YAML source (`content/sources/*.yaml`, README "YAML sources"): the offering's
 * metadata, then per area either its rows directly or several tables (tiers) with their own
 * heading and anchor. Texts are inline Markdown with keyrefs.
 */

const text = { type: 'string' };
const anchor = {
  type: 'string',
  pattern: '^[A-Za-z][\\w.:-]*$',
  hint: 'An anchor is the id a link points to, e.g. "incident-and-ops-kp" (no "#", no spaces).',
};
const anchors = { type: 'array', items: anchor };

const row = {
  type: 'object',
  required: ['task'],
  additionalProperties: false,
  properties: {
    task: { type: 'string', minLength: 1 },
    group: text,
    provider: { type: ['string', 'null'] },
    customer: { type: ['string', 'null'] },
  },
};

const rows = { type: 'array', items: row };

/** What a table says about itself, shared by an area with `rows` and a table in `tables`. */
const tableProperties = {
  caption: text,
  summary: text,
  rows,
};

/** What areas and tables both have: a heading of their own, anchors, an intro, rows. */
const headedProperties = {
  heading: { type: 'string', minLength: 1 },
  anchor,
  aliases: anchors,
  intro: text,
  ...tableProperties,
};

const table = {
  type: 'object',
  required: ['rows'],
  additionalProperties: false,
  properties: headedProperties,
};

const area = {
  type: 'object',
  required: ['heading'],
  additionalProperties: false,
  properties: { ...headedProperties, tables: { type: 'array', items: table } },
};

export const yamlSourceSchema = {
  type: 'object',
  required: ['title', 'areas'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1 },
    lastUpdated: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      hint: 'Write the date as YYYY-MM-DD, e.g. 2025-09-18.',
    },
    summary: text,
    sourceUrl: {
      type: 'string',
      pattern: '^https?://[^\\s/?#]+[^\\s]*$',
      hint: 'Use the absolute http(s) URL of the page this source transcribes, e.g. "https://cloud.ibm.com/docs/secrets-manager?topic=secrets-manager-responsibilities".',
    },
    areas: { type: 'array', items: area },
  },
} as const;
