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
const dist = resolve(root, process.env.IMBALANCED_TABULAR_DIST ?? 'dist');
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
  meta: Metafile;
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
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`esbuild could not bundle ${JSON.stringify(source)} for the browser from ${dist}: ${reason}`);
  });
  const text = result.outputFiles.map((f) => f.text).join('\n');
  const meta: Metafile = result.metafile;
  const externals = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { text, inputs: Object.keys(meta.inputs), externals, meta, bytes: text.length };
}

/**
 * Node built-ins in the module graph: every import (static, dynamic or require) of every bundled
 * file, as esbuild resolved it, plus whatever it left external. Strings that merely mention a
 * module (a worker's source text, a guarded `process.getBuiltinModule('node:worker_threads')`)
 * are not imports and do not count: they never reach a browser's module loader.
 */
function nodeBuiltinImports(r: BundleResult): string[] {
  const found = new Set<string>();
  for (const [file, input] of Object.entries(r.meta.inputs)) {
    for (const imp of input.imports) {
      const spec = imp.original ?? imp.path;
      if (nodeBuiltins.has(spec) || spec.startsWith('node:') || nodeBuiltins.has(imp.path))
        found.add(`${file} → ${spec} (${imp.kind})`);
    }
  }
  for (const e of r.externals) found.add(`external ${e}`);
  return [...found].sort();
}

beforeAll(() => {
  if (!existsSync(join(dist, 'index.js'))) {
    const outDir = process.env.IMBALANCED_TABULAR_DIST === undefined ? [] : ['--out-dir', dist];
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
    // A browser build fails outright on an unresolvable built-in; this also catches one that a
    // `browser` field maps away or that is left external.
    expect(nodeBuiltinImports(core)).toEqual([]);
    // No call through esbuild's CommonJS `require` shim: nothing is required at run time.
    expect(core.text).not.toMatch(/\b__require\(\s*["']/);
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
    // Our own files import no built-in. (tfjs packages map their optional Node modules away with
    // their `browser` field, e.g. tfjs-backend-wasm's `fs`/`worker_threads`; esbuild honours it.)
    expect(nodeBuiltinImports(mlp).filter((line) => !line.includes('node_modules/'))).toEqual([]);
    expect(mlp.externals).toEqual([]);
  });
});
