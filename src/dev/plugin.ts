/**
 * The Vite plugin that makes `respmatrix dev`: it keeps the last good model in memory, renders
 * pages from it on request, reloads the model when content changes and the browser when content
 * or templates change. A content error is printed and shown as Vite's error overlay while the
 * last good model keeps being served.
 */
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';
import type { Diagnostic } from '../diagnostics.js';
import { LoadMemo, type LoadOptions, type LoadResult } from '../build/load-site.js';
import { hasErrors } from '../diagnostics.js';
import { templatesDir } from '../render/paths.js';
import { within } from '../config/confine.js';
import { watchContent, type ContentWatcher } from './content-watcher.js';
import { DevPages, type Resolved } from './pages.js';
import { reloadQueue } from './reload-queue.js';

export interface DevPluginOptions {
  contentDir: string;
  base: string;
  /**
   * Loads the content folder (loadSite); injected so tests and the CLI choose. `memo` keeps the
   * files and parsed sources between loads, so an edit reads and re-parses what it changed.
   */
  load: (contentDir: string, options: Pick<LoadOptions, 'memo'>) => Promise<LoadResult>;
  /** Prints diagnostics and status lines (the CLI formats them). */
  log: (event: DevEvent) => void;
}

export type DevEvent =
  | { type: 'loaded'; ms: number; diagnostics: Diagnostic[]; changed?: string }
  | { type: 'failed'; ms: number; diagnostics: Diagnostic[]; changed?: string };

const contentTypes: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export function respmatrixDev(options: DevPluginOptions): Plugin {
  const contentDir = path.resolve(options.contentDir);
  let pages: DevPages | undefined;
  let lastError: Diagnostic[] = [];
  let server: ViteDevServer | undefined;
  let watcher: ContentWatcher | undefined;
  const memo = new LoadMemo();

  async function reload(files: string[] = []): Promise<void> {
    const started = performance.now();
    // Read them again even if their stamps look the same.
    for (const file of files) memo.files.forget(file);
    const changed = files.join(', ');
    const { site, diagnostics } = await options.load(contentDir, { memo });
    const ms = performance.now() - started;
    if (!site || hasErrors(diagnostics)) {
      lastError = diagnostics.filter((d) => d.severity === 'error');
      options.log({ type: 'failed', ms, diagnostics, ...(changed ? { changed } : {}) });
      server?.ws.send({ type: 'error', err: overlayError(lastError, contentDir) });
      return;
    }
    lastError = [];
    pages = new DevPages(site, options.base);
    options.log({ type: 'loaded', ms, diagnostics, ...(changed ? { changed } : {}) });
    server?.ws.send({ type: 'full-reload', path: '*' });
  }

  function answer(res: ServerResponse, resolved: Resolved): boolean {
    switch (resolved.kind) {
      case 'page':
        res.statusCode = resolved.status;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(resolved.html);
        return true;
      case 'file':
        res.setHeader('content-type', contentTypes[path.extname(resolved.path)] ?? 'application/octet-stream');
        res.end(resolved.contents);
        return true;
      case 'redirect':
        res.statusCode = 301;
        res.setHeader('location', resolved.location);
        res.end();
        return true;
      default:
        return false;
    }
  }

  function relativePath(req: IncomingMessage): string | undefined {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    return pathname.startsWith(options.base) ? pathname.slice(options.base.length) : undefined;
  }

  return {
    name: 'respmatrix-dev',
    apply: 'serve',
    closeBundle() {
      watcher?.close();
    },
    // Content is watched by watchContent, not by Vite's watcher (see content-watcher.ts).
    config: () => ({ server: { watch: { ignored: [(file: string) => within(contentDir, path.resolve(file))] } } }),
    async configureServer(devServer) {
      server = devServer;
      const first = reload();
      const queue = reloadQueue(reload, (file) => memo.files.unchanged(contentDir, file), first);
      // Watching before the first load ends: an edit made during it is not missed.
      watcher = watchContent(contentDir, (relative) => {
        const file = relative.split(path.sep).join('/');
        queue.changed(file).catch((error: unknown) => devServer.config.logger.error(`Reloading after ${file} failed: ${String(error)}`));
      });
      await first.catch((error: unknown) => {
        watcher?.close();
        throw error;
      });
      devServer.watcher.add(templatesDir);
      const onTemplate = (file: string) => {
        if (!within(templatesDir, path.resolve(file))) return;
        // A fresh environment: templates are compiled once per environment.
        if (pages) pages = new DevPages(pages.site, options.base);
        devServer.ws.send({ type: 'full-reload', path: '*' });
      };
      for (const event of ['change', 'add', 'unlink'] as const) devServer.watcher.on(event, onTemplate);

      // Pages and output files, before Vite's own middlewares.
      devServer.middlewares.use((req, res, next) => {
        const relative = relativePath(req);
        if (relative === undefined || !pages) return next();
        try {
          if (!answer(res, pages.resolve(relative))) next();
        } catch (error) {
          next(error);
        }
      });
      // After Vite: anything nobody served is our 404 page (for HTML requests).
      return () => {
        devServer.middlewares.use((req, res, next) => {
          const accepts = String(req.headers.accept ?? '');
          if (!pages || !accepts.includes('text/html')) {
            if (!pages && accepts.includes('text/html')) return next(new Error(describe(lastError, contentDir)));
            return next();
          }
          if (!answer(res, pages.notFound())) next();
        });
      };
    },
  };
}

function describe(diagnostics: readonly Diagnostic[], contentDir: string): string {
  const lines = diagnostics.map((d) => `${path.join(contentDir, d.file)}:${d.line}:${d.column}  ${d.message}  (${d.rule})`);
  return `The content has errors, so there is no site to show yet:\n${lines.join('\n')}`;
}

/** Vite's error payload: the overlay shows message, file and position. */
function overlayError(diagnostics: readonly Diagnostic[], contentDir: string) {
  const first = diagnostics[0];
  return {
    message: describe(diagnostics, contentDir).replace(/^The content has errors, so there is no site to show yet:\n/, `Content error${diagnostics.length === 1 ? '' : 's'} (showing the last good version):\n`),
    stack: '',
    plugin: 'respmatrix',
    ...(first
      ? {
          id: path.join(contentDir, first.file),
          loc: { file: path.join(contentDir, first.file), line: first.line, column: first.column },
        }
      : {}),
  };
}
