/**
 * `npm run bench -- samplers`: SMOTE, ADASYN and SMOTENC (k = 5) on a 6-class data set
 * (make_classification, weights 0.70/0.12/0.10/0.05/0.02/0.01, n = 200,000, d = 32 and 128; SMOTENC
 * gets 4 categorical columns appended), next to imbalanced-learn on the same data in the same run,
 * as shipped and with OPENBLAS_CORETYPE=SkylakeX. Each measurement runs in a fresh process so
 * that peak RSS (`maxRSS`) belongs to that call alone.
 *
 * Environment: SAMPLERS_BENCH_D (default "32,128"), SAMPLERS_BENCH_N (default 200000; 20000 with --quick),
 * SAMPLERS_BENCH_PEER_TIMEOUT (seconds per imbalanced-learn run, default 1800).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './suites.js';
import { runPython } from './util.js';

const here = import.meta.dirname;
const peer = join(here, 'samplers_imblearn.py');
const SAMPLERS = ['SMOTE', 'ADASYN', 'SMOTENC'] as const;
type Name = (typeof SAMPLERS)[number];

interface Run {
  seconds: number;
  peakMiB: number;
  rows: number;
  cols: number;
}

/** One measurement in this process (called in a child). */
async function child(prefix: string, n: number, d: number, name: Name): Promise<Run> {
  const { SMOTE, ADASYN, SMOTENC } = await import('../src/index.js');
  const raw = readFileSync(`${prefix}.X`);
  const all = new Float64Array(raw.buffer, raw.byteOffset, n * (d + 4));
  const yRaw = readFileSync(`${prefix}.y`);
  const y = Array.from(new Int32Array(yRaw.buffer, yRaw.byteOffset, n));
  const width = name === 'SMOTENC' ? d + 4 : d;
  const rows: Float64Array[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = all.subarray(i * (d + 4), i * (d + 4) + width);
  const sampler =
    name === 'SMOTE'
      ? new SMOTE({ kNeighbors: 5, seed: 0 })
      : name === 'ADASYN'
        ? new ADASYN({ nNeighbors: 5, seed: 0 })
        : new SMOTENC({ categoricalFeatures: [d, d + 1, d + 2, d + 3], kNeighbors: 5, seed: 0 });
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  const t0 = performance.now();
  const out = sampler.fitResample(rows, y);
  const seconds = (performance.now() - t0) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  return { seconds, peakMiB: Math.max(0, peak - base) / 2 ** 20, rows: out.X.rows, cols: out.X.columns };
}

function ours(prefix: string, n: number, d: number, name: Name): Run | string {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), 'child', prefix, String(n), String(d), name],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  const last = r.stdout.trim().split('\n').slice(-1)[0] ?? '';
  try {
    return JSON.parse(last) as Run;
  } catch {
    return `failed: ${(r.stderr || last).trim().split('\n').slice(-1)[0]}`;
  }
}

