/**
 * The links fixture content folder (test/links/fixture/content) copied to a temp folder with
 * edits applied, so each test renames something and checks what happens to published links.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { AnchorManifest } from '../../src/links/anchors-baseline.js';
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

/**
 * A manifest in the version 1 text that published sites carry (what builds wrote before
 * version 2): indented, one `{"kind", "target"?, "source"}` object per fragment.
 */
export function manifestV1Text(manifest: AnchorManifest): string {
  const pages = Object.entries(manifest.pages).map(([url, page]) => {
    const { fragments, ...head } = page;
    const lines = [...fragments].map(([id, record]) => `        ${JSON.stringify(id)}: ${JSON.stringify(record)}`);
    const headFields = Object.entries(head).map(([key, value]) => `      ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
    const body = lines.length > 0 ? `{\n${lines.join(',\n')}\n      }` : '{}';
    return `    ${JSON.stringify(url)}: {\n${headFields.join('')}      "fragments": ${body}\n    }`;
  });
  return `{\n  "version": 1,\n  "pages": {\n${pages.join(',\n')}\n  }\n}\n`;
}
