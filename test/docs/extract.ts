/**
 * Extracts the runnable TypeScript blocks from the Markdown guides and rewrites their package
 * imports to the source files. Used by `guides.test.ts`; see README.md in this folder for the
 * conventions a guide author follows.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

/** One fenced code block found in a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root (e.g. `docs/guide/getting-started.md`). */
  file: string;
  /** 1-based position among the file's ```ts blocks (counting no-run blocks too). */
  index: number;
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string after the fence, e.g. `ts no-run`. */
  info: string;
  /** Whether the block is marked `no-run`. */
  noRun: boolean;
  /** The code between the fences. */
  code: string;
}

const TS_LANGS = new Set(['ts', 'typescript', 'mts']);

/** Every ```ts / ```typescript block of a Markdown file, in order. */
export function extractBlocks(root: string, file: string): CodeBlock[] {
  const text = readFileSync(resolve(root, file), 'utf8');
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let index = 0;
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!;
    const fence = open[2]!;
    const info = open[3]!.trim();
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (
        l.trim().startsWith(fence) &&
        l
          .trim()
          .replace(new RegExp(`^${fence[0]}+`), '')
          .trim() === ''
      )
        break;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l);
    }
    const words = info.split(/[\s{},]+/).filter((w) => w.length > 0);
    const lang = (words[0] ?? '').toLowerCase();
    if (TS_LANGS.has(lang)) {
      index++;
      blocks.push({ file, index, line: i + 1, info, noRun: words.includes('no-run'), code: body.join('\n') });
    }
    i = j;
  }
  return blocks;
}

/** Package entry points and the source files they map to. */
export const ENTRY_SOURCES: Record<string, string> = {
  'imbalanced-tabular': 'src/index.ts',
  'imbalanced-tabular/mlp': 'src/mlp.ts',
  'imbalanced-tabular/testing': 'src/testing/index.ts',
  'imbalanced-tabular/node': 'src/node.ts',
};

function toImportPath(fromDir: string, target: string): string {
  let rel = relative(fromDir, target).split(sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  // Bundler resolution (tsc and Vite) maps `.js` to the `.ts` source.
  return rel.replace(/\.ts$/, '.js');
}

/**
 * Rewrites `from 'imbalanced-tabular…'` (and `import('…')`) to the source files, and relative
 * imports to paths relative to where the block will be written, so the block runs as if it sat
 * next to its Markdown file inside an installed project.
 */
export function rewriteImports(code: string, root: string, mdFile: string, outDir: string): string {
  const mdDir = dirname(resolve(root, mdFile));
  return code.replace(
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g,
    (whole, lead: string, quote: string, spec: string) => {
      const entry = ENTRY_SOURCES[spec];
      if (entry !== undefined) return `${lead}${quote}${toImportPath(outDir, resolve(root, entry))}${quote}`;
      if (spec.startsWith('./') || spec.startsWith('../')) {
        return `${lead}${quote}${toImportPath(outDir, resolve(mdDir, spec))}${quote}`;
      }
      return whole;
    },
  );
}
