/**
 * Benchmark suite `encoder`: Encoder fit+transform on 1,000,000 rows × 10 columns (7 categorical
 * with 10–300 categories, Zipf-like frequencies and 1% missing; 3 numeric with 1% missing), then
 * Scaler('standard') on the encoded matrix — from row objects (dense float64 output) and from the
 * same table as a ColumnarTable (compact output; the Scaler lazy, or dense float32) — next to
 * scikit-learn's OneHotEncoder / OrdinalEncoder / StandardScaler on a table made by the same recipe
 * (bench/encoder_sklearn.py), in the same run.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { ColumnarTable, TableColumn } from '../src/core/index.js';
import { Encoder, Scaler, type EncoderOptions } from '../src/preprocessing/index.js';
import { Random } from '../src/core/Random.js';
import type { BenchContext } from './suites.js';
import { measure, runPython } from './util.js';

const CARDINALITIES = [10, 25, 50, 100, 200, 300, 12];
const N_NUMERIC = 3;
const SCALES = [1, 10, 100];

type Row = Record<string, string | number | null>;

/** A table in both forms: row objects, and the same data as a ColumnarTable (codes, Float64Array). */
interface BenchTable {
  rows: Row[];
  columnar: ColumnarTable;
  categorical: string[];
  numeric: string[];
}

/** The same recipe as make_table in encoder_sklearn.py (same distributions; a different PRNG). */
export function makeTable(n: number, seed = 42): BenchTable {
  const rng = new Random(seed);
  const categorical = CARDINALITIES.map((_, j) => `cat${j}`);
  const numeric = Array.from({ length: N_NUMERIC }, (_, j) => `num${j}`);
  const pools = CARDINALITIES.map((k, j) => {
    const names: Array<string | null> = Array.from({ length: k }, (_, i) => `c${j}_${i}`);
    names.push(null);
    let h = 0;
    for (let i = 1; i <= k; i++) h += 1 / i;
    const cum = new Float64Array(k + 1);
    let acc = 0;
    for (let i = 0; i < k; i++) {
      acc += (1 / (i + 1) / h) * 0.99;
      cum[i] = acc;
    }
    cum[k] = 1;
    return { names, cum };
  });
  const rows: Row[] = new Array(n);
  const codes = CARDINALITIES.map(() => new Int16Array(n));
  const values = SCALES.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const row: Row = {};
    for (let j = 0; j < pools.length; j++) {
      const { names, cum } = pools[j]!;
      const u = rng.float();
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      row[categorical[j]!] = names[lo]!;
      codes[j]![r] = names[lo] === null ? -1 : lo;
    }
    for (let j = 0; j < N_NUMERIC; j++) {
      const x = rng.float() < 0.01 ? null : rng.normal() * SCALES[j]!;
      row[numeric[j]!] = x;
      values[j]![r] = x ?? Number.NaN;
    }
    rows[r] = row;
  }
  const columns = new Map<string, TableColumn>();
  pools.forEach(({ names }, j) => {
    const categories = names.filter((v): v is string => v !== null);
    columns.set(categorical[j]!, { kind: 'categorical', codes: codes[j]!, categories });
  });
  values.forEach((v, j) => columns.set(numeric[j]!, { kind: 'numeric', values: v }));
  return { rows, columnar: { nRows: n, columns }, categorical, numeric };
}

interface Phase {
  seconds: number;
  cpuSeconds: number;
  peakMiB: number;
}

/** Wall time plus peak RSS growth: the larger of util.measure's sampled growth and the process maxRSS growth. */
async function timed<T>(fn: () => T): Promise<{ result: T } & Phase> {
  if (globalThis.gc) globalThis.gc();
  const before = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  const cpu0 = process.cpuUsage();
  const m = await measure(fn);
  const cpu = process.cpuUsage(cpu0);
  const maxAfter = process.resourceUsage().maxRSS * 1024;
  const peak = maxAfter > maxBefore ? Math.max(m.peakMiB, (maxAfter - before) / 2 ** 20) : m.peakMiB;
  return { result: m.result, seconds: m.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMiB: peak };
}

