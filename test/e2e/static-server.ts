/**
 * A tiny static file server for built sites: serves `dir` under `base` on 127.0.0.1, directory
 * URLs as index.html, and 404.html with status 404 for anything missing (like a static host).
 * Every response carries the site's Content-Security-Policy as a header too (plus what only a
 * header can say), unless `header: false` leaves the pages' own <meta> policy to work alone.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src/render/csp.js';

/** The strict policy the site must work under: no inline scripts or styles, nothing from elsewhere. */
export const contentSecurityPolicy = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

export interface ServeOptions {
  /** Send the CSP header (default true); false tests the pages' <meta> policy alone. */
  cspHeader?: boolean;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

export interface StaticServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

async function resolveFile(dir: string, relative: string): Promise<string | undefined> {
  const file = path.join(dir, relative);
  if (!file.startsWith(dir)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return file;
  if (info?.isDirectory()) {
    const index = path.join(file, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return index;
  }
  return undefined;
}

export async function serveStatic(dir: string, base = '/', options: ServeOptions = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      let file: string | undefined;
      if (pathname.startsWith(base)) file = await resolveFile(root, pathname.slice(base.length));
      // A directory URL without its trailing slash would break relative links: redirect like hosts do.
      if (file && file.endsWith('index.html') && !pathname.endsWith('/') && !pathname.endsWith('.html')) {
        response.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      const status = file ? 200 : 404;
      file ??= path.join(root, '404.html');
      const body = await readFile(file).catch(() => Buffer.from('Not found'));
      response.writeHead(status, {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
        ...(options.cspHeader === false ? {} : { 'content-security-policy': contentSecurityPolicy }),
      });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
