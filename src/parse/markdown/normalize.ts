/**
 * Byte-level clean-up before parsing. Every replacement keeps line and column numbers as
 * they are in the file: CRLF and lone CR become LF (same lines, same columns), NBSP and NUL
 * become one character each. A BOM is dropped; `bomColumns` lets callers add it back.
 */
export interface Normalized {
  text: string;
  /** 1 when a BOM was removed (positions on line 1 are then one column further right). */
  bom: number;
}

export function normalizeSource(raw: string): Normalized {
  let text = raw;
  let bom = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = 1;
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes('\u00a0')) text = text.replace(/\u00a0/g, ' ');
  if (text.includes('\u0000')) text = text.split('\u0000').join('\ufffd');
  return { text, bom };
}
