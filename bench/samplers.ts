/**
 * `npm run bench -- samplers`: SMOTE, ADASYN and SMOTENC (k = 5) on a 6-class data set
 * (make_classification, weights 0.70/0.12/0.10/0.05/0.02/0.01, n = 200,000, d = 32 and 128; SMOTENC
 * gets 4 categorical columns appended), next to imbalanced-learn on the same data in the same run,
 * as shipped and with OPENBLAS_CORETYPE=SkylakeX. Each measurement runs in a fresh process so
 * that peak RSS (`maxRSS`) belongs to that call alone.
 *
 * The other samplers run at d = 32 only, with their defaults unless said: BorderlineSMOTE,
 * KMeansSMOTE (clusterBalanceThreshold 0.01; both sides cluster with their default mini-batch
 * k-means, 8 clusters), SMOTEN (on the 4 categorical columns alone), SMOTEENN, SMOTETomek,
 * ClusterCentroids, InstanceHardnessThreshold (a Gaussian naive Bayes on both sides: scikit-learn's
 * GaussianNB, and the small one below), FunctionSampler (the identity) and makeImbalance (every
 * class but the smallest cut to half).
 *
 * The cleaning and prototype-selection samplers (TomekLinks, ENN, RENN, AllKNN, CNN, OSS, NCR,
 * NearMiss 1–3) run at d = 32 with their defaults (CNN/OSS seed 0).
 *
 * Environment: SAMPLERS_BENCH_ONLY (comma-separated sampler names; default all), SAMPLERS_BENCH_D
 * (default "32,128"), SAMPLERS_BENCH_N (default 200000; 20000 with --quick),
 * SAMPLERS_BENCH_PEER_TIMEOUT (seconds per imbalanced-learn run, default 1800).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './suites.js';
import { GaussianNB } from './gaussianNB.js';
import { runPython } from './util.js';

const here = import.meta.dirname;
const peer = join(here, 'samplers_imblearn.py');
const SAMPLERS = [
  'SMOTE',
  'ADASYN',
  'SMOTENC',
  'BorderlineSMOTE',
  'KMeansSMOTE',
  'SMOTEN',
  'SMOTEENN',
  'SMOTETomek',
  'ClusterCentroids',
  'InstanceHardnessThreshold',
  'FunctionSampler',
  'makeImbalance',
  'TomekLinks',
  'EditedNearestNeighbours',
  'RepeatedEditedNearestNeighbours',
  'AllKNN',
  'CondensedNearestNeighbour',
  'OneSidedSelection',
  'NeighbourhoodCleaningRule',
  'NearMiss-1',
  'NearMiss-2',
  'NearMiss-3',
] as const;
type Name = (typeof SAMPLERS)[number];
/** The samplers measured at every d; the others at d = 32 only. */
const EVERY_D: ReadonlyArray<Name> = ['SMOTE', 'ADASYN', 'SMOTENC'];

interface Run {
  seconds: number;
  peakMiB: number;
  rows: number;
  cols: number;
}

