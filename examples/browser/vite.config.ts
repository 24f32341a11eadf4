import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The browser example: `npm run browser` serves it, `npm run browser:build` writes a static site
 * to examples/browser/dist. The page imports the package by its name (`imbalanced-tabular`,
 * `imbalanced-tabular/mlp`); inside this repository Vite resolves that name through package.json
 * "exports" to the built dist/ (both scripts build it first when it is stale), in your own app to
 * the installed package.
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
    // The built package (../../dist) and node_modules sit above this root: let the dev server read them.
    fs: { allow: [resolve(here, '..', '..')] },
  },
  // No optimizeDeps exclusions: the wasm backend finds its .wasm files through setWasmPaths (see
  // src/backend.ts), so the dev server may pre-bundle it like any dependency (excluding it breaks
  // its CommonJS worker module in dev).
});
