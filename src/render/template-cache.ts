/**
 * Templates compiled once: Nunjucks turns each template into JavaScript on every build, which
 * costs a small site most of its rendering time. The compiled code depends only on the
 * template's text, the Nunjucks version and the environment's options, so it is kept under
 * that key next to the asset cache and loaded instead of compiled. A cache that cannot be read
 * or written only means compiling. RESPMATRIX_TEMPLATE_CACHE=0 bypasses it; the dev server
 * (templates re-read on every render) does not use it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { packageRoot } from './paths.js';

const cacheDir = path.join(packageRoot, 'node_modules', '.cache', 'respmatrix', 'templates');
const version = (createRequire(import.meta.url)('nunjucks/package.json') as { version: string }).version;

interface Compiler {
  compile(src: string, asyncFilters: unknown, extensions: unknown, name: string, opts: unknown): string;
}
const compiler = (nunjucks as unknown as { compiler: Compiler }).compiler;

type Source = nunjucks.LoaderSource & { src: string | { type: 'code'; obj: unknown } };

export function templateCacheEnabled(): boolean {
  return process.env['RESPMATRIX_TEMPLATE_CACHE'] !== '0';
}

/** A file-system loader that hands Nunjucks compiled templates, from the cache when it has them. */
export class CompiledLoader extends nunjucks.FileSystemLoader {
  /** The environment the templates are compiled for (its options and extensions); set once it exists. */
  environment: nunjucks.Environment | undefined;

  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name) as Source | null;
    if (!source || typeof source.src !== 'string' || !this.environment) return source as nunjucks.LoaderSource;
    const env = this.environment as unknown as { asyncFilters: unknown; extensionsList: unknown; opts: unknown };
    const key = createHash('sha256').update(`${version}\0${JSON.stringify(env.opts)}\0${source.path}\0${source.src}`).digest('hex').slice(0, 32);
    const file = path.join(cacheDir, `${key}.js`);
    let code: string | undefined;
    try {
      code = readFileSync(file, 'utf8');
    } catch {
      code = compiler.compile(source.src, env.asyncFilters, env.extensionsList, source.path, env.opts);
      store(file, code);
    }
    // As Nunjucks itself runs compiled templates (Template#_compile).
    const obj = (new Function(code) as () => unknown)();
    return { ...source, src: { type: 'code', obj } } as unknown as nunjucks.LoaderSource;
  }
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
