/**
 * `npm run bench [-- <suite> ...]` — runs the benchmark suites and rewrites their sections of
 * docs/benchmarks.md (each suite owns the text between `<!-- bench:NAME -->` and
 * `<!-- /bench:NAME -->`). With no suite named, every suite runs.
 *
 * A suite is a module under bench/ whose default export is `(ctx) => Promise<string>` returning
 * Markdown. Suites may spawn Debian's /usr/bin/python3 for peers; when a peer is missing they say
 * so in their table instead of failing.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { suites, type BenchContext } from './suites.js';

const root = join(import.meta.dirname, '..');
const docPath = join(root, 'docs', 'benchmarks.md');

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let blas = '';
  try {
    blas = execSync('/usr/bin/python3 -c "import numpy; print(numpy.__version__)"', {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    blas = 'not installed';
  }
  const ram = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpus().length} × ${cpu}, ${ram} GiB RAM, Node ${process.version}, Debian numpy ${blas}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const quick = process.argv.includes('--quick');
  const names = args.length > 0 ? args : Object.keys(suites);
  for (const n of names) {
    if (!(n in suites)) {
      console.error(`unknown suite "${n}"; known: ${Object.keys(suites).join(', ')}`);
      process.exit(2);
    }
  }
  const ctx: BenchContext = {
    quick,
    machine: machine(),
    date: new Date().toISOString().slice(0, 10),
    log: (m) => console.log(m),
  };
  const readDoc = (): string =>
    existsSync(docPath)
      ? readFileSync(docPath, 'utf8')
      : '# Benchmarks\n\nEvery table below is written by `npm run bench` (or `npm run bench -- <suite>`); ' +
        'peers are measured in the same run on the same machine.\n';
  for (const n of names) {
    console.log(`\n## ${n}`);
    const t0 = performance.now();
    const load0 = (loadavg()[0] as number).toFixed(2);
    const load = suites[n as keyof typeof suites];
    const mod = await load();
    const md = await mod.default(ctx);
    const seconds = ((performance.now() - t0) / 1000).toFixed(0);
    const section =
      `<!-- bench:${n} -->\n${md.trim()}\n\n` +
      `_Run ${ctx.date} on ${ctx.machine}; command: \`npm run bench -- ${n}\` (${seconds} s); 1-minute load ` +
      `average ${load0} at the start, ${(loadavg()[0] as number).toFixed(2)} at the end._\n<!-- /bench:${n} -->`;
    const re = new RegExp(`<!-- bench:${n} -->[\\s\\S]*?<!-- /bench:${n} -->`);
    // Re-read just before writing: suites run for minutes and other runs may have rewritten
    // their own sections meanwhile.
    let doc = readDoc();
    doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`;
    writeFileSync(docPath, doc);
    console.log(md);
  }
}

void main();
