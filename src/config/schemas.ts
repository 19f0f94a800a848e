/**
 * JSON Schemas of the configuration files. `hint` is our own annotation: a sentence added to
 * the message when a value fails that (sub)schema, so errors say what is expected.
 */

const id = {
  type: 'string',
  pattern: '^[a-z0-9]+(?:[-_][a-z0-9]+)*$',
  hint: 'Use lower-case letters, digits and single "-" or "_" between them, e.g. "disaster-recovery".',
};

const text = { type: 'string', minLength: 1 };

const absoluteUrl = {
  type: 'string',
  pattern: '^https?://[^\\s/?#]+[^\\s]*$',
  hint: 'Use an absolute http(s) URL, e.g. "https://cloud.ibm.com".',
};

const stringList = { type: 'array', items: text };

/** NIST SP 800-53 rev. 5 control ids as OSCAL writes them: `cp-9`, enhancements `ac-2.1`. */
const controls = {
  type: 'array',
  uniqueItems: true,
  items: {
    type: 'string',
    pattern: '^(?:ac|at|au|ca|cm|cp|ia|ir|ma|mp|pe|pl|pm|ps|pt|ra|sa|sc|si|sr)-[1-9][0-9]?(?:\\.[1-9][0-9]?)?$',
    hint: 'Use a NIST SP 800-53 rev. 5 control id in lower case, e.g. "cp-9", or "ac-2.1" for an enhancement.',
  },
};

export const siteSchema = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: text,
    description: text,
    baseUrl: absoluteUrl,
    linkBase: absoluteUrl,
    parties: {
      type: 'object',
      additionalProperties: false,
      properties: { provider: text, customer: text },
    },
    areas: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title'],
        additionalProperties: false,
        properties: { id, title: text, description: text, match: stringList, controls },
      },
    },
    offerings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'source'],
        additionalProperties: false,
        properties: {
          id,
          name: text,
          family: id,
          source: {
            type: 'string',
            // `..` and absolute paths are refused as unsafe-path (parse-config.ts), not here.
            pattern: '^[^\\\\]+\\.(md|yaml|yml)$',
            hint: 'Name a file in content/sources/, e.g. "key-protect.md".',
          },
          tables: {
            type: 'object',
            minProperties: 1,
            additionalProperties: false,
            properties: { anchorSuffix: text, captionIncludes: text, headingIncludes: text },
          },
          summary: text,
          sourceUrl: {
            ...absoluteUrl,
            hint: 'Use the absolute http(s) URL of the page the source came from, e.g. "https://cloud.ibm.com/docs/key-protect?topic=key-protect-shared-responsibilities".',
          },
        },
      },
    },
    compare: {
      type: 'array',
      items: {
        type: 'array',
        items: id,
        minItems: 2,
        maxItems: 4,
        hint: 'List 2 to 4 offering ids, e.g. [key-protect-standard, secrets-manager].',
      },
    },
    redirects: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        properties: {
          from: { type: 'string', pattern: '^/', hint: 'Redirects map site paths, starting with "/".' },
          to: { type: 'string', pattern: '^/', hint: 'Redirects map site paths, starting with "/".' },
        },
      },
    },
  },
} as const;

export const keywordsSchema = {
  type: 'object',
  propertyNames: {
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
    hint: 'Keyref names use letters, digits, "-", "_" and ".".',
  },
  additionalProperties: {
    type: ['string', 'number', 'boolean'],
    hint: 'Each keyword maps a name to its text, e.g. "keymanagementserviceshort: Key Protect".',
  },
} as const;

export const tasksSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'title'],
    additionalProperties: false,
    properties: {
      id,
      title: text,
      area: id,
      aliases: stringList,
      formerIds: { type: 'array', items: id },
      controls,
    },
  },
} as const;
