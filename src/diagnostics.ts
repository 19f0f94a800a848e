/**
 * Diagnostics: what `respmatrix check` prints and what decides the exit code.
 * Parse plugins report on the vfile (VFileMessage); everything is converted to this one shape.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/** `info` never fails a check: it reports facts a maintainer may act on (check --oscal). */
export type Severity = 'error' | 'warning' | 'info';

/** Stable rule ids: users filter and grep on them, so never rename one. */
export type RuleId =
  | 'read-error' // a content file could not be read
  | 'yaml-syntax' // YAML that does not parse
  | 'schema' // configuration or YAML source that violates its schema
  | 'unknown-keyref' // {{site.data.keyword.X}} with X not in keywords.yaml
  | 'table-shape' // ragged rows, rows broken across lines, template leftovers
  | 'table-not-read' // a table whose header names no IBM and customer columns: not in the model
  | 'attribute-syntax' // a malformed attribute list ({: caption="... without its closing quote)
  | 'orphan-attributes' // an attribute list that qualifies no block
  | 'duplicate-anchor' // two things claim the same id on one page
  | 'raw-html' // HTML outside the safe subset, escaped
  | 'unsafe-url' // javascript: and other non-http(s)/mailto URLs, dropped
  | 'missing-area' // an offering or table the site configuration names but the source lacks
  | 'missing-include' // {{site.data.content.X}} or a file include that does not exist
  | 'unaligned-task' // a task in one offering only, with a near match in another
  | 'broken-link' // a link to a page or fragment of our own site that does not exist
  | 'anchor-removed' // an anchor in the baseline that no longer resolves
  | 'unsafe-path' // a symbolic link or `..` path that leads outside the content folder
  | 'unmapped-control'; // a row whose task and area name no NIST SP 800-53 control (info, check --oscal)

export interface Diagnostic {
  /** Path relative to the content folder (or as given on the command line). */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: RuleId;
  message: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Report on a vfile the unified way; `fatal: true` marks an error (it does not throw). */
export function report(
  file: VFile,
  rule: RuleId,
  message: string,
  place: { line: number; column: number } | undefined,
  severity: Severity = 'warning',
): VFileMessage {
  const msg = file.message(message, { place, ruleId: rule, source: 'respmatrix' });
  msg.fatal = severity === 'error';
  return msg;
}

/** Convert the messages collected on a vfile into diagnostics for `file` (relative path). */
export function fromVFile(file: VFile, relativePath: string): Diagnostic[] {
  return file.messages.map((m) => ({
    file: relativePath,
    line: m.line ?? 1,
    column: m.column ?? 1,
    severity: m.fatal ? 'error' : 'warning',
    rule: (m.ruleId as RuleId | undefined) ?? 'schema',
    message: m.reason,
  }));
}

/** Deterministic order: file, line, column, rule. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}
