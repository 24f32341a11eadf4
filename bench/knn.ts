/**
 * Benchmark suite `knn`: the exact k-NN engine (KNeighbors) on the two workloads behind the
 * samplers — SMOTE-shaped (each minority class against itself) and ADASYN-shaped (each minority
 * class against all rows) — on make_classification data (6 classes, weights 0.70, 0.12, 0.10,
 * 0.05, 0.02, 0.01; n = 200,000; d = 32 and 128; k = 5), next to scikit-learn's NearestNeighbors on
 * the same files in the same run (bench/knn_sklearn.py), as shipped and with a faster OpenBLAS
 * core type. `--quick`: n = 20,000 (and the float64 JS kernel is timed too).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { KNeighbors, type KNeighborsParams } from '../src/sampling/neighbors/index.js';
import type { BenchContext } from './suites.js';
import { measure, runPython } from './util.js';

const script = join(import.meta.dirname, 'knn_sklearn.py');

type Workload = 'smote' | 'adasyn';

interface Data {
  X: Float64Array;
  y: Int32Array;
  n: number;
  d: number;
  minority: number[];
}

function load(prefix: string, n: number, d: number): Data {
  const xb = readFileSync(`${prefix}.X`);
  const yb = readFileSync(`${prefix}.y`);
  const X = new Float64Array(xb.buffer.slice(xb.byteOffset, xb.byteOffset + xb.byteLength));
  const y = new Int32Array(yb.buffer.slice(yb.byteOffset, yb.byteOffset + yb.byteLength));
  const counts = new Map<number, number>();
  for (const c of y) counts.set(c, (counts.get(c) ?? 0) + 1);
  let major = 0;
  let best = -1;
  for (const [c, m] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (m > best) {
      best = m;
      major = c;
    }
  }
  const minority = [...counts.keys()].filter((c) => c !== major).sort((a, b) => a - b);
  return { X, y, n, d, minority };
}

function rowsOf(data: Data, c: number): Float64Array {
  const { X, y, d } = data;
  let m = 0;
  for (const v of y) if (v === c) m++;
  const out = new Float64Array(m * d);
  let r = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === c) out.set(X.subarray(i * d, (i + 1) * d), r++ * d);
  }
  return out;
}

/** Runs a workload with our engine; returns the concatenated neighbour indices. */
function ours(data: Data, workload: Workload, params: KNeighborsParams): Int32Array {
  const parts: Int32Array[] = [];
  const { d } = data;
  if (workload === 'smote') {
    for (const c of data.minority) {
      const Xc = rowsOf(data, c);
      const m = Xc.length / d;
      parts.push(new KNeighbors(params).fit(Xc, m, d).kneighbors(Xc, m, 5, { excludeSelf: true }).indices);
    }
  } else {
    const nn = new KNeighbors(params).fit(data.X, data.n, d);
    for (const c of data.minority) {
      const Xc = rowsOf(data, c);
      parts.push(nn.kneighbors(Xc, Xc.length / d, 6).indices);
    }
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const all = new Int32Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}

function agreement(a: Int32Array, b: Int32Array, k: number): string {
  if (a.length !== b.length) return 'size differs';
  let same = 0;
  const rows = a.length / k;
  for (let i = 0; i < rows; i++) {
    let ok = true;
    for (let j = 0; j < k; j++) if (a[i * k + j] !== b[i * k + j]) ok = false;
    if (ok) same++;
  }
  return `${((100 * same) / rows).toFixed(3)} %`;
}

function coreType(): string {
  try {
    return /avx512f/.test(readFileSync('/proc/cpuinfo', 'utf8')) ? 'SkylakeX' : 'Haswell';
  } catch {
    return 'Haswell';
  }
}

export default async function knn(ctx: BenchContext): Promise<string> {
  const n = ctx.quick ? 20_000 : 200_000;
  const dims = [32, 128];
  const core = coreType();
  const load0 = loadavg()[0]!.toFixed(1);
  const rows: string[] = [];
  for (const d of dims) {
    const prefix = `/tmp/imbalanced-tabular-knn-${n}-${d}`;
    if (!existsSync(`${prefix}.X`)) {
      ctx.log(`knn: generating n=${n} d=${d}`);
      const g = runPython(script, ['gen', prefix, String(n), String(d)]);
      if (!g.ok) return `scikit-learn peer unavailable (${g.reason}); nothing measured.`;
    }
    const data = load(prefix, n, d);
    for (const workload of ['smote', 'adasyn'] as const) {
      const k = workload === 'smote' ? 5 : 6;
      const pairs = data.minority.reduce((s, c) => {
        const m = data.y.filter((v) => v === c).length;
        return s + m * (workload === 'smote' ? m : n);
      }, 0);
      const configs: [string, KNeighborsParams][] = [
        ['serial (wasm int16, default kernel)', { threads: 1 }],
        ['2 threads (wasm int16, default kernel)', { threads: 2 }],
        ['2 threads (wasm float32)', { kernel: 'wasm-f32', threads: 2 }],
      ];
      if (ctx.quick) configs.push(['serial (JS float64)', { kernel: 'js', threads: 1 }]);
      const times: { name: string; seconds: number; peak: number; idx: Int32Array }[] = [];
      for (const [name, params] of configs) {
        ctx.log(`knn: ${workload} d=${d} ours ${name}`);
        const r = await measure(() => ours(data, workload, params));
        times.push({ name, seconds: r.seconds, peak: r.peakMiB, idx: r.result });
      }
      ctx.log(`knn: ${workload} d=${d} scikit-learn`);
      const py = runPython(script, ['run', prefix, String(n), String(d), workload]);
      const pyFast = runPython(script, ['run', prefix, String(n), String(d), workload], { OPENBLAS_CORETYPE: core });
      const sk = py.ok ? (py.data as { seconds: number }).seconds : NaN;
      const skFast = pyFast.ok ? (pyFast.data as { seconds: number }).seconds : NaN;
      let agree = 'n/a';
      if (py.ok && existsSync(`${prefix}.${workload}.idx`)) {
        const b = readFileSync(`${prefix}.${workload}.idx`);
        agree = agreement(times[0]!.idx, new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)), k);
      }
      const best = Math.min(...times.map((t) => t.seconds));
      const shape = workload === 'smote' ? 'SMOTE-shaped' : 'ADASYN-shaped';
      for (const t of times) {
        const ratio = (t.seconds / sk).toFixed(2);
        const shown = t.seconds === best ? `**${ratio}**` : ratio;
        rows.push(
          `| ${shape} | ${d} | ${(pairs / 1e9).toFixed(2)} | ${t.name} | ${t.seconds.toFixed(2)} | ` +
            `${t.peak.toFixed(0)} | ${shown} | ${(t.seconds / skFast).toFixed(2)} |`,
        );
      }
      rows.push(
        `| | | | scikit-learn: ${sk.toFixed(2)} s shipped, ${skFast.toFixed(2)} s with ${core}; ` +
          `identical neighbour rows: ${agree} | | | | |`,
      );
      for (const r of rows.slice(-times.length - 1)) ctx.log(r);
    }
  }
  const load1 = loadavg()[0]!.toFixed(1);
  return [
    'Exact k-NN (`KNeighbors`), k = 5, on make_classification data (6 classes, ' +
      `weights 0.70, 0.12, 0.10, 0.05, 0.02, 0.01, one cluster per class; n = ${n.toLocaleString('en')}). ` +
      'SMOTE-shaped: each minority class searched against itself ' +
      '(`excludeSelf`; scikit-learn: k + 1 and drop column 0). ' +
      'ADASYN-shaped: one index over all rows, each minority class queried with k + 1 = 6. ' +
      "scikit-learn `NearestNeighbors` (Debian's python3, `OMP_WAIT_POLICY=PASSIVE`, algorithm 'auto' = brute here) " +
      `runs on the same files in the same run, as shipped and with \`OPENBLAS_CORETYPE=${core}\`. ` +
      "Ratios are our time / scikit-learn's (bold: our fastest configuration). Peak = RSS growth during our call. " +
      '"Identical neighbour rows" compares our serial result with scikit-learn\'s, row by row.',
    '',
    `| workload | d | pairs (1e9) | ours | seconds | peak MiB | ratio vs shipped | ratio vs ${core} |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `1-minute load average: ${load0} at the start, ${load1} at the end (2 cores; ` +
      "the load counts this benchmark's own threads and the suite run before it as well as any other job).",
  ].join('\n');
}
