/**
 * The layering the README's "Architecture" section describes, checked on the sources: which part
 * of src/ may import which, tfjs only in src/model (behind the mlp entry), the file-naming rule,
 * and the size of a file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

/** The parts of src/ and the parts each may import (besides itself). Keep in step with README.md. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  preprocessing: ['core'],
  sampling: ['core'],
  metrics: ['core'],
  model: ['core'],
  pipeline: ['core', 'metrics'],
  testing: ['core'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const sources = files(src).map((p) => ({ path: relative(src, p), text: readFileSync(p, 'utf8') }));
const partOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : '(entry)');
const imports = (text: string) => [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('architecture', () => {
  it('every file belongs to a known part (or is an entry point at the top of src/)', () => {
    for (const { path } of sources) {
      const part = partOf(path);
      expect(part === '(entry)' || part in ALLOWED, `${path}: unknown part '${part}'`).toBe(true);
    }
  });

  it('each part imports only the parts below it', () => {
    const bad: string[] = [];
    for (const { path, text } of sources) {
      const part = partOf(path);
      if (part === '(entry)') continue;
      for (const spec of imports(text)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(src, join(src, path, '..', spec));
        const to = partOf(target);
        if (to !== part && !ALLOWED[part]!.includes(to)) bad.push(`${path} imports ${spec} (${part} → ${to})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only src/model and the mlp entry import tfjs', () => {
    const tf = sources.filter(({ text }) => imports(text).some((s) => s.startsWith('@tensorflow/')));
    for (const { path } of tf) expect(path === 'mlp.ts' || path.startsWith('model/'), path).toBe(true);
  });

  it('file names: PascalCase exactly for a file named after its class, camelCase otherwise, no _ prefix', () => {
    for (const { path, text } of sources) {
      const name = basename(path, '.ts');
      expect(name.startsWith('_'), `${path}: no _ prefix (internal modules are simply not re-exported)`).toBe(false);
      expect(/^[A-Za-z][A-Za-z0-9]*$/.test(name), `${path}: letters and digits only`).toBe(true);
      const classes = [...text.matchAll(/^export (?:abstract )?class (\w+)/gm)].map((m) => m[1]);
      if (/^[A-Z]/.test(name)) expect(classes, `${path}: a PascalCase file exports its class`).toContain(name);
      else if (classes.length === 1 && !/^export (?!(?:abstract )?class )/m.test(text))
        expect.fail(`${path} exports only the class ${classes[0]}: name the file ${classes[0]}.ts`);
    }
  });

  it('no source file above 500 lines', () => {
    const long = sources.map(({ path, text }) => [path, text.split('\n').length] as const).filter(([, n]) => n > 500);
    expect(long).toEqual([]);
  });
});
