/**
 * Benchmark suite `mlp`: MLPClassifier training and inference throughput (rows/s) for the issue's
 * architecture 128 → 256 → 128 → 6 (relu, softmax, Adam 1e-3), batch 256 and 1024: on the
 * library's WebAssembly SIMD kernels with 1 and 2 threads, on tfjs-wasm (XNNPACK, the previous
 * path) and on tfjs-cpu, next to tfjs-layers' own `model.fit` / `model.predict` on the same network,
 * PyTorch CPU (Debian python3-torch, 2 threads, OMP_WAIT_POLICY=PASSIVE; as shipped and with
 * OPENBLAS_CORETYPE=SkylakeX) and scikit-learn's MLPClassifier — all on the same data, in the same
 * run. Accuracy on a held-out test set after the same number of epochs shows the rates are
 * compared at equal accuracy. A second table measures the arithmetic rate of one thread on the
 * layer products (our gemm, tfjs-wasm's matMul), so the notes can say how much of the gap to the
 * peers is arithmetic and how much overhead.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Random } from '../src/core/Random.js';
import { fromDense } from '../src/core/matrix.js';
import { MLPClassifier } from '../src/mlp.js';
import { hasRelaxedSimd, kernelBytes } from '../src/model/kernels/module.js';
import { useSimdKernels } from '../src/model/SimdNetwork.js';
import type { BenchContext } from './suites.js';
import { measure, runPython } from './util.js';

const D = 128;
const K = 6;
const HIDDEN = [256, 128];
const SIZES = [D, ...HIDDEN, K];
/** Multiply-adds of one row's forward pass: Σ nIn·nOut over the layers. */
const FORWARD_MACS = SIZES.slice(1).reduce((a, n, l) => a + (SIZES[l] as number) * n, 0);
/**
 * Floating-point operations per row: inference 2·forward; training adds dW (= forward) and dA (the
 * layers after the first).
 */
const INFER_FLOPS = 2 * FORWARD_MACS;
const TRAIN_FLOPS = 2 * (2 * FORWARD_MACS + FORWARD_MACS - D * (HIDDEN[0] as number));

interface Row {
  impl: string;
  /** Threads used (a number, or how the peer sets them). */
  threads: string;
  batch: number;
  train: number | undefined;
  infer: number | undefined;
  acc: number | undefined;
  /** Rows per CPU-second (process CPU time, all threads): robust to other jobs on the machine. */
  trainCpu?: number | undefined;
  inferCpu?: number | undefined;
  note?: string;
}

/** Timed inference passes per measurement, the same on every side (bench/mlp_torch.py, bench/mlp_sklearn.py). */
const INFERENCE_PASSES = 15;

/**
 * Median (by wall time) of {@link INFERENCE_PASSES} timed runs of `fn`: an inference pass takes
 * ~30 ms on two threads, so one run is at the mercy of a GC pause or a descheduled thread, and a
 * median of five still moved by a third between runs on a 2-core machine (2026-12-05).
 */
async function medianOfPasses<T>(fn: () => T): Promise<{ seconds: number; result: { result: T; cpu: number } }> {
  const runs: { seconds: number; result: { result: T; cpu: number } }[] = [];
  for (let i = 0; i < INFERENCE_PASSES; i++) runs.push(await measure(() => cpuTimed(fn)));
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[(INFERENCE_PASSES - 1) / 2] as { seconds: number; result: { result: T; cpu: number } };
}

/** Runs `fn` and returns its result with the process CPU seconds (user + system, all threads) it used. */
async function cpuTimed<T>(fn: () => T | Promise<T>): Promise<{ result: T; cpu: number }> {
  const c0 = process.cpuUsage();
  const result = await fn();
  const c = process.cpuUsage(c0);
  return { result, cpu: (c.user + c.system) / 1e6 };
}

