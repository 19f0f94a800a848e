/**
 * CSV fields and lines (RFC 4180: CRLF, quoted fields) with spreadsheet formulas defused.
 * Pure, so the build and the browser (stack export) write CSV the same way.
 * Content comes from pull requests: a cell such as `=HYPERLINK(...)` must open as text in
 * Excel, LibreOffice or Sheets, not run.
 */

/** What spreadsheets read as the start of a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A field a spreadsheet would evaluate gets a leading `'`, so it shows as the text it is. */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Defuse formulas, then quote a field when it holds a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
