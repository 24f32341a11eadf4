/**
 * The pre-step of `npm run lapd` and `npm run browser`: builds dist/ (`npm run build`) when it is
 * missing or older than what it is built from, then gets out of the way.
 *
 * Why: the examples are user code — they import `imbalanced-tabular`, `imbalanced-tabular/mlp`,
 * never `../src` — and Node, tsx and Vite resolve that name, inside this repository, through
 * package.json "exports" (a package's self-reference), which point at dist/. A fresh clone has no
 * dist/, and after an edit of src/ the old dist/ is stale; both are rebuilt here, so
 * `npm ci && npm run lapd` just works and never runs yesterday's build. When dist/ is up to date
 * this costs a directory walk (milliseconds) instead of a full tsup build (~6 s on 2 idle cores).
 * A project that installs the package from npm needs none of this.
 *
 * "Older" compares modification times: the oldest file that package.json "exports" names against
 * the newest of src/**, package.json, tsup.config.ts and tsconfig.json. A checkout or an edit makes
 * sources newer, so the rule errs towards rebuilding.
 *
 *   npx tsx examples/ensure-built.ts
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Every file path an `exports` map names (conditions nested to any depth). */
export function exportedFiles(exports: unknown): string[] {
  if (typeof exports === 'string') return exports.startsWith('./dist/') ? [exports] : [];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportedFiles);
}

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export function staleReason(projectRoot: string): string | null {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { exports: unknown };
  const outputs = [...new Set(exportedFiles(pkg.exports))].map((f) => join(projectRoot, f));
  if (!existsSync(join(projectRoot, 'dist'))) return 'dist/ does not exist';
  const missing = outputs.find((f) => !existsSync(f));
  if (missing !== undefined) return `${missing.slice(projectRoot.length + 1)} is missing`;
  const oldestOutput = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const inputs = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'].map((f) => join(projectRoot, f));
  const newestInput = Math.max(...inputs.filter((f) => existsSync(f)).map(newestMtime));
  return newestInput > oldestOutput ? 'src/ or the build configuration changed since the last build' : null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reason = staleReason(root);
  if (reason !== null) {
    process.stderr.write(`Building dist/ first (${reason}): npm run build\n`);
    const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(`${r.stdout}${r.stderr}\nnpm run build failed (exit code ${r.status}).\n`);
      process.exit(1);
    }
  }
}
