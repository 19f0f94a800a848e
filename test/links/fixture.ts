/**
 * The links fixture content folder (test/links/fixture/content) copied to a temp folder with
 * edits applied, so each test renames something and checks what happens to published links.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.js';
import { run } from '../cli/helpers.js';

export const fixtureContent = path.resolve(import.meta.dirname, 'fixture', 'content');

/** file (relative to the content folder) -> [search, replace] pairs, each of which must match. */
export type Edits = Record<string, [string, string][]>;

export interface Workspace {
  root: string;
  content: string;
  remove(): Promise<void>;
}

export async function workspace(edits: Edits = {}): Promise<Workspace> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'respmatrix-links-'));
  const content = path.join(root, 'content');
  await cp(fixtureContent, content, { recursive: true });
  for (const [file, pairs] of Object.entries(edits)) {
    const full = path.join(content, file);
    let text = await readFile(full, 'utf8');
    for (const [search, replace] of pairs) {
      if (!text.includes(search)) throw new Error(`edit of ${file}: "${search}" not found`);
      text = text.split(search).join(replace);
    }
    await writeFile(full, text);
  }
  return { root, content, remove: () => rm(root, { recursive: true, force: true }) };
}

/** `respmatrix check --format json [--anchors-baseline FILE]` on a workspace. */
export async function checkJson(ws: Workspace, baseline?: string): Promise<{ code: number; diagnostics: Diagnostic[] }> {
  const args = ['check', '--content', 'content', '--format', 'json', ...(baseline ? ['--anchors-baseline', baseline] : [])];
  const result = await run(args, ws.root);
  if (result.code === 2) throw new Error(`check failed: ${result.stderr}`);
  return { code: result.code, diagnostics: JSON.parse(result.stdout) as Diagnostic[] };
}