/** Six Gaussian classes in 128 dimensions with overlapping centres (test accuracy ≈ 0.9, not 1). */
function makeData(n: number, seed: number): { X: Float32Array; y: Int32Array } {
  const crng = new Random(0); // the same class centres for the training and the test rows
  const centres = Array.from({ length: K }, () => Float64Array.from({ length: D }, () => 0.15 * crng.normal()));
  const rng = new Random(seed);
  const X = new Float32Array(n * D);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(K);
    y[i] = c;
    const ce = centres[c] as Float64Array;
    for (let j = 0; j < D; j++) X[i * D + j] = (ce[j] as number) + rng.normal();
  }
  return { X, y };
}

function asMatrix(X: Float32Array, n: number) {
  return fromDense(Float64Array.from(X), n, D);
}

function rate(rows: number, seconds: number): number {
  return rows / seconds;
}

/** Our MLPClassifier on the kernels (`threads`) or on a tfjs backend (`kernels: false`). */
async function ours(
  backend: 'wasm' | 'cpu',
  kernels: boolean,
  threads: number,
  batch: number,
  Xtr: Float32Array,
  ytr: Int32Array,
  nTr: number,
  Xte: Float32Array,
  yte: Int32Array,
  nTe: number,
  epochs: number,
): Promise<Row> {
  const Mtr = asMatrix(Xtr, nTr);
  const Mte = asMatrix(Xte, nTe);
  const y = Array.from(ytr);
  useSimdKernels(kernels);
  // CPU time at the end of every epoch: the epochs after the first give the steady training rate
  // per CPU-second, without the one-off costs (input copy, compiling, starting the worker).
  const cpuAtEpochEnd: number[] = [];
  const clf = new MLPClassifier({
    hiddenLayers: HIDDEN,
    epochs,
    batchSize: batch,
    learningRate: 1e-3,
    seed: 0,
    backend,
    threads,
    onEpochEnd: () => {
      const c = process.cpuUsage();
      cpuAtEpochEnd.push((c.user + c.system) / 1e6);
    },
  });
  try {
    const fit = await measure(() => cpuTimed(() => clf.fit(Mtr, y)));
    const steadyCpu = epochs > 1 ? (cpuAtEpochEnd.at(-1) as number) - (cpuAtEpochEnd[0] as number) : fit.result.cpu;
    const steadyRows = nTr * (epochs > 1 ? epochs - 1 : 1);
    // Training rate from the per-epoch clocks (excludes the one-off input validation and copy, reported below).
    const trainSeconds = clf.history.reduce((a, h) => a + h.seconds, 0);
    clf.predictProba(fromDense(Float64Array.from(Xte.subarray(0, 256 * D)), 256, D)); // warm-up
    const inf = await medianOfPasses(() => clf.predict(Mte));
    const pred = inf.result.result;
    let ok = 0;
    for (let i = 0; i < nTe; i++) if (pred[i] === yte[i]) ok++;
    const path = kernels ? `WebAssembly SIMD kernels${hasRelaxedSimd(true) ? ' (FMA)' : ''}` : `tfjs ${backend}`;
    return {
      impl: `**ours** MLPClassifier, ${path}`,
      threads: String(kernels ? threads : 1),
      batch,
      train: rate(nTr * epochs, trainSeconds),
      infer: rate(nTe, inf.seconds),
      acc: ok / nTe,
      trainCpu: rate(steadyRows, steadyCpu),
      inferCpu: rate(nTe, inf.result.cpu),
      note:
        `fit() incl. input checks: ${rate(nTr * epochs, fit.seconds).toFixed(0)} rows/s` +
        (epochs > 1 ? '; rows / CPU-s from the epochs after the first' : ''),
    };
  } finally {
    clf.dispose();
    useSimdKernels(true);
  }
}

