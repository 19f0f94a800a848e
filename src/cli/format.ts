/**
 * Output formats of `respmatrix check`: `text` for people, `json` for tools, `github` for
 * workflow annotations. Paths are printed relative to the current directory, so an editor or
 * GitHub can open the file the diagnostic is about.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Diagnostic paths are relative to the content folder; make them relative to `cwd`. */
export function relocate(diagnostics: readonly Diagnostic[], contentDir: string, cwd: string): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, file: toPosix(path.relative(cwd, path.resolve(cwd, contentDir, d.file))) }));
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: Format): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(diagnostics.map(jsonShape), null, 2)}\n`;
    case 'github':
      return diagnostics.map(githubLine).join('');
    default:
      return formatText(diagnostics);
  }
}

/** One `file:line:column  severity  message  rule` line per diagnostic, then a summary. */
export function formatText(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity.padEnd(7)}  ${d.message}  ${d.rule}`);
  return `${lines.join('\n')}${lines.length > 0 ? '\n\n' : ''}${summary(diagnostics)}\n`;
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  if (errors === 0 && warnings === 0) return infos > 0 ? `✔ no problems (${infos} info)` : '✔ no problems';
  const parts = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  if (infos > 0) parts.push(`${infos} info`);
  return `${errors > 0 ? '✖' : '⚠'} ${parts.join(', ')}`;
}

function jsonShape(d: Diagnostic) {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, rule: d.rule, message: d.message };
}

/** GitHub workflow command; escaping as the runner expects (properties also escape `:` and `,`). */
function githubLine(d: Diagnostic): string {
  const file = escapeProperty(d.file);
  // GitHub's own name for an info is a notice.
  return `::${d.severity === 'info' ? 'notice' : d.severity} file=${file},line=${d.line},col=${d.column}::${escapeData(`${d.message} (${d.rule})`)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