export const CONFIGS: Array<{
  id: string;
  label: string;
  options: (c: string[], n: string[]) => EncoderOptions;
  pyRows?: (n: number) => number;
}> = [
  {
    id: 'onehot-grouped',
    label: `one-hot, minFrequency 0.001, maxCategories 32, handleUnknown 'infrequent'`,
    options: (categorical, numeric) => ({
      categorical,
      numeric,
      handleUnknown: 'infrequent',
      minFrequency: 0.001,
      maxCategories: 32,
    }),
  },
  {
    id: 'ordinal',
    label: 'ordinal codes',
    options: (categorical, numeric) => ({ categorical, numeric, encoding: 'ordinal', handleUnknown: 'ignore' }),
  },
];

function fmt(x: number, d = 2): string {
  return Number.isFinite(x) ? x.toFixed(d) : '–';
}

/** One measured step of ours, compared with scikit-learn's step of the same name. */
interface OurStep {
  input: string;
  output: string;
  step: 'encode' | 'scale';
  label: string;
  phase: Phase;
}

/** Our steps for one configuration: from row objects (dense float64) and from the ColumnarTable. */
export async function ourSteps(cfg: (typeof CONFIGS)[number], table: BenchTable): Promise<OurStep[]> {
  const options = cfg.options(table.categorical, table.numeric);
  const out: OurStep[] = [];
  const shape = (m: { rows: number; columns: number }, form: string) => `${m.rows} × ${m.columns} ${form}`;
  const enc = await timed(() => new Encoder(options).fitTransform(table.rows));
  const X = enc.result;
  const dense = shape(X, 'Matrix (float64)');
  out.push({ input: 'row objects', output: dense, step: 'encode', label: 'encode (fit + transform)', phase: enc });
  const sc = await timed(() => new Scaler({ method: 'standard' }).fitTransform(X));
  out.push({ input: 'row objects', output: dense, step: 'scale', label: 'Scaler standard', phase: sc });
  const inPlace = await timed(() => new Scaler({ method: 'standard', copy: false }).fitTransform(X));
  out.push({
    input: 'row objects',
    output: dense,
    step: 'scale',
    label: 'Scaler standard, copy: false',
    phase: inPlace,
  });
  if (globalThis.gc) globalThis.gc();
  const cenc = await timed(() => new Encoder({ ...options, output: 'compact' }).fitTransform(table.columnar));
  const C = cenc.result;
  const compact = shape(C, 'EncodedMatrix');
  const input = 'ColumnarTable';
  out.push({ input, output: compact, step: 'encode', label: 'encode (fit + transform)', phase: cenc });
  const lazy = await timed(() => new Scaler({ method: 'standard' }).fitTransform(C));
  out.push({ input, output: compact, step: 'scale', label: 'Scaler standard (lazy view)', phase: lazy });
  if (C.columns <= 32) {
    const f32 = await timed(() => new Scaler({ method: 'standard', dtype: 'float32' }).fitTransform(C));
    const label = "Scaler standard, dtype: 'float32' (dense)";
    out.push({ input, output: shape(C, '→ Float32Matrix'), step: 'scale', label, phase: f32 });
  }
  return out;
}