/** imbalanced-learn on the same files, with a time limit (SAMPLERS_BENCH_PEER_TIMEOUT seconds, default 1800). */
function theirs(prefix: string, n: number, d: number, name: Name, env: Record<string, string>): Run | string {
  const limit = Number(process.env.SAMPLERS_BENCH_PEER_TIMEOUT ?? 1800);
  const r = spawnSync('/usr/bin/python3', [peer, 'run', prefix, String(n), String(d), name], {
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    timeout: limit * 1000,
    killSignal: 'SIGKILL',
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return `> ${limit} s (stopped)`;
  if (r.error) return `not run: ${r.error.message}`;
  if (r.status !== 0)
    return `not run: ${(r.stderr || '').trim().split('\n').slice(-1)[0] || `crashed (${r.signal ?? `exit ${r.status}`})`}`;
  const last = r.stdout.trim().split('\n').slice(-1)[0] ?? '';
  try {
    return JSON.parse(last) as Run;
  } catch {
    return `not run: unparseable output ${last.slice(0, 100)}`;
  }
}

/** The best OpenBLAS kernel this CPU can run: SkylakeX needs AVX-512 (else SIGILL), Haswell needs AVX2. */
function fastCoretype(): string {
  let flags = '';
  try {
    flags = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    /* not Linux */
  }
  return /\bavx512f\b/.test(flags) ? 'SkylakeX' : 'Haswell';
}

const fmt = (r: Run | string): string => (typeof r === 'string' ? r : `${r.seconds.toFixed(1)} s`);
const mem = (r: Run | string): string => (typeof r === 'string' ? '–' : `${r.peakMiB.toFixed(0)} MiB`);
const ratio = (a: Run | string, b: Run | string): string =>
  typeof a === 'string' || typeof b === 'string' ? '–' : (a.seconds / b.seconds).toFixed(2);

export default async function samplers(ctx: BenchContext): Promise<string> {
  const n = Number(process.env.SAMPLERS_BENCH_N ?? (ctx.quick ? 20000 : 200000));
  const dims = (process.env.SAMPLERS_BENCH_D ?? '32,128').split(',').map(Number);
  const core = fastCoretype();
  const lines: string[] = [
    `SMOTE / ADASYN / SMOTENC with k = 5 on make_classification data (6 classes, weights 0.70, 0.12, 0.10, 0.05, 0.02, 0.01; n = ${n.toLocaleString('en')}; SMOTENC: 4 categorical columns appended), default \`samplingStrategy: 'auto'\`. imbalanced-learn runs on the same files in the same run (Debian's python3, \`OMP_WAIT_POLICY=PASSIVE\`), as shipped and with \`OPENBLAS_CORETYPE=${core}\`${core === 'SkylakeX' ? '' : ' (this CPU has no AVX-512, so SkylakeX would die with SIGILL; Haswell is its fastest OpenBLAS kernel, AVX2+FMA)'}. Time is wall-clock for \`fitResample\` / \`fit_resample\`; imbalanced-learn runs are stopped after ${Number(process.env.SAMPLERS_BENCH_PEER_TIMEOUT ?? 1800)} s (\`SAMPLERS_BENCH_PEER_TIMEOUT\`); peak = growth of the process's peak RSS during the call (each measurement in a fresh process); output = bytes of the resampled float64 matrix.`,
    '',
    `| sampler | d | ours | imblearn (shipped) | ratio | imblearn (${core}) | ratio | our peak | imblearn peak | output | our peak / output |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const d of dims) {
    const prefix = join(tmpdir(), `imbalanced-tabular-samplers-${n}-${d}`);
    if (!existsSync(`${prefix}.X`)) {
      const g = runPython(peer, ['gen', prefix, String(n), String(d)]);
      if (!g.ok)
        return `Could not generate the data set with Debian's python3 (${g.reason}); the samplers benchmark needs scikit-learn to build it.`;
    }
    for (const name of SAMPLERS) {
      ctx.log(`samplers: ${name} d=${d} (ours)`);
      const a = ours(prefix, n, d, name);
      ctx.log(`  ${JSON.stringify(a)}`);
      ctx.log(`samplers: ${name} d=${d} (imbalanced-learn, shipped)`);
      const b = theirs(prefix, n, d, name, {});
      ctx.log(`  ${JSON.stringify(b)}`);
      ctx.log(`samplers: ${name} d=${d} (imbalanced-learn, ${core})`);
      const c = theirs(prefix, n, d, name, { OPENBLAS_CORETYPE: core });
      ctx.log(`  ${JSON.stringify(c)}`);
      const outMiB = typeof a === 'string' ? undefined : (a.rows * a.cols * 8) / 2 ** 20;
      lines.push(
        `| ${name} | ${d} | ${fmt(a)} | ${fmt(b)} | ${ratio(a, b)} | ${fmt(c)} | ${ratio(a, c)} | ${mem(a)} | ${mem(b)} | ${outMiB === undefined ? '–' : `${outMiB.toFixed(0)} MiB`} | ${outMiB === undefined || typeof a === 'string' ? '–' : (a.peakMiB / outMiB).toFixed(2)} |`,
      );
    }
  }
  lines.push(
    '',
    'Ratio = our time / imbalanced-learn time (below 1 = faster). Goals: SMOTE ≤ 1.0, ADASYN ≤ 0.5, peak ≤ 2× output.',
  );
  return lines.join('\n');
}

if (process.argv[2] === 'child') {
  const [, , , prefix, n, d, name] = process.argv;
  child(prefix as string, Number(n), Number(d), name as Name).then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : String(e));
      process.exit(1);
    },
  );
}
