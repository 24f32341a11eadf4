import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    mlp: 'src/mlp.ts',
    node: 'src/node.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  splitting: true,
  // Class names as written (error messages and guides print `SMOTE`, not a bundler's `_SMOTE`).
  keepNames: true,
  external: [/^@tensorflow\//],
});
