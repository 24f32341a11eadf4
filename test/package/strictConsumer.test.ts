/**
 * A strict user project (`strict`, `module`/`moduleResolution` `nodenext`, no `skipLibCheck`)
 * importing every entry of the BUILT package type-checks with zero errors: under our TypeScript
 * (5.9) and under the TypeScript that `npm install -D typescript` installs today (7.x, the
 * devDependency alias `typescript-7`). `npm test` builds first (pretest), so dist/ is current.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const compilers: Array<[string, string]> = [
  ['5.9 (ours)', join(root, 'node_modules', 'typescript', 'bin', 'tsc')],
  ['7.x (typescript-7)', join(root, 'node_modules', 'typescript-7', 'bin', 'tsc')],
];

const main = `
import { Encoder, Pipeline, SMOTE, Scaler, TomekLinks, accuracyScore, type Label } from 'imbalanced-tabular';
import { MLPClassifier, type LayersModel } from 'imbalanced-tabular/mlp';
import { saveJSON } from 'imbalanced-tabular/node';
import { samplerChecks } from 'imbalanced-tabular/testing';

interface Crime { area: string; age: number | null }
const rows: Crime[] = [{ area: 'Central', age: 31 }, { area: 'Newton', age: null }];
const X = new Encoder().fitTransform(rows);
const y: number[] = [0, 1];
async function run(): Promise<number[]> {
  const pipe = new Pipeline([['scale', new Scaler()], ['smote', new SMOTE({ samplingStrategy: { '1': 2 } })],
    ['clf', new MLPClassifier({ hiddenLayers: [4] })]]);
  const fitted = await pipe.fit(X, y);
  return fitted.predict(X);
}
const model: (() => LayersModel) | undefined = undefined;
const labels: Label[] = [];
void run; void model; void labels; void saveJSON; void samplerChecks; void TomekLinks; void accuracyScore;
`;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imbalanced-tabular-strict-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'imbalanced-tabular'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'strict-user', type: 'module' }));
  writeFileSync(join(dir, 'main.ts'), main);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['main.ts'],
    }),
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a strict nodenext user project, no skipLibCheck', () => {
  for (const [name, tsc] of compilers) {
    const present = existsSync(tsc);
    // CI installs every devDependency: there a missing compiler is a failure, not a skip.
    it.skipIf(!present && process.env.CI !== 'true')(
      `type-checks every entry with zero errors under TypeScript ${name}${present ? '' : ' (not installed: skipped)'}`,
      () => {
        expect(existsSync(tsc), `${tsc} is missing (npm ci installs it)`).toBe(true);
        let out = '';
        try {
          out = execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8' });
        } catch (e) {
          out = String((e as { stdout?: string }).stdout ?? e);
        }
        expect(out).toBe('');
      },
      120_000,
    );
  }
});
