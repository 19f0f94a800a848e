// A built site served as a static host would: index.html for folders, the site's 404 page,
// gzip when asked for, long caching for hashed assets. Used by the browser benchmarks.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** Starts serving `dist` on a free local port; resolves to its origin and a close function. */
export async function serveStatic(dist) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
    let body = await readFile(file).catch(() => null);
    const status = body ? 200 : 404;
    body ??= (await readFile(path.join(dist, '404.html')).catch(() => null)) ?? Buffer.alloc(0);
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    if (url.pathname.includes('/assets/')) headers['cache-control'] = 'public, max-age=31536000, immutable';
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections(); // keep-alive connections would hold close() open
    }),
  };
}
