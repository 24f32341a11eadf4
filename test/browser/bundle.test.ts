/**
 * Browser bundles of the BUILT package: esbuild bundles `import { Encoder, Scaler, SMOTE, Metrics }
 * from 'imbalanced-tabular'` for `platform: 'browser'` through the package's own `exports` map and
 * the result must contain no tfjs and no Node built-in. A second bundle checks that
 * `imbalanced-tabular/mlp` (which brings tfjs) bundles for the browser too.
 *
 * The built output is read from `IMBALANCED_TABULAR_DIST` (default `dist/`); when that directory
 * has no `index.js` the test builds it with `npx tsup` first (CI builds before testing). To test
 * a private build without touching dist/: `npx tsup --out-dir /tmp/it-dist` then
 * `IMBALANCED_TABULAR_DIST=/tmp/it-dist npx vitest run test/browser/bundle.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const dist = resolve(root, process.env['IMBALANCED_TABULAR_DIST'] ?? 'dist');
const work = mkdtempSync(join(tmpdir(), 'it-bundle-'));

interface ExportTarget {
  import?: { default?: string };
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, ExportTarget | string>;
};

/** Resolves `imbalanced-tabular[/sub]` through package.json's `exports` (ESM condition) into `dist`. */
const selfReference: Plugin = {
  name: 'self-reference',
  setup(b) {
    b.onResolve({ filter: /^imbalanced-tabular(\/.*)?$/ }, (args) => {
      const sub = args.path === pkg.name ? '.' : `.${args.path.slice(pkg.name.length)}`;
      const target = pkg.exports[sub];
      const file = typeof target === 'string' ? target : target?.import?.default;
      if (file === undefined) return { errors: [{ text: `package.json exports has no ESM entry for '${sub}'` }] };
      return { path: resolve(dist, file.replace(/^\.\/dist\//, '')) };
    });
  },
};

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface BundleResult {
  text: string;
  /** Every file esbuild read, relative to the repository root. */
  inputs: string[];
  /** Imports esbuild left unbundled in the output (a Node built-in would show up here). */
  externals: string[];
  bytes: number;
}

async function bundle(source: string): Promise<BundleResult> {
  const entry = join(work, `entry-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, source);
  const result = await build({
    // Lets a dist outside the repository (IMBALANCED_TABULAR_DIST=/tmp/...) find the peers.
    nodePaths: [join(root, 'node_modules')],
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    minify: false,
    logLevel: 'silent',
    absWorkingDir: root,
    plugins: [selfReference],
  }).catch((e: unknown) => {
    // esbuild fails a browser build on an unresolvable Node built-in or a missing export.
    throw new Error(`esbuild could not bundle ${JSON.stringify(source)} for the browser from ${dist}: ${e instanceof Error ? e.message : String(e)}`);
  });
  const text = result.outputFiles.map((f) => f.text).join('\n');
  const meta: Metafile = result.metafile;
  const externals = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { text, inputs: Object.keys(meta.inputs), externals, bytes: text.length };
}

/** Node built-ins referenced by a bundle: unresolved imports/requires left in the output text. */
function nodeBuiltinReferences(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)) {
    const spec = m[1]!;
    if (nodeBuiltins.has(spec) || spec.startsWith('node:')) found.add(spec);
  }
  return [...found].sort();
}

beforeAll(() => {
  if (!existsSync(join(dist, 'index.js'))) {
    const outDir = process.env['IMBALANCED_TABULAR_DIST'] === undefined ? [] : ['--out-dir', dist];
    execFileSync('npx', ['tsup', ...outDir], { cwd: root, stdio: 'inherit' });
  }
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('browser bundle of the built core entry', () => {
  let core: BundleResult;
  beforeAll(async () => {
    core = await bundle(
      "import { Encoder, Scaler, SMOTE, Metrics } from 'imbalanced-tabular';\n" +
        'globalThis.__it = { Encoder, Scaler, SMOTE, Metrics };\n',
    );
  });

  it('comes from dist, not from the sources', () => {
    expect(core.inputs.some((p) => resolve(root, p).startsWith(dist))).toBe(true);
    expect(core.inputs.filter((p) => p.startsWith('src/'))).toEqual([]);
  });

  it('contains no tfjs', () => {
    expect(core.inputs.filter((p) => p.includes('@tensorflow'))).toEqual([]);
    expect(core.text).not.toMatch(/@tensorflow\//);
  });

  it('contains no Node built-in (no node: imports, fs, path, worker_threads, ...)', () => {
    expect(nodeBuiltinReferences(core.text)).toEqual([]);
    expect(core.externals).toEqual([]);
    expect(core.inputs.filter((p) => nodeBuiltins.has(p) || p.startsWith('node:'))).toEqual([]);
    expect(core.text).not.toMatch(/\brequire\(\s*["'](?:node:)?(?:fs|path|os|worker_threads|child_process|crypto)["']\s*\)/);
    expect(core.text).not.toMatch(/["']node:[a-z_/]+["']/);
  });

  it('keeps the four classes (the import really resolved to them)', () => {
    for (const name of ['Encoder', 'Scaler', 'SMOTE', 'Metrics']) expect(core.text).toContain(name);
    expect(core.bytes).toBeGreaterThan(1000);
  });
});

describe('browser bundle of the built mlp entry', () => {
  it('bundles for the browser with tfjs and no Node built-in', async () => {
    const mlp = await bundle(
      "import { MLPClassifier } from 'imbalanced-tabular/mlp';\nglobalThis.__it = MLPClassifier;\n",
    );
    expect(mlp.text).toContain('MLPClassifier');
    expect(mlp.inputs.some((p) => p.includes('@tensorflow/tfjs-layers'))).toBe(true);
    // esbuild fails a browser build on a Node built-in that no `browser` field maps away, and
    // leaves nothing external. (tfjs-backend-wasm embeds its Node worker bootstrap as a string,
    // so the output text is not scanned here.)
    expect(mlp.externals).toEqual([]);
    expect(mlp.inputs.filter((p) => nodeBuiltins.has(p) || p.startsWith('node:'))).toEqual([]);
  });
});
