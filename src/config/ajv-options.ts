/** ajv settings shared by the generated validators and anything compiling schemas at run time. */
import type { KeywordDefinition, Options } from 'ajv';

export const AJV_OPTIONS: Options = {
  allErrors: true,
  // Errors carry their schema and data, for messages that say what was expected and found.
  verbose: true,
  strict: true,
  allowUnionTypes: true,
};

/** `hint`: our annotation, a sentence added to the message when a value fails that schema. */
export const HINT_KEYWORD: KeywordDefinition = { keyword: 'hint', schemaType: 'string' };
