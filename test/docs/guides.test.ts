/**
 * Executes every TypeScript code block of the guides (docs/guide/*.md and docs/*.md), so the
 * documentation cannot rot: each block is type-checked against the current API and then run.
 * Conventions for guide authors are in test/docs/README.md.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { extractBlocks, rewriteImports, type CodeBlock } from './extract.js';

const root = resolve(import.meta.dirname, '../..');
const outRoot = join(root, 'test-output', 'docs-blocks');

function markdownFiles(): string[] {
  const list = (dir: string): string[] => {
    try {
      return readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  };
  return [...list('docs/guide'), ...list('docs')];
}

interface Prepared extends CodeBlock {
  /** Absolute path of the generated .ts file. */
  path: string;
}

function prepare(): Prepared[] {
  rmSync(outRoot, { recursive: true, force: true });
  const out: Prepared[] = [];
  for (const file of markdownFiles()) {
    const dir = join(outRoot, file.replace(/\.md$/, '').replace(/[\\/]/g, '__'));
    for (const b of extractBlocks(root, file)) {
      if (b.noRun) continue;
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `block-${String(b.index).padStart(2, '0')}.ts`);
      // `export {}` makes every block a module: its own scope, top-level await allowed.
      writeFileSync(path, `${rewriteImports(b.code, root, file, dir)}\nexport {};\n`);
      out.push({ ...b, path });
    }
  }
  return out;
}

const blocks = prepare();
const byFile = new Map<string, Prepared[]>();
for (const b of blocks) byFile.set(b.file, [...(byFile.get(b.file) ?? []), b]);

function where(b: CodeBlock, lineInBlock?: number): string {
  const line = lineInBlock === undefined ? b.line : b.line + 1 + lineInBlock;
  return `${b.file}:${line} (ts block #${b.index})`;
}

let typeErrorCache: Map<string, string[]> | undefined;

/** Type errors of one Markdown file's blocks, each mapped back to its line (one shared program). */
function typeErrorsOf(file: string): string[] {
  if (typeErrorCache === undefined) {
    typeErrorCache = new Map();
    for (const [f, msg] of typeErrors()) typeErrorCache.set(f, [...(typeErrorCache.get(f) ?? []), msg]);
  }
  return typeErrorCache.get(file) ?? [];
}

/** Type errors in the generated blocks: `[markdown file, message with its line]`. */
function typeErrors(): Array<[string, string]> {
  const cfg = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, root);
  // Unused imports in a short example are fine; everything else is as strict as the library.
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
  const program = ts.createProgram(
    blocks.map((b) => b.path),
    options,
  );
  const byPath = new Map(blocks.map((b) => [resolve(b.path), b]));
  const errors: Array<[string, string]> = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const b = d.file ? byPath.get(resolve(d.file.fileName)) : undefined;
    if (!b || d.file === undefined || d.start === undefined) continue;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    errors.push([b.file, `${where(b, line)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`]);
  }
  return errors;
}

describe('guides', () => {
  it('the getting-started guide exists and has runnable blocks', () => {
    expect(byFile.get('docs/guide/getting-started.md')?.length ?? 0).toBeGreaterThan(0);
  });
});

for (const [file, list] of byFile) {
  describe(file, () => {
    // The first call type-checks every guide's blocks in one program (~10-30 s); later ones reuse it.
    it('its ts blocks type-check against the current API', () => {
      expect(typeErrorsOf(file)).toEqual([]);
    }, 180_000);
    for (const b of list) {
      it(`ts block #${b.index} (line ${b.line}) runs`, async () => {
        try {
          await import(/* @vite-ignore */ pathToFileURL(b.path).href);
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          err.message = `${where(b)} failed: ${err.message}`;
          throw err;
        }
      });
    }
  });
}
