/**
 * Tests of the BUILT package (dist/): the exports map resolves for ESM and CJS by package name
 * (Node's self-reference), type declarations resolve for both module systems, and the core entry
 * never reaches tfjs. `npm test` builds first (pretest), so dist/ is current.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

/** Every file reachable from a built entry through relative imports/requires. */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](\.[^"']+)["']/g)) {
      stack.push(resolve(dirname(file), m[1] as string));
    }
  }
  return [...seen];
}

describe('built package', () => {
  it('dist has ESM, CJS and declarations for every entry', () => {
    for (const entry of ['index', 'mlp', 'node', 'testing']) {
      for (const ext of ['.js', '.cjs', '.d.ts', '.d.cts']) {
        expect(existsSync(join(dist, entry + ext)), `${entry}${ext}`).toBe(true);
      }
    }
  });

  it('imports by package name from ESM and CJS with the same exports', () => {
    const esm = node([
      '--input-type=module',
      '-e',
      "const m = await import('imbalanced-tabular'); console.log(JSON.stringify(Object.keys(m).sort()))",
    ]);
    const cjs = node([
      '-e',
      "const m = require('imbalanced-tabular'); " +
        "console.log(JSON.stringify(Object.keys(m).filter(k => k !== '__esModule').sort()))",
    ]);
    const esmKeys = JSON.parse(esm) as string[];
    expect(esmKeys).toEqual(JSON.parse(cjs));
    for (const name of [
      'Random',
      'DataValidationError',
      'InvalidParameterError',
      'NotFittedError',
      'SerializationError',
      'Matrix',
    ]) {
      expect(esmKeys).toContain(name);
    }
  });

  it('the public classes work from CJS', () => {
    const out = node([
      '-e',
      "const { Random, DataValidationError } = require('imbalanced-tabular'); " +
        "const e = new DataValidationError('x', { row: 3 }); console.log(new Random(1).int(10), e.code, e.row)",
    ]);
    expect(out.trim()).toMatch(/^\d DATA_VALIDATION 3$/);
  });

  it('every entry shares one copy of the error classes (instanceof works across entries)', () => {
    const cjs = node([
      '-e',
      "const a = require('imbalanced-tabular'), b = require('imbalanced-tabular/mlp'), " +
        "c = require('imbalanced-tabular/node'); " +
        'console.log(a.NotFittedError === b.NotFittedError && a.SerializationError === c.SerializationError)',
    ]);
    const esm = node([
      '--input-type=module',
      '-e',
      "const a = await import('imbalanced-tabular'), b = await import('imbalanced-tabular/mlp'), " +
        "c = await import('imbalanced-tabular/node'); " +
        'console.log(a.DataValidationError === b.DataValidationError && a.SerializationError === c.SerializationError)',
    ]);
    expect(cjs.trim()).toBe('true');
    expect(esm.trim()).toBe('true');
  });

  it('the core entry never reaches tfjs (only the mlp entry does)', () => {
    for (const file of reachable(join(dist, 'index.js')).concat(reachable(join(dist, 'index.cjs')))) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes('@tensorflow'), `${file} mentions @tensorflow`).toBe(false);
    }
    const out = node([
      '--input-type=module',
      '-e',
      "await import('imbalanced-tabular'); const { createRequire } = await import('node:module'); " +
        'const r = createRequire(import.meta.url); ' +
        "console.log(Object.keys(r.cache).filter(k => k.includes('@tensorflow')).length)",
    ]);
    expect(out.trim()).toBe('0');
  });

  it('type declarations resolve for ESM (.mts) and CJS (.cts) consumers', () => {
    const dir = mkdtempSync(join(root, 'node_modules', '.cache-types-'));
    writeFileSync(
      join(dir, 'esm.mts'),
      [
        "import { Random, DataValidationError, Scaler } from 'imbalanced-tabular';",
        "import type { ClassifierLike, Envelope, SamplerLike, Serializable, Transformer } from 'imbalanced-tabular';",
        "import { transformerChecks } from 'imbalanced-tabular/testing';",
        'const n: number = new Random(1).int(3);',
        "const e: DataValidationError = new DataValidationError('m');",
        'const env: Envelope | undefined = undefined;',
        'const t: Transformer & Serializable = new Scaler();',
        'const s: SamplerLike | undefined = undefined;',
        'const c: ClassifierLike | undefined = undefined;',
        'void n; void e; void env; void t; void s; void c; void transformerChecks;',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'cjs.cts'),
      "import { Random } from 'imbalanced-tabular';\nconst n: number = new Random(1).int(3);\nvoid n;\n",
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['esm.mts', 'cjs.cts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let out = '';
    try {
      out = execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(out).toBe('');
  });

  it('class names survive the bundler (SMOTE is SMOTE, not _SMOTE), in ESM and CJS', () => {
    const script =
      'const names = [m.SMOTE.name, m.ADASYN.name, m.Pipeline.name, m.Encoder.name]; ' +
      "let err = ''; try { new m.SMOTE({ k_neighbors: 3 }); } catch (e) { err = String(e); } " +
      'console.log(JSON.stringify({ names, err, ctor: new m.TomekLinks().constructor.name }))';
    const esm = node(['--input-type=module', '-e', `const m = await import('imbalanced-tabular'); ${script}`]);
    const cjs = node(['-e', `const m = require('imbalanced-tabular'); ${script}`]);
    for (const out of [esm, cjs]) {
      const { names, err, ctor } = JSON.parse(out) as { names: string[]; err: string; ctor: string };
      expect(names).toEqual(['SMOTE', 'ADASYN', 'Pipeline', 'Encoder']);
      expect(ctor).toBe('TomekLinks');
      expect(err).toMatch(/^InvalidParameterError: SMOTE: unknown option "k_neighbors"/);
    }
  });
});
