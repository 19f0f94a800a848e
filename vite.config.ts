/**
 * Vite bundles only the browser entry (src/client/main.ts) and its CSS; respmatrix renders the
 * pages itself. Used by `respmatrix build` (through Vite's build()) and `respmatrix dev`.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: 'public',
  appType: 'custom',
  clearScreen: false,
  build: {
    target: 'es2022',
    assetsDir: 'assets',
    manifest: 'assets/manifest.json',
    // No inline <style>/<script> and no data: URLs for assets: a strict CSP must work.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: { input: 'src/client/main.ts' },
    reportCompressedSize: false,
  },
});