async function layersBaseline(
  batch: number,
  Xtr: Float32Array,
  ytr: Int32Array,
  nTr: number,
  Xte: Float32Array,
  yte: Int32Array,
  nTe: number,
  epochs: number,
): Promise<Row> {
  await tf.setBackend('wasm');
  const model = tfl.sequential();
  model.add(
    tfl.layers.dense({
      units: HIDDEN[0] as number,
      activation: 'relu',
      inputShape: [D],
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(
    tfl.layers.dense({
      units: HIDDEN[1] as number,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  model.add(
    tfl.layers.dense({
      units: K,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
    }),
  );
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  const x = tf.tensor2d(Xtr, [nTr, D]);
  const yT = tf.tensor2d(Float32Array.from(ytr), [nTr, 1]);
  const fit = await measure(() =>
    cpuTimed(() => model.fit(x, yT, { epochs, batchSize: batch, shuffle: true, verbose: 0 })),
  );
  const xte = tf.tensor2d(Xte, [nTe, D]);
  const inf = await medianOfPasses(() => {
    const p = model.predict(xte, { batchSize: batch }) as tf.Tensor;
    const am = tf.argMax(p, 1);
    const out = am.dataSync();
    tf.dispose([p, am]);
    return out;
  });
  let ok = 0;
  for (let i = 0; i < nTe; i++) if (inf.result.result[i] === yte[i]) ok++;
  tf.dispose([x, yT, xte]);
  model.dispose();
  return {
    impl: 'tfjs-layers `model.fit` / `predict`, wasm (baseline)',
    threads: '1',
    batch,
    train: rate(nTr * epochs, fit.seconds),
    infer: rate(nTe, inf.seconds),
    acc: ok / nTe,
    trainCpu: rate(nTr * epochs, fit.result.cpu),
    inferCpu: rate(nTe, inf.result.cpu),
  };
}

interface PyResult {
  rows: { batch: number; train: number; infer: number; acc: number; trainCpu: number; inferCpu: number }[];
  version: string;
  threads?: number;
}

/** One thread's arithmetic rate (GFLOP/s, by CPU time) on a layer product: ours (plain, FMA) and tfjs-wasm's. */
interface KernelRate {
  product: string;
  ours: number;
  /** With relaxed SIMD's FMA (undefined where the runtime has none). */
  oursFma: number | undefined;
  tfjs: number;
}

/**
 * GFLOP/s of one thread on the two shapes that dominate a training step at batch 256 — the
 * forward `(256 × 128) · (128 × 256)` and the weight gradient `(128 × 256)ᵀ-read · (256 × 256)` —
 * for our gemm (plain SIMD, and relaxed SIMD's FMA — the default where the runtime has it, Node 20
 * included) and tfjs-wasm's matMul (XNNPACK; the gradient through its transposed-operand matMul, as
 * autodiff would call it).
 */
async function kernelRates(): Promise<KernelRate[]> {
  const memory = new WebAssembly.Memory({ initial: 256 });
  const gemmOf = (fma: boolean) =>
    (
      new WebAssembly.Instance(new WebAssembly.Module(kernelBytes({ shared: false, fma })), { env: { memory } })
        .exports as Record<string, (...a: number[]) => void>
    ).gemm_plain as (...a: number[]) => void;
  const f32 = new Float32Array(memory.buffer);
  for (let i = 0; i < (12 << 20) / 4; i++) f32[i] = Math.sin(i);
  const gemm = gemmOf(false);
  const gemmFma = hasRelaxedSimd(true) ? gemmOf(true) : undefined;
  const time = (flops: number, fn: () => void): number => {
    fn();
    const reps = Math.max(1, Math.round(2e9 / flops));
    let best = 0;
    for (let t = 0; t < 3; t++) {
      const c0 = process.cpuUsage();
      for (let r = 0; r < reps; r++) fn();
      const c = process.cpuUsage(c0);
      best = Math.max(best, (flops * reps) / ((c.user + c.system) / 1e6) / 1e9);
    }
    return best;
  };
  await tf.setBackend('wasm');
  const out: KernelRate[] = [];
  for (const [product, M, N, Kd, trans] of [
    ['forward Z = A·W, 256 × 128 · 128 × 256', 256, 256, 128, false],
    ['gradient dW = Aᵀ·D, 128 × 256 · 256 × 256', 128, 256, 256, true],
  ] as const) {
    const flops = 2 * M * N * Kd;
    const [sAm, sAk] = trans ? [1, M + 4] : [Kd + 4, 1];
    const oursRate = time(flops, () => gemm(M, N, Kd, 0, sAm, sAk, 4 << 20, N + 4, 8 << 20, N + 4, 0, 0));
    const fmaRate = gemmFma && time(flops, () => gemmFma(M, N, Kd, 0, sAm, sAk, 4 << 20, N + 4, 8 << 20, N + 4, 0, 0));
    const a = tf.randomNormal(trans ? [Kd, M] : [M, Kd]);
    const b = tf.randomNormal([Kd, N]);
    const tfjsRate = time(flops, () => {
      const c = tf.matMul(a, b, trans);
      c.dataSync();
      c.dispose();
    });
    tf.dispose([a, b]);
    out.push({ product, ours: oursRate, oursFma: fmaRate, tfjs: tfjsRate });
  }
  return out;
}

function python(
  script: string,
  label: string,
  dataArgs: string[],
  env: Record<string, string>,
  ctx: BenchContext,
): Row[] {
  ctx.log(`mlp: ${label}`);
  const r = runPython(join(import.meta.dirname, script), dataArgs, env);
  if (!r.ok)
    return [
      {
        impl: label,
        threads: '–',
        batch: 0,
        train: undefined,
        infer: undefined,
        acc: undefined,
        note: `not run: ${r.reason}`,
      },
    ];
  const d = r.data as PyResult;
  return d.rows.map((x) => ({
    impl: `${label} ${d.version}`,
    threads: d.threads === undefined ? `${cpus().length} (BLAS default)` : String(d.threads),
    batch: x.batch,
    train: x.train,
    infer: x.infer,
    acc: x.acc,
    trainCpu: x.trainCpu,
    inferCpu: x.inferCpu,
  }));
}

function loadAvg(): string {
  return existsSync('/proc/loadavg')
    ? `${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ')} on ${cpus().length} cores`
    : 'unknown';
}

function hasAvx512(): boolean {
  if (!existsSync('/proc/cpuinfo')) return false;
  return /\bavx512f\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
}

/**
 * What the numbers say, computed from this run: our share of the one-thread arithmetic peak
 * (the rest is overhead: the element-wise kernels, synchronisation, the JS loop) and the peers'
 * rates in GFLOP/s.
 */
function readingNotes(rows: Row[], kernels: KernelRate[]): string {
  const peak = Math.max(...kernels.map((k) => k.oursFma ?? k.ours));
  const lines = ['Reading notes (computed from this run):', ''];
  for (const r of rows.filter((x) => x.impl.includes('SIMD kernels'))) {
    const threads = Number(r.threads);
    const perCpu = ((r.trainCpu ?? 0) * TRAIN_FLOPS) / 1e9;
    lines.push(
      `- kernels, ${threads} thread${threads > 1 ? 's' : ''}, batch ${r.batch}: training ` +
        `${(((r.train ?? 0) * TRAIN_FLOPS) / 1e9).toFixed(1)} GFLOP/s wall, ${perCpu.toFixed(1)} GFLOP per ` +
        `CPU-second = ${((100 * perCpu) / peak).toFixed(0)} % of one thread's gemm rate ` +
        `(${peak.toFixed(1)}); the other ${(100 - (100 * perCpu) / peak).toFixed(0)} % is overhead per CPU-second ` +
        '(element-wise kernels, waits at the barriers, the JS loop, and cores shared with other jobs).',
    );
  }
  const peers = rows.filter((x) => /PyTorch|scikit/.test(x.impl) && x.train !== undefined);
  for (const r of peers)
    lines.push(
      `- ${r.impl}, batch ${r.batch}: training ${(((r.train ?? 0) * TRAIN_FLOPS) / 1e9).toFixed(1)} GFLOP/s, ` +
        `inference ${(((r.infer ?? 0) * INFER_FLOPS) / 1e9).toFixed(1)} GFLOP/s (wall).`,
    );
  lines.push(
    '',
    "The gemm runs 128-bit WebAssembly SIMD with relaxed SIMD's `f32x4.relaxed_madd` (one FMA; in Node 20 the " +
      "library turns on V8's `--experimental-wasm-relaxed-simd` for it; `relaxedSimd: false` runs `f32x4.mul` + " +
      '`f32x4.add`), while the native peers run 256/512-bit FMA: the arithmetic rate per core is most of what remains.',
  );
  return lines.join('\n');
}

const fmt = (v: number | undefined): string => (v === undefined ? '–' : Math.round(v).toLocaleString('en-US'));

/**
 * Rounds of the compared implementations (`MLP_BENCH_ROUNDS`, default 3; 1 with `--quick`): each
 * round runs every one of them once, in the same order, and the table gives each number's median over
 * the rounds. A 2-core machine's rate moves between minutes (2026-12-05: everything that ran in one
 * 20-second window, ours and tfjs-wasm alike, slowed by a third); interleaved rounds keep one such
 * window from deciding one implementation's row.
 */
function roundsFor(quick: boolean): number {
  const raw = process.env.MLP_BENCH_ROUNDS;
  if (raw === undefined) return quick ? 1 : 3;
  const r = Number(raw);
  if (!Number.isInteger(r) || r < 1 || r % 2 === 0) {
    throw new Error(`MLP_BENCH_ROUNDS must be an odd positive integer (a median of the rounds), got ${raw}`);
  }
  return r;
}

/** The median of each rate over the rounds, row by row (the rows of every round in the same order). */
function medianRows(measured: Row[][]): Row[] {
  const first = measured[0] ?? [];
  const med = (values: (number | undefined)[]): number | undefined => {
    const v = values.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    return v.length === values.length && v.length > 0 ? v[(v.length - 1) >> 1] : undefined;
  };
  return first.map((row, i) => {
    const all = measured.map((m) => m[i] as Row);
    if (all.some((r) => r.impl !== row.impl || r.batch !== row.batch)) throw new Error('mlp bench: rounds differ');
    if (measured.length === 1) return row;
    const pick = (f: (r: Row) => number | undefined) => med(all.map(f));
    const train = all.map((r) => r.train).filter((x): x is number => x !== undefined);
    const spread =
      train.length > 0
        ? `train rows/s over ${measured.length} rounds: ${fmt(Math.min(...train))}–${fmt(Math.max(...train))}`
        : '';
    return {
      ...row,
      train: pick((r) => r.train),
      infer: pick((r) => r.infer),
      trainCpu: pick((r) => r.trainCpu),
      inferCpu: pick((r) => r.inferCpu),
      note: [row.note, spread].filter((x) => x).join('; '),
    };
  });
}

export default async function mlp(ctx: BenchContext): Promise<string> {
  const loadStart = loadAvg();
  const nTr = ctx.quick ? 8192 : 32768;
  const nTe = ctx.quick ? 4096 : 16384;
  const epochs = ctx.quick ? 1 : 2;
  const rounds = roundsFor(ctx.quick);
  const batches = [256, 1024];
  const tr = makeData(nTr, 1);
  const te = makeData(nTe, 2);
  const dir = mkdtempSync(join(tmpdir(), 'mlp-bench-'));
  try {
    writeFileSync(join(dir, 'Xtr.f32'), tr.X);
    writeFileSync(join(dir, 'ytr.i32'), tr.y);
    writeFileSync(join(dir, 'Xte.f32'), te.X);
    writeFileSync(join(dir, 'yte.i32'), te.y);
    const data = [tr.X, tr.y, nTr, te.X, te.y, nTe, epochs] as const;
    const args = [dir, String(nTr), String(nTe), String(D), String(K), String(epochs), batches.join(',')];
    // SkylakeX (AVX-512) is the tuned kernel the issue names; without AVX-512 it dies with SIGILL,
    // so the best kernel this CPU can run (Haswell: AVX2 + FMA) stands in, and the label says so.
    const core = hasAvx512() ? 'SkylakeX' : 'Haswell';
    /** One round: every implementation the goals compare, once, in a fixed order. */
    const round = async (r: number): Promise<Row[]> => {
      const out: Row[] = [];
      const tag = rounds > 1 ? ` (round ${r + 1} of ${rounds})` : '';
      for (const batch of batches) {
        for (const threads of [1, 2]) {
          ctx.log(`mlp: ours, kernels, ${threads} thread${threads > 1 ? 's' : ''}, batch ${batch}${tag}`);
          out.push(await ours('wasm', true, threads, batch, ...data));
        }
        ctx.log(`mlp: ours, tfjs-wasm, batch ${batch}${tag}`);
        out.push(await ours('wasm', false, 1, batch, ...data));
      }
      await tf.setBackend('cpu');
      out.push(
        ...python('mlp_torch.py', 'PyTorch CPU (2 threads, as shipped)', args, { OMP_WAIT_POLICY: 'PASSIVE' }, ctx),
      );
      out.push(
        ...python(
          'mlp_torch.py',
          `PyTorch CPU (2 threads, OPENBLAS_CORETYPE=${core}${core === 'SkylakeX' ? '' : '; no AVX-512 here'})`,
          args,
          { OMP_WAIT_POLICY: 'PASSIVE', OPENBLAS_CORETYPE: core },
          ctx,
        ),
      );
      out.push(...python('mlp_sklearn.py', 'scikit-learn MLPClassifier', args, { OMP_WAIT_POLICY: 'PASSIVE' }, ctx));
      return out;
    };
    const measured: Row[][] = [];
    for (let r = 0; r < rounds; r++) measured.push(await round(r));
    const compared = medianRows(measured);
    const rows: Row[] = compared.filter((r) => r.impl.startsWith('**ours**'));
    // The pure-JS cpu backend is ~30× slower: a smaller slice, one epoch, one round.
    const nCpu = 2048;
    for (const batch of batches) {
      ctx.log(`mlp: ours cpu, batch ${batch}`);
      const r = await ours(
        'cpu',
        false,
        1,
        batch,
        tr.X.subarray(0, nCpu * D),
        tr.y.subarray(0, nCpu),
        nCpu,
        te.X.subarray(0, nCpu * D),
        te.y.subarray(0, nCpu),
        nCpu,
        1,
      );
      rows.push({ ...r, acc: undefined, note: `${nCpu} rows, 1 epoch (accuracy not comparable)` });
    }
    for (const batch of batches) {
      ctx.log(`mlp: tfjs-layers baseline, batch ${batch}`);
      rows.push(await layersBaseline(batch, tr.X, tr.y, nTr, te.X, te.y, nTe, epochs));
    }
    await tf.setBackend('cpu');
    rows.push(...compared.filter((r) => !r.impl.startsWith('**ours**')));

    ctx.log('mlp: arithmetic rate of one thread');
    const kernels = await kernelRates();
    await tf.setBackend('cpu');

    const isOurs = (r: Row) => r.impl.includes('SIMD kernels') && r.threads === '2';
    const oursBy = new Map(rows.filter(isOurs).map((r) => [r.batch, r]));
    const ratio = (a: number | undefined, b: number | undefined): string => (a && b ? (a / b).toFixed(2) : '–');
    const gflops = (rowsPerSecond: number | undefined, flops: number): string =>
      rowsPerSecond === undefined ? '–' : ((rowsPerSecond * flops) / 1e9).toFixed(1);
    const head = [
      'implementation',
      'threads',
      'batch',
      'train rows/s',
      'inference rows/s',
      'train rows / CPU-s',
      'inference rows / CPU-s',
      'train GFLOP/s',
      'inference GFLOP/s',
      'test accuracy',
      'ours (2 threads) ÷ this (train, wall)',
      'ours (2 threads) ÷ this (inference, wall)',
      'note',
    ];
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const table = [
      line(head),
      `|---|${'---:|'.repeat(head.length - 2)}---|`,
      ...rows.map((r) => {
        const o = oursBy.get(r.batch);
        const self = isOurs(r);
        return line([
          r.impl,
          r.threads,
          r.batch ? String(r.batch) : '–',
          fmt(r.train),
          fmt(r.infer),
          fmt(r.trainCpu),
          fmt(r.inferCpu),
          gflops(r.train, TRAIN_FLOPS),
          gflops(r.infer, INFER_FLOPS),
          r.acc === undefined ? '–' : r.acc.toFixed(3),
          self ? '1.00' : ratio(o?.train, r.train),
          self ? '1.00' : ratio(o?.infer, r.infer),
          r.note ?? '',
        ]);
      }),
    ];
    const kernelTable = [
      '| one thread, GFLOP/s (CPU time) | ours: gemm, plain SIMD | ours: gemm, relaxed-SIMD FMA | ' +
        'tfjs-wasm: XNNPACK matMul |',
      '|---|---:|---:|---:|',
      ...kernels.map(
        (k) => `| ${k.product} | ${k.ours.toFixed(1)} | ${k.oursFma?.toFixed(1) ?? '–'} | ${k.tfjs.toFixed(1)} |`,
      ),
    ];
    const n = (v: number) => v.toLocaleString('en-US');
    const intro = [
      'Six overlapping Gaussian classes (seeded). Training rows/s = rows × epochs ÷ time of the epochs (ours: the',
      'per-epoch clocks, so the one-off input validation/copy is excluded — the note gives the whole `fit()`);',
      'inference rows/s = test rows ÷ time of `predict` (ours incl. input validation; median of',
      `${INFERENCE_PASSES} passes for every implementation). Ours (kernels and tfjs wasm), PyTorch and scikit-learn`,
      `ran in ${rounds} interleaved round${rounds > 1 ? 's' : ''} (each round runs every one of them once, in the`,
      "table's order), and each of their rates is the median over the rounds (the note gives the training",
      'spread).',
      '"ours, WebAssembly SIMD kernels" is the default path (`backend: \'auto\'` or',
      '`\'wasm\'`; `threads` 1 or 2: the calling thread plus a worker on one shared memory); "ours, tfjs wasm"',
      "is the previous path (tfjs-wasm's single-threaded XNNPACK matMul), kept for comparison. PyTorch uses 2",
      "threads; scikit-learn uses numpy's BLAS with its default threads. Wall-clock rates are noisy when other",
      'jobs share the machine (the load average below says how busy it was); "rows / CPU-s" divides by the',
      'process CPU time (user + system, all threads), which other jobs do not inflate — for one thread it is',
      "the rate on one idle core, for 2 threads it counts both threads' time. GFLOP/s = rows/s × the",
      `floating-point operations of one row: ${(TRAIN_FLOPS / 1e3).toFixed(1)} k for a training step (forward,`,
      'weight gradients, input gradients after the first layer), ' +
        `${(INFER_FLOPS / 1e3).toFixed(1)} k for inference.`,
    ].join(' ');
    return [
      `### MLPClassifier — ${D} → ${HIDDEN.join(' → ')} → ${K}, Adam 1e-3, ${n(nTr)} training rows × ` +
        `${epochs} epoch${epochs > 1 ? 's' : ''}, ${n(nTe)} test rows`,
      '',
      intro,
      '',
      `Machine load average (1, 5, 15 min) at the start: ${loadStart}; at the end: ${loadAvg()}.`,
      '',
      ...table,
      '',
      'Arithmetic rate of one thread on the two products that dominate a step (best of 3 timed loops):',
      '',
      ...kernelTable,
      '',
      readingNotes(rows, kernels),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
