/** `respmatrix dev`: a Vite dev server with the respmatrix plugin as the seam to the generator. */
import type { ViteDevServer } from 'vite';
import { packageRoot, viteConfigFile } from '../render/paths.js';
import { respmatrixDev, type DevPluginOptions } from './plugin.js';

export interface DevServerOptions extends DevPluginOptions {
  port: number;
  host?: string;
}

export interface DevServer {
  vite: ViteDevServer;
  /** Where the site is served, base included. */
  url: string;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const host = options.host ?? '127.0.0.1';
  // Imported as an ES module from the CommonJS bundle (lib/bundle/), as the asset build does.
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: viteConfigFile,
    root: packageRoot,
    base: options.base,
    logLevel: 'warn',
    server: { port: options.port, host, strictPort: true },
    plugins: [respmatrixDev(options)],
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const port = address && typeof address === 'object' ? address.port : options.port;
  return { vite, url: `http://${host}:${port}${options.base}`, close: () => vite.close() };
}
