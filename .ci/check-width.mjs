// Checks that no line of the tracked TypeScript / .mjs sources is longer than 120 characters.
// Prints "file:line: N characters" for each long line and exits 1 when there is one. A line may be
// exempted only by a trailing `// width-ok: <reason>` comment, kept for unbreakable content (a URL).
// Plain Node, no dependencies: `node .ci/check-width.mjs`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 120;
const DIRS = ['src/', 'test/', 'examples/', 'bench/', '.ci/'];
const EXEMPT = /\/\/ width-ok: \S.*$/;

const files = execFileSync('git', ['ls-files', '-z', '--', ...DIRS], { encoding: 'utf8' })
  .split('\0')
  .filter((f) => f.endsWith('.ts') || f.endsWith('.mjs'));

let long = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // tracked but deleted in the work tree
  }
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    // Characters, not UTF-16 code units: '—' and '≥' count as one, as an editor shows them.
    const n = [...lines[i]].length;
    if (n <= MAX || EXEMPT.test(lines[i])) continue;
    console.log(`${file}:${i + 1}: ${n} characters`);
    long++;
  }
}
if (long > 0) {
  console.log(`${long} line${long === 1 ? '' : 's'} longer than ${MAX} characters.`);
  process.exit(1);
}
