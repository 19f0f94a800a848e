/**
 * Templates compiled once: Nunjucks turns each template into JavaScript on every build, which
 * costs a small site most of its rendering time. The compiled code depends only on the
 * template's text, the Nunjucks version and the environment's options, so it is kept under
 * that key next to the asset cache and loaded instead of compiled. A cache that cannot be read
 * or written only means compiling. RESPMATRIX_TEMPLATE_CACHE=0 bypasses it. The dev server
 * uses it too: an edited template has new text, so a new key.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nunjucks from 'nunjucks';
// The parts of Nunjucks used here that its published types leave out.
import type { CompiledTemplates } from './nunjucks-internals.d.ts';
import { packageRoot } from './paths.js';

const cacheDir = path.join(packageRoot, 'node_modules', '.cache', 'respmatrix', 'templates');
const version = (createRequire(import.meta.url)('nunjucks/package.json') as { version: string }).version;

export function templateCacheEnabled(): boolean {
  return process.env['RESPMATRIX_TEMPLATE_CACHE'] !== '0';
}

/**
 * A loader that reads templates from the file system and hands Nunjucks compiled ones, the
 * way it serves precompiled templates, from the cache when it has them.
 */
export class CompiledLoader extends nunjucks.PrecompiledLoader {
  private readonly files: nunjucks.FileSystemLoader;
  /** The environment the templates are compiled for (its options and extensions); set once it exists. */
  environment: nunjucks.Environment | undefined;
  /** Whether any template may read `loop` (see dropLoopBindings). */
  private readonly loopRead: boolean;

  constructor(searchPath: string) {
    super();
    this.files = new nunjucks.FileSystemLoader(searchPath);
    this.loopRead = mentionsLoop(searchPath);
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const source = this.files.getSource(name);
    if (!source || !this.environment) return source;
    this.precompiled[source.path] ??= compiled(source, this.environment, !this.loopRead);
    // The file's path, as the file-system loader gives it, names the template in errors.
    return { ...super.getSource(source.path), path: source.path, noCache: source.noCache };
  }
}

/**
 * The object a template's compiled code returns, compiling it only when the cache lacks it.
 * `noLoop`: no template reads `loop`, so its bindings are left out.
 */
function compiled(source: nunjucks.LoaderSource, env: nunjucks.Environment, noLoop: boolean): CompiledTemplates[string] {
  const key = createHash('sha256').update(`${version}\0${JSON.stringify(env.opts)}\0${noLoop}\0${TRANSFORMS}\0${source.path}\0${source.src}`).digest('hex').slice(0, 32);
  const file = path.join(cacheDir, `${key}.js`);
  let code: string | undefined;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    code = nunjucks.compiler.compile(source.src, env.asyncFilters, env.extensionsList, source.path, env.opts);
    if (noLoop) code = dropLoopBindings(code);
    code = bindDirectly(code);
    store(file, code);
  }
  // As Nunjucks itself runs compiled templates (Template#_compile).
  return (new Function(code) as () => unknown)();
}

/**
 * Each turn of a Nunjucks `for` sets seven `loop.*` variables (index, first, length…), each
 * through Frame#set, which splits the name and makes the `loop` object: about a tenth of
 * rendering time, spent on values no template here reads. The compiler writes each as a line
 * of its own, `frame.set("loop.<name>", <expression>);`, which is dropped.
 */
export function dropLoopBindings(code: string): string {
  return code.replace(/^frame\.set\("loop\.\w+", [^\n]*\);\n/gm, '');
}

/** What the compiled code went through besides compiling (part of the cache key). */
const TRANSFORMS = 'loop,bind';

/**
 * A macro's arguments and a for loop's variables are bound with `frame.set("<name>", <value>);`,
 * which splits the name at dots to make nested objects before it stores the value: for a
 * name without dots it only stores it in `frame.variables`. Every macro call and loop turn
 * does it, so it is done directly. (A `set` tag passes a third argument and is left alone.)
 */
export function bindDirectly(code: string): string {
  return code.replace(/\bframe\.set\("([A-Za-z_$][\w$]*)", ([\w$.]+)\);/g, 'frame.variables["$1"] = $2;');
}

/**
 * Whether any template under `dir` has the word `loop`. A template included inside a loop can
 * read the including template's `loop`, so bindings are dropped only when no template can read them.
 */
function mentionsLoop(dir: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((name) => {
    const file = path.join(dir, name);
    return statSync(file).isFile() && /\bloop\b/.test(readFileSync(file, 'utf8'));
  });
}

function store(file: string, code: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  } catch {
    // Read-only or full disk: compile again next time.
  }
}