export default async function encoderSuite(ctx: BenchContext): Promise<string> {
  const n = ctx.quick ? 100_000 : 1_000_000;
  const loadStart = loadavg()[0] as number;
  const script = join(import.meta.dirname, 'encoder_sklearn.py');
  const lines: string[] = [];
  lines.push(`### Encoder and Scaler — ${n.toLocaleString('en-US')} rows × 10 columns`);
  lines.push('');
  lines.push(
    'Table: 7 categorical columns with 10, 25, 50, 100, 200, 300 and 12 categories (Zipf-like 1/(k+1) ' +
      'frequencies, 1% missing) and 3 normal numeric columns (1% missing), generated inside each benchmark by ' +
      'the same recipe. ' +
      'Ours, from row objects: `Encoder.fitTransform` on an array of row objects, then ' +
      '`new Scaler({ method: "standard" }).fitTransform` on the result (and the same with `copy: false`, in ' +
      'place). Ours, from a ColumnarTable (the same data: Int16Array codes per categorical column, ' +
      'Float64Array numeric columns): `Encoder` with `output: "compact"`, then the Scaler on the EncodedMatrix ' +
      '(a lazy view: statistics from category counts, no copy), and for narrow outputs with ' +
      '`dtype: "float32"` (a dense Float32Matrix). ' +
      'scikit-learn: `OneHotEncoder(sparse_output=False)` / `OrdinalEncoder` `.fit_transform` on an object ' +
      'ndarray, `np.hstack` with the numeric columns, then `StandardScaler().fit_transform`. ' +
      'Peak = growth of resident memory over the step (largest of sampled RSS and the process peak RSS), so ' +
      'the output is included. ' +
      'CPU = user + system CPU time of the process over the step (less sensitive than wall time to other ' +
      'load on the machine); the ratio column compares CPU times with scikit-learn’s step.',
  );
  lines.push('');
  lines.push(
    '| configuration | input | output | step | ours wall (s) | ours CPU (s) | ours peak (MiB) | ' +
      'sklearn wall (s) | sklearn CPU (s) | sklearn peak (MiB) | sklearn SkylakeX wall / CPU (s) | ' +
      'CPU ratio ours/sklearn |',
  );
  lines.push('|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  ctx.log(`generating ${n} rows`);
  const table = makeTable(n);
  for (const cfg of CONFIGS) {
    ctx.log(`ours: ${cfg.id}`);
    const ours = await ourSteps(cfg, table);
    if (globalThis.gc) globalThis.gc();
    ctx.log(`sklearn: ${cfg.id}`);
    const py = runPython(script, [String(n), cfg.id]);
    const pySky = runPython(script, [String(n), cfg.id], { OPENBLAS_CORETYPE: 'SkylakeX' });
    const get = (r: typeof py, step: 'encode' | 'scale'): Phase | undefined =>
      r.ok ? ((r.data as Record<string, Phase>)[step] as Phase) : undefined;
    const shape = py.ok ? (py.data as { shape: number[] }).shape : undefined;
    for (const o of ours) {
      const p = get(py, o.step);
      const ps = get(pySky, o.step);
      const sk = shape ? ` (sklearn ${shape[0]} × ${shape[1]})` : '';
      const cells = [
        cfg.label,
        o.input,
        `${o.output}${sk}`,
        o.label,
        fmt(o.phase.seconds),
        fmt(o.phase.cpuSeconds),
        fmt(o.phase.peakMiB, 0),
        p ? fmt(p.seconds) : 'n/a',
        p ? fmt(p.cpuSeconds) : 'n/a',
        p ? fmt(p.peakMiB, 0) : 'n/a',
        ps ? `${fmt(ps.seconds)} / ${fmt(ps.cpuSeconds)}` : 'n/a',
        p ? fmt(o.phase.cpuSeconds / p.cpuSeconds) : 'n/a',
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    if (!py.ok) lines.push(`\n_scikit-learn peer unavailable: ${py.reason}_\n`);
    if (globalThis.gc) globalThis.gc();
  }
  lines.push('');
  lines.push(
    `1-minute load average at the start / end of the suite: ${fmt(loadStart, 1)} / ` +
      `${fmt(loadavg()[0] as number, 1)} on this machine (${ctx.machine.split(',')[0]}); when it exceeds the ` +
      'core count, wall times are inflated — compare the CPU columns.',
  );
  lines.push('');
  lines.push(
    'scikit-learn versions: ' +
      (() => {
        const r = runPython(script, ['1000', 'ordinal']);
        return r.ok
          ? `scikit-learn ${(r.data as { sklearn: string }).sklearn}, numpy ${(r.data as { numpy: string }).numpy}`
          : 'unavailable';
      })() +
      '. Python peers run with `OMP_WAIT_POLICY=PASSIVE`; the "SkylakeX" column adds ' +
      '`OPENBLAS_CORETYPE=SkylakeX` (encoding and scaling use little BLAS, so the two should agree).',
  );
  return lines.join('\n');
}
