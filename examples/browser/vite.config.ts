import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The browser example: `npx vite examples/browser` serves it, `npx vite build examples/browser`
 * writes a static site to examples/browser/dist. The library is imported from its TypeScript
 * sources (../../src), which Vite compiles on the fly.
 */
export default defineConfig({
  root: here,
  // Relative asset URLs, so the built page works from any path (or a file server's subfolder).
  base: './',
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // tfjs-core + tfjs-layers are ~1.5 MB unminified; that is expected here.
    chunkSizeWarningLimit: 4000,
  },
  server: {
    // The page imports ../../src/*.ts: let the dev server read the repository.
    fs: { allow: [resolve(here, '..', '..')] },
  },
  // No optimizeDeps exclusions: the wasm backend finds its .wasm files through setWasmPaths (see
  // src/backend.ts), so the dev server may pre-bundle it like any dependency (excluding it breaks
  // its CommonJS worker module in dev).
});