/** One measurement in this process (called in a child). */
async function child(prefix: string, n: number, d: number, name: Name): Promise<Run> {
  const lib = await import('../src/index.js');
  const raw = readFileSync(`${prefix}.X`);
  const all = new Float64Array(raw.buffer, raw.byteOffset, n * (d + 4));
  const yRaw = readFileSync(`${prefix}.y`);
  const y = Array.from(new Int32Array(yRaw.buffer, yRaw.byteOffset, n));
  // SMOTENC: the numeric and the 4 categorical columns; SMOTEN: the categorical ones; else numeric
  const [from, to] = name === 'SMOTENC' ? [0, d + 4] : name === 'SMOTEN' ? [d, d + 4] : [0, d];
  const rows: Float64Array[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = all.subarray(i * (d + 4) + from, i * (d + 4) + to);
  const counts = new Map<number, number>();
  for (const c of y) counts.set(c, (counts.get(c) ?? 0) + 1);
  const smallest = Math.min(...counts.values());
  const halves = new Map([...counts].filter(([, m]) => m > smallest).map(([c, m]) => [c, Math.floor(m / 2)]));
  const make: Record<
    Name,
    () => { fitResample(X: Float64Array[], y: number[]): { X: { rows: number; columns: number } } }
  > = {
    SMOTE: () => new lib.SMOTE({ kNeighbors: 5, seed: 0 }),
    ADASYN: () => new lib.ADASYN({ nNeighbors: 5, seed: 0 }),
    SMOTENC: () => new lib.SMOTENC({ categoricalFeatures: [d, d + 1, d + 2, d + 3], kNeighbors: 5, seed: 0 }),
    BorderlineSMOTE: () => new lib.BorderlineSMOTE({ seed: 0 }),
    KMeansSMOTE: () => new lib.KMeansSMOTE({ clusterBalanceThreshold: 0.01, seed: 0 }),
    SMOTEN: () => new lib.SMOTEN({ seed: 0 }),
    SMOTEENN: () => new lib.SMOTEENN({ seed: 0 }),
    SMOTETomek: () => new lib.SMOTETomek({ seed: 0 }),
    ClusterCentroids: () => new lib.ClusterCentroids({ seed: 0 }),
    InstanceHardnessThreshold: () =>
      new lib.InstanceHardnessThreshold({ estimator: new GaussianNB() as never, seed: 0 }),
    FunctionSampler: () => new lib.FunctionSampler(),
    TomekLinks: () => new lib.TomekLinks(),
    EditedNearestNeighbours: () => new lib.EditedNearestNeighbours(),
    RepeatedEditedNearestNeighbours: () => new lib.RepeatedEditedNearestNeighbours(),
    AllKNN: () => new lib.AllKNN(),
    CondensedNearestNeighbour: () => new lib.CondensedNearestNeighbour({ seed: 0 }),
    OneSidedSelection: () => new lib.OneSidedSelection({ seed: 0 }),
    NeighbourhoodCleaningRule: () => new lib.NeighbourhoodCleaningRule(),
    'NearMiss-1': () => new lib.NearMiss({ version: 1 }),
    'NearMiss-2': () => new lib.NearMiss({ version: 2 }),
    'NearMiss-3': () => new lib.NearMiss({ version: 3 }),
    makeImbalance: () => ({
      fitResample: (X: Float64Array[], yy: number[]) => lib.makeImbalance(X, yy, { samplingStrategy: halves, seed: 0 }),
    }),
  };
  const sampler = make[name]();
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

/** imbalanced-learn on the same files, with a time limit (SAMPLERS_BENCH_PEER_TIMEOUT s, default 1800). */
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
  if (r.status !== 0) {
    const reason = (r.stderr || '').trim().split('\n').slice(-1)[0] || `crashed (${r.signal ?? `exit ${r.status}`})`;
    return `not run: ${reason}`;
  }
  const last = r.stdout.trim().split('\n').slice(-1)[0] ?? '';
  try {
    return JSON.parse(last) as Run;
  } catch {
    return `not run: unparseable output ${last.slice(0, 100)}`;
  }
}

/** The best OpenBLAS kernel this CPU can run: SkylakeX needs AVX-512 (else SIGILL), Haswell AVX2. */
function fastCoretype(): string {
  let flags = '';
  try {
    flags = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    /* not Linux */
  }
  return /\bavx512f\b/.test(flags) ? 'SkylakeX' : 'Haswell';
}

/** Columns of the X a sampler reads (see `child`). */
function inputColumns(name: Name, d: number): number {
  return name === 'SMOTENC' ? d + 4 : name === 'SMOTEN' ? 4 : d;
}

/** Rounds of a sampler's measurements while all three of a round's runs took under {@link REPEAT_BELOW} s. */
const ROUNDS = Number(process.env.SAMPLERS_BENCH_ROUNDS ?? 3);
const REPEAT_BELOW = 2;

/** The run of median time (of an odd count; the faster middle one of an even), or the first failure. */
function medianRun(runs: Array<Run | string>): Run | string {
  const failed = runs.find((r) => typeof r === 'string');
  if (failed !== undefined) return failed;
  const sorted = (runs as Run[]).slice().sort((x, y) => x.seconds - y.seconds);
  return sorted[(sorted.length - 1) >> 1] as Run;
}

const fmt = (r: Run | string): string => (typeof r === 'string' ? r : `${r.seconds.toFixed(1)} s`);
const mem = (r: Run | string): string => (typeof r === 'string' ? '–' : `${r.peakMiB.toFixed(0)} MiB`);
const ratio = (a: Run | string, b: Run | string): string =>
  typeof a === 'string' || typeof b === 'string' ? '–' : (a.seconds / b.seconds).toFixed(2);

export default async function samplers(ctx: BenchContext): Promise<string> {
  const n = Number(process.env.SAMPLERS_BENCH_N ?? (ctx.quick ? 20000 : 200000));
  const dims = (process.env.SAMPLERS_BENCH_D ?? '32,128').split(',').map(Number);
  const only = process.env.SAMPLERS_BENCH_ONLY?.split(',');
  const core = fastCoretype();
  const limit = Number(process.env.SAMPLERS_BENCH_PEER_TIMEOUT ?? 1800);
  const noAvx512 =
    ' (this CPU has no AVX-512, so SkylakeX would die with SIGILL; Haswell is its fastest OpenBLAS kernel, AVX2+FMA)';
  const intro = [
    'SMOTE / ADASYN / SMOTENC with k = 5 on make_classification data (6 classes, weights 0.70, 0.12, 0.10, 0.05,',
    `0.02, 0.01; n = ${n.toLocaleString('en')}; SMOTENC: 4 categorical columns appended), default`,
    "`samplingStrategy: 'auto'`; the other samplers at d = 32 only, with their defaults (KMeansSMOTE:",
    'clusterBalanceThreshold 0.01; SMOTEN: the 4 categorical columns; InstanceHardnessThreshold: a Gaussian naive',
    'Bayes on both sides; FunctionSampler: the identity; makeImbalance: every class but the smallest cut to half;',
    'the cleaning and prototype-selection samplers with their defaults, CNN/OSS seed 0).',
    "imbalanced-learn runs on the same files in the same run (Debian's python3, `OMP_WAIT_POLICY=PASSIVE`), as",
    `shipped and with \`OPENBLAS_CORETYPE=${core}\`${core === 'SkylakeX' ? '' : noAvx512}. Time is wall-clock for`,
    `\`fitResample\` / \`fit_resample\`; imbalanced-learn runs are stopped after ${limit} s`,
    '(`SAMPLERS_BENCH_PEER_TIMEOUT`; a run stopped as shipped is not repeated tuned);',
    "peak = growth of the process's peak RSS during the call (each measurement in",
    `a fresh process; while all three runs of a sampler take under ${REPEAT_BELOW} s, the three are repeated,`,
    `interleaved, up to ${ROUNDS} rounds (\`SAMPLERS_BENCH_ROUNDS\`), and each side's run of median time is`,
    'reported); output = bytes of the resampled float64 matrix; input = bytes of the float64 X the',
    'sampler reads (n × d, SMOTENC n × (d + 4), SMOTEN n × 4), which every sampler copies once at its boundary.',
  ].join(' ');
  const lines: string[] = [
    intro,
    '',
    `| sampler | d | ours | imblearn (shipped) | ratio | imblearn (${core}) | ratio | our peak | imblearn peak | ` +
      'output | our peak / output | our peak / (input + output) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const d of dims) {
    const prefix = join(tmpdir(), `imbalanced-tabular-samplers-${n}-${d}`);
    if (!existsSync(`${prefix}.X`)) {
      const g = runPython(peer, ['gen', prefix, String(n), String(d)]);
      if (!g.ok)
        return (
          `Could not generate the data set with Debian's python3 (${g.reason}); the samplers benchmark needs ` +
          'scikit-learn to build it.'
        );
    }
    for (const name of SAMPLERS) {
      if (d !== 32 && !EVERY_D.includes(name)) continue;
      if (only !== undefined && !only.includes(name)) continue;
      // One round: ours, imbalanced-learn as shipped, tuned. Rounds repeat while every side's run is
      // short (a sub-second first call moves by a third between processes), each side's median kept.
      const runs: [Array<Run | string>, Array<Run | string>, Array<Run | string>] = [[], [], []];
      for (let round = 0; round < ROUNDS; round++) {
        ctx.log(`samplers: ${name} d=${d} (ours)`);
        const a = ours(prefix, n, d, name);
        ctx.log(`  ${JSON.stringify(a)}`);
        ctx.log(`samplers: ${name} d=${d} (imbalanced-learn, shipped)`);
        const b = theirs(prefix, n, d, name, {});
        ctx.log(`  ${JSON.stringify(b)}`);
        ctx.log(`samplers: ${name} d=${d} (imbalanced-learn, ${core})`);
        // A run stopped at the time limit is not repeated with the tuned BLAS: these samplers spend
        // their time in Python loops and neighbour queries, and the stopped run already bounds the ratio.
        const c =
          typeof b === 'string' && b.includes('stopped') ? b : theirs(prefix, n, d, name, { OPENBLAS_CORETYPE: core });
        ctx.log(`  ${JSON.stringify(c)}`);
        runs[0].push(a);
        runs[1].push(b);
        runs[2].push(c);
        if (![a, b, c].every((r) => typeof r !== 'string' && r.seconds < REPEAT_BELOW)) break;
      }
      const [a, b, c] = runs.map(medianRun) as [Run | string, Run | string, Run | string];
      const outMiB = typeof a === 'string' ? undefined : (a.rows * a.cols * 8) / 2 ** 20;
      const out = outMiB === undefined ? '–' : `${outMiB.toFixed(0)} MiB`;
      const perOut = outMiB === undefined || typeof a === 'string' ? '–' : (a.peakMiB / outMiB).toFixed(2);
      const inMiB = (n * inputColumns(name, d) * 8) / 2 ** 20;
      const perInOut = outMiB === undefined || typeof a === 'string' ? '–' : (a.peakMiB / (inMiB + outMiB)).toFixed(2);
      lines.push(
        `| ${name} | ${d} | ${fmt(a)} | ${fmt(b)} | ${ratio(a, b)} | ${fmt(c)} | ${ratio(a, c)} | ${mem(a)} | ` +
          `${mem(b)} | ${out} | ${perOut} | ${perInOut} |`,
      );
    }
  }
  lines.push(
    '',
    'Ratio = our time / imbalanced-learn time (below 1 = faster). Goals: SMOTE ≤ 1.0, ADASYN ≤ 0.5, the ' +
      'other samplers ≤ 0.5; peak ≤ 2× output. For an under-sampler the output is a fraction of the input ' +
      'it must copy and search, so the last column reads its peak against the input and output together.',
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
