/**
 * The front matter IBM pages have, read without a YAML parser: lines of `key: value`, and one
 * level of `key:` over indented `key: value` lines (`copyright:` / `  years: 2015, 2024`).
 * js-yaml takes some 50-200 µs for each such block, about an eighth of a source's parse. Anything else
 * (quotes with escapes, comments, flow or multi-line values, non-ASCII text, a value YAML would
 * read as a number, boolean or null…) is undefined: the caller loads it with js-yaml. What this
 * returns is what js-yaml would give for the two fields the page uses; a property test
 * compares them.
 */

/** The fields of the front matter the parser reads (frontmatter.ts); null when written empty. */
export interface FrontMatterFields {
  subcollection?: string | null;
  lastupdated?: string | null;
}

const KEY = /^([A-Za-z][A-Za-z0-9_-]*):(?: +(.*))?$/;
/** Resolve to something else than their key's text (YAML's core schema). */
const SPECIAL_KEY = /^(?:true|false|null)$/i;
/** A double-quoted value of printable ASCII without escapes, then nothing but spaces. */
const QUOTED = /^"([ !#-[\]-~]*)" *$/;
/** A plain value: printable ASCII, not starting with an indicator, no `: `, ` #` or final `:`. */
const PLAIN = /^(?![-?:,[\]{}#&*!|>'"%@`])[ -~]*$/;
/** A plain value YAML's core schema reads as text whatever it says: a word (not a boolean or null) or a date. */
const PLAIN_TEXT = /^(?:(?!(?:true|false|null)$)[A-Za-z_][A-Za-z0-9_-]*|\d{4}-\d{2}-\d{2})$/i;

/** The fields of `yaml` (a front matter's text); undefined when it is not of the plain kind above. */
export function plainFrontMatter(yaml: string): FrontMatterFields | undefined {
  const fields: FrontMatterFields = {};
  const keys = new Set<string>();
  // The indented block a `key:` with no value opens: its keys, and its indentation once seen.
  let block: { indent?: number; keys: Set<string> } | undefined;
  for (const line of yaml.split('\n')) {
    // Only spaces count as blank or as indentation: YAML reads a tab or a no-break space otherwise.
    let indent = 0;
    while (line.charCodeAt(indent) === 0x20) indent++;
    if (indent === line.length) continue;
    if (indent > 0) {
      if (!block || (block.indent ??= indent) !== indent) return undefined;
      const entry = KEY.exec(line.slice(indent));
      if (!entry || !addKey(block.keys, entry[1] as string) || !valueOf(entry[2])) return undefined;
      continue;
    }
    const entry = KEY.exec(line);
    if (!entry || !addKey(keys, entry[1] as string)) return undefined;
    const key = entry[1];
    const value = valueOf(entry[2]);
    if (!value) return undefined;
    block = value.text === null ? { keys: new Set() } : undefined;
    if (key !== 'subcollection' && key !== 'lastupdated') continue;
    if (value.plain && value.text !== null && !PLAIN_TEXT.test(value.text)) return undefined;
    fields[key] = value.text;
  }
  // No key at all (an empty front matter): js-yaml's to judge.
  return keys.size > 0 ? fields : undefined;
}

function addKey(keys: Set<string>, key: string): boolean {
  if (SPECIAL_KEY.test(key) || keys.has(key)) return false;
  keys.add(key);
  return true;
}

/** A line's value: its text (null when empty) and whether it is plain; undefined when not of the plain kind. */
function valueOf(written: string | undefined): { text: string | null; plain: boolean } | undefined {
  // Only spaces are trimmed: YAML keeps a no-break space, JavaScript's trim would not.
  const value = written?.replace(/ +$/, '') ?? '';
  if (value === '') return { text: null, plain: true };
  const quoted = QUOTED.exec(value);
  if (quoted) return { text: quoted[1] as string, plain: false };
  if (!PLAIN.test(value) || value.includes(': ') || value.includes(' #') || value.endsWith(':')) return undefined;
  return { text: value, plain: true };
}
