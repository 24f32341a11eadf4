/**
 * The examples are user code: they import the library by its package name, never `../src`, and
 * that name means the same entry point everywhere it is mapped — package.json "exports" (run time:
 * Node, tsx, vitest and Vite resolve the package's self-reference to dist/), tsup's entries (what
 * builds each dist file), tsconfig.test.json "paths" (type checking against the sources, no build
 * needed) and the guides' block runner (test/docs/extract.ts). Also tests the pre-step that builds
 * dist/ for `npm run lapd` when it is missing or stale (examples/ensure-built.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config.js';
import { exportedFiles, staleReason } from '../../examples/ensure-built.js';
import { ENTRY_SOURCES } from '../docs/extract.js';

const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'dist' ? [] : tsFiles(p);
    return /\.(ts|mts|tsx)$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(code: string): string[] {
  const re = /\b(?:from|import)\s*\(?\s*(['"])([^'"]+)\1/g;
  return [...code.matchAll(re)].map((m) => m[2]!);
}

/** The package's entry names ('imbalanced-tabular', 'imbalanced-tabular/mlp', ...). */
const entryNames = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));

describe('examples import the package by its name', () => {
  // bench/lapd.ts runs the example's modules, so it must see the same copy of the library.
  const files = [...tsFiles(join(root, 'examples')), join(root, 'bench', 'lapd.ts')];

  it('finds the example files', () => {
    expect(files.map((f) => relative(root, f))).toEqual(
      expect.arrayContaining(['examples/lapd/main.ts', 'examples/browser/src/train.ts', 'examples/custom-sampler.ts']),
    );
  });

  for (const file of files) {
    it(`${relative(root, file)} never reaches into src/ and names only exported entries`, () => {
      const specs = specifiers(readFileSync(file, 'utf8'));
      const intoSrc = specs.filter(
        (s) => s.startsWith('.') && resolve(dirname(file), s).startsWith(`${join(root, 'src')}/`),
      );
      expect(intoSrc).toEqual([]);
      const unknown = specs.filter((s) => s.startsWith(pkg.name) && !entryNames.includes(s));
      expect(unknown).toEqual([]);
    });
  }
});

describe('one entry, one meaning', () => {
  const tsconfig = ts.readConfigFile(join(root, 'tsconfig.test.json'), ts.sys.readFile);
  const paths = (tsconfig.config as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
  const config = (Array.isArray(tsupConfig) ? tsupConfig[0] : tsupConfig) as { entry: Record<string, string> };

  for (const name of entryNames) {
    it(`${name}: package.json exports, tsup entry, tsconfig paths and the guides agree`, () => {
      const sub = name === pkg.name ? '.' : `./${name.slice(pkg.name.length + 1)}`;
      const files = exportedFiles(pkg.exports[sub]);
      expect(files.length).toBeGreaterThan(0);
      // Every dist file of the entry comes from one tsup entry: dist/<entry>.{js,cjs,d.ts,d.cts}.
      const entries = new Set(files.map((f) => /^\.\/dist\/([^.]+)\./.exec(f)?.[1]));
      expect(entries.size).toBe(1);
      const source = config.entry[[...entries][0]!];
      expect(source, `tsup.config.ts has no entry for ${[...entries][0]}`).toBeDefined();
      expect(paths[name]).toEqual([`./${source}`]);
      expect(ENTRY_SOURCES[name]).toBe(source);
    });
  }

  it('maps no other name', () => {
    expect(Object.keys(paths).sort()).toEqual([...entryNames].sort());
    expect(Object.keys(ENTRY_SOURCES).sort()).toEqual([...entryNames].sort());
  });
});

describe('ensure-built (the pre-step of npm run lapd / browser / bench)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-built-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (path: string, seconds: number): void => utimesSync(join(dir, path), seconds, seconds);
  const exportsMap = {
    '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } },
    './package.json': './package.json',
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', exports: exportsMap }));
  mkdirSync(join(dir, 'src', 'core'), { recursive: true });
  writeFileSync(join(dir, 'src', 'core', 'a.ts'), 'export {};\n');

  it('lists the dist files an exports map names', () => {
    expect(exportedFiles(exportsMap).sort()).toEqual(['./dist/index.d.ts', './dist/index.js']);
  });

  it('builds when dist/ or one of its entry files is missing', () => {
    expect(staleReason(dir)).toBe('dist/ does not exist');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.js'), '');
    expect(staleReason(dir)).toBe('dist/index.d.ts is missing');
  });

  it('builds when a source file is newer than the oldest entry file, not otherwise', () => {
    writeFileSync(join(dir, 'dist', 'index.d.ts'), '');
    for (const p of ['package.json', 'src', 'src/core', 'src/core/a.ts']) at(p, 1_000);
    at('dist/index.js', 2_000);
    at('dist/index.d.ts', 3_000);
    expect(staleReason(dir)).toBeNull();
    at('src/core/a.ts', 2_500);
    expect(staleReason(dir)).toMatch(/changed since the last build/);
  });
});
