import { DataValidationError, InvalidParameterError, NotFittedError, describe } from '../../core/errors.js';
import { assembleKernel, wasmRelaxedSimdAvailable, wasmSimdAvailable, type KernelVariant } from './wasm.js';
import { buildKdTree, queryKdTree, type KdTree } from './kdtree.js';
import { candidateScan, type ScanArgs } from './scan.js';
import { parallelAvailable, parallelScan, slotBytes, viewArgs, type ScanLayout } from './parallel.js';
import type { KNeighborsOptions, KNeighborsResult, NeighborSearch } from './types.js';

/** Options of {@link KNeighbors}. */
export interface KNeighborsParams {
  /**
   * The search structure. `'brute'`: the blocked exhaustive scan below; `'kd-tree'`: an exact k-d
   * tree (median splits, bounding boxes, direct float64 distances); `'auto'`: the k-d tree when
   * there are at most 6 columns (`KD_TREE_MAX_DIM`), where it measured faster, else brute.
   * @defaultValue 'auto'
   */
  algorithm?: 'auto' | 'brute' | 'kd-tree';
  /**
   * The distance kernel of the brute-force candidate scan (4 × 8 register tiles in WebAssembly SIMD,
   * 4 × 4 in JavaScript):
   * - `'wasm-i16'`: each centered row scaled to 16-bit integers (its own scale, chosen so that
   *   every dot product is exact in 32-bit integers), dot products by `i32x4.dot_i16x8_s` — 8
   *   multiply-adds per instruction pair, about twice as fast as the float32 kernel;
   * - `'wasm-f32'`: float32 multiply-adds (fused `relaxed_madd` where the runtime has relaxed SIMD);
   * - `'js'`: float64 JavaScript;
   * - `'auto'`: `'wasm-i16'` when the runtime supports WebAssembly SIMD and the values are within
   *   ±10¹⁵, else `'js'`. The first large search (≥ 1,024 query rows and ≥ 2·10⁷ query rows ×
   *   fitted rows × columns) tries the int16 kernel on 256 of its queries and switches this fit
   *   to `'wasm-f32'` when more than a quarter cannot be certified (neighbours far closer to each
   *   other than to the data's mean, e.g. tight clusters far from the centre).
   *
   * Results are identical whichever runs: every kernel only proposes candidates, whose distances
   * are then recomputed exactly in float64, with a bound on the kernel's error (rounding, and for
   * `'wasm-i16'` the quantisation) certifying that no other row can be closer.
   * @defaultValue 'auto'
   */
  kernel?: 'auto' | 'wasm-i16' | 'wasm-f32' | 'js';
  /**
   * How many threads may scan. `'auto'`: 2 when the work is large enough to pay for it and the
   * runtime offers synchronous worker threads (Node ≥ 20.16), else 1. In browsers the search
   * always runs on the calling thread. Results are bit-for-bit the same for any thread count.
   * @defaultValue 'auto'
   */
  threads?: 'auto' | number;
  /**
   * Extra candidates kept per query beyond `k` before the exact re-ranking. More candidates make
   * the exactness certificate fail less often on near-ties (failed queries are re-searched, never
   * answered wrongly), at a small selection cost.
   * @defaultValue 8
   */
  extraCandidates?: number;
}

/** What {@link KNeighbors.fit} learned. */
export interface KNeighborsFitted {
  /** Number of fitted rows. */
  readonly nSamplesFit: number;
  /** Number of columns. */
  readonly nFeaturesIn: number;
  /** The algorithm in use after resolving `'auto'`. */
  readonly algorithm: 'brute' | 'kd-tree';
  /**
   * The brute-force kernel in use after resolving `'auto'` (unused by the k-d tree). With `'auto'`
   * it may turn from `'wasm-i16'` to `'wasm-f32'` at the first large search (see the `kernel`
   * option).
   */
  readonly kernel: 'wasm-i16' | 'wasm-f32' | 'js';
}

/**
 * Diagnostics of one {@link KNeighbors.kneighbors} call.
 * @internal
 */
export interface KNeighborsRunInfo {
  /** Most threads used by a scan. */
  threads: number;
  /** Worker threads that joined a scan (summed over scans). */
  workersJoined: number;
  /** Query rows searched again after their exactness certificate failed. */
  rescanned: number;
  /** Query rows answered by the exhaustive exact search. */
  exhaustive: number;
}

interface State {
  data: Float64Array;
  n: number;
  d: number;
  mean: Float64Array;
  /** Largest squared norm of a centered data row. */
  xnMax: number;
  kernel: 'wasm-i16' | 'wasm-f32' | 'js';
  tree: KdTree | null;
  // JS kernel
  X: Float64Array | null;
  xn: Float64Array | null;
  // wasm kernels: the one in use, and the float32 packing when it has been built
  wasm: WasmState | null;
  wasmF32: WasmState | null;
  /** Memory of the wasm kernels: shared (workers may join) or not. */
  shared: boolean;
  /** `kernel: 'auto'` chose int16 and no large query has tried it on these data yet. */
  pilotPending: boolean;
}

/** What one candidate scan found (per query: `fill` of `K` candidates, ascending approximation). */
interface Candidates {
  cand: Int32Array;
  candVal: Float32Array | Float64Array;
  fill: Int32Array;
  /** Per query: squared norm of the centered query row. */
  qn: Float64Array;
  /** int16 kernel, per query: the quantisation residual `‖v − v̂‖` of the centered query row. */
  qRes: Float64Array | null;
}

interface WasmState {
  /** The int16 kernel (else float32). */
  int16: boolean;
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  shared: boolean;
  /** Pages the memory may grow to. */
  maxPages: number;
  dist: NonNullable<ScanArgs['dist']>;
  /** End of the fitted-data region (bytes). */
  dataEnd: number;
  pPtr: number;
  xnPtr: number;
  /** int16 kernel: the data rows' float32 scales (0 otherwise). */
  sxPtr: number;
  /** Bytes of one packed row. */
  rowBytes: number;
  /**
   * int16 kernel, over the data rows (centered `v`, quantised `v̂ = s·q`): the largest residual
   * `‖v − v̂‖`, the largest `‖v̂‖`, and the largest residual per norm `‖v − v̂‖ / ‖v‖`.
   */
  maxRes: number;
  maxQNorm: number;
  resPerNorm: number;
}

/**
 * With `algorithm: 'auto'`, data with at most this many columns use the k-d tree.
 *
 * @remarks
 * Measured (CPU time, 20,000 Gaussian rows, each row's 5 nearest others, one thread): k-d tree /
 * brute SIMD scan = 137 / 515 ms at d = 2, 170 / 649 at d = 4, 690 / 608 at d = 6, 2202 / 880 at
 * d = 8, 12402 / 824 at d = 12. The tree's advantage grows with n (brute is quadratic), so the
 * crossover at larger n sits a little above 6; data of low intrinsic dimension favour the tree too.
 */
export const KD_TREE_MAX_DIM = 6;

const MB = 64;
const NB = 256;
const WASM_PAGE = 65536;
const U32 = 2 ** -24;
const U64 = 2 ** -53;
/** Above this work (query rows × data rows × columns), 'auto' threads uses a worker. */
const PARALLEL_WORK = 2e7;
/** Queries in the int16 kernel's trial (see `#pilot`). */
const PILOT = 256;

const moduleCache = new Map<string, WebAssembly.Module>();

/** Relaxed SIMD present: the float32 kernel accumulates with `relaxed_madd` (one FMA instead of mul + add). */
let fmaOk: boolean | undefined;

function kernelModule(d: number, shared: boolean, int16: boolean): WebAssembly.Module {
  const key = `${d}:${shared ? 's' : 'u'}:${int16 ? 'i' : 'f'}`;
  let m = moduleCache.get(key);
  if (m === undefined) {
    fmaOk ??= wasmRelaxedSimdAvailable();
    const variant: KernelVariant = int16 ? 'i16' : fmaOk ? 'fma' : 'f32';
    m = new WebAssembly.Module(assembleKernel(d, shared, variant) as BufferSource);
    moduleCache.set(key, m);
  }
  return m;
}

/**
 * Largest Euclidean norm of a quantised row: two such rows' dot product, and every partial sum of
 * its absolute products, stays below 46340² < 2³¹ (Cauchy–Schwarz), so int32 accumulation is exact
 * in any order.
 */
const QNORM = 46340;
const QMAX = 32767;

/**
 * Quantises the centered row `v` (its first `d` values) to integers `q` with `|q_t| ≤ 32767` and
 * `‖q‖₂ < 46340` (`v_t ≈ s·q_t`, `|v_t − s·q_t| ≤ s/2`), written as `q_t` →
 * `dst[base + ⌊t/2⌋·pairStride + t mod 2]`; returns the scale `s` (exactly a float32, 0 for a zero
 * row) and writes `[‖v − s·q‖, ‖s·q‖]` to `out`.
 */
function quantizeRow(
  v: Float64Array,
  d: number,
  dst: Int16Array,
  base: number,
  pairStride: number,
  out: Float64Array,
): number {
  let maxAbs = 0;
  let sq = 0;
  for (let t = 0; t < d; t++) {
    const a = Math.abs(v[t]!);
    if (a > maxAbs) maxAbs = a;
    sq += a * a;
  }
  if (maxAbs === 0) {
    for (let t = 0; t < d; t++) dst[base + (t >> 1) * pairStride + (t & 1)] = 0;
    out[0] = 0;
    out[1] = 0;
    return 0;
  }
  const raw = Math.max(maxAbs / QMAX, Math.sqrt(sq) / (QNORM - 1 - 0.5 * Math.sqrt(d)), 2 ** -126);
  // rounded up to a float32 (the kernel multiplies by this exact value)
  const s = Math.fround(raw * (1 + 2 ** -22));
  // |v_t|·inv ≤ 32767 / (1 + 2⁻²²) (1 + 2⁻⁵²) < 32767: the bounds hold with the reciprocal too
  const inv = 1 / s;
  let res = 0;
  let qn = 0;
  for (let t = 0; t < d; t++) {
    const x = Math.round(v[t]! * inv);
    dst[base + (t >> 1) * pairStride + (t & 1)] = x;
    const e = v[t]! - s * x;
    res += e * e;
    qn += x * x;
  }
  out[0] = Math.sqrt(res);
  out[1] = s * Math.sqrt(qn);
  return s;
}

let simdOk: boolean | undefined;

function ensureBytes(memory: WebAssembly.Memory, maxPages: number, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  const pages = Math.ceil((bytes - have) / WASM_PAGE);
  if (have / WASM_PAGE + pages > maxPages) return false;
  try {
    memory.grow(pages);
  } catch {
    return false; // the engine could not reserve more
  }
  return true;
}

const align16 = (x: number): number => (x + 15) & ~15;

/** Writes row `src[o … o + d)` minus `mean` to `dst` from `at`; returns its squared norm (float64). */
function centerInto(
  src: Float64Array,
  o: number,
  mean: Float64Array,
  d: number,
  dst: Float64Array | Float32Array,
  at: number,
): number {
  let acc = 0;
  for (let t = 0; t < d; t++) {
    const v = src[o + t]! - mean[t]!;
    dst[at + t] = v;
    acc += v * v;
  }
  return acc;
}

/**
 * Packs the centered data rows for a wasm kernel in a new memory: float32 panels of 8 rows
 * interleaved by coordinate, or (int16) each row quantised with its own scale, panels interleaved
 * by coordinate pair; plus the rows' float32 squared norms (and scales).
 */
function packWasm(
  data: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  int16: boolean,
  shared: boolean,
): WasmState {
  const dPad = (d + 1) & ~1;
  const rowBytes = int16 ? dPad * 2 : d * 4;
  const nPad = (n + 7) & ~7;
  const pPtr = 64;
  const xnPtr = align16(pPtr + nPad * rowBytes);
  const sxPtr = int16 ? align16(xnPtr + nPad * 4) : 0;
  const dataEnd = align16((int16 ? sxPtr : xnPtr) + nPad * 4);
  const initial = Math.ceil((dataEnd + (1 << 20)) / WASM_PAGE);
  // Shared memories need a maximum; V8 only reserves (not commits) it. Queries too large for it
  // are split (see #scan).
  const maximum = shared ? Math.min(65536, Math.max(4 * initial, 16384)) : 65536;
  const memory = shared
    ? new WebAssembly.Memory({ initial, maximum, shared: true })
    : new WebAssembly.Memory({ initial });
  const module = kernelModule(d, shared, int16);
  const inst = new WebAssembly.Instance(module, { env: { memory } });
  const XN = new Float32Array(memory.buffer, xnPtr, nPad);
  let maxRes = 0;
  let maxQNorm = 0;
  let resPerNorm = 0;
  const v = new Float64Array(d);
  if (int16) {
    // panel p: rows 8p…8p+7; per coordinate pair, rows 0–3 then rows 4–7, two values each
    const P = new Int16Array(memory.buffer, pPtr, nPad * dPad);
    const SX = new Float32Array(memory.buffer, sxPtr, nPad);
    const aux = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const sum = centerInto(data, i * d, mean, d, v, 0);
      XN[i] = sum;
      const r = i & 7;
      SX[i] = quantizeRow(v, d, P, (i >> 3) * 8 * dPad + (r & 4) * 2 + (r & 3) * 2, 16, aux);
      const res = aux[0]!;
      if (res > maxRes) maxRes = res;
      if (aux[1]! > maxQNorm) maxQNorm = aux[1]!;
      if (res > 0 && res / Math.sqrt(sum) > resPerNorm) resPerNorm = res / Math.sqrt(sum);
    }
  } else {
    const P = new Float32Array(memory.buffer, pPtr, nPad * d);
    for (let i = 0; i < n; i++) {
      const base = (i >> 3) * 8 * d + (i & 7);
      let sum = 0;
      for (let t = 0; t < d; t++) {
        const x = data[i * d + t]! - mean[t]!;
        P[base + t * 8] = x;
        sum += x * x;
      }
      XN[i] = sum;
    }
  }
  const dist = inst.exports.dist as NonNullable<ScanArgs['dist']>;
  return {
    int16,
    module,
    memory,
    shared,
    maxPages: maximum,
    dist,
    dataEnd,
    pPtr,
    xnPtr,
    sxPtr,
    rowBytes,
    maxRes,
    maxQNorm,
    resPerNorm,
  };
}

/**
 * Exact Euclidean k-nearest-neighbour search: the default engine behind SMOTE, ADASYN and SMOTENC.
 *
 * @remarks
 * Brute force done fast and exact. A blocked kernel computes approximate squared distances
 * `‖q‖² + ‖x‖² − 2q̂·x̂` on centered data for a block of query rows against a block of data rows,
 * and a bounded selection keeps the best `k + extraCandidates` per query while the block is in
 * cache (never an n × n matrix). The default kernel quantises each row to 16-bit integers with its
 * own scale and multiplies them exactly (WebAssembly SIMD `i32x4.dot_i16x8_s`, 8 multiply-adds
 * per instruction pair); the alternatives are float32 WebAssembly SIMD and float64 JavaScript.
 * The candidates' distances are then recomputed directly as `√Σ(qᵢ − xᵢ)²` in float64, ranked by
 * (distance, index), and a bound on the kernel's error (rounding and quantisation) certifies that
 * no row outside the candidates can be closer. A query whose certificate fails (near-ties,
 * duplicates) is searched again — by the float32 kernel after the int16 one, then with more
 * candidates, finally exhaustively. So the answer is the exact one, ties broken by the smaller row
 * index, whatever kernel or thread count ran. With `kernel: 'auto'`, the first large search tries
 * the int16 kernel on 256 of its queries and keeps the float32 kernel for this fit if more than a
 * quarter cannot be certified (data whose nearest neighbours are far closer to each other than to
 * the mean, e.g. tight clusters far from the centre).
 *
 * In Node ≥ 20.16 large searches also run on a worker thread (through
 * `process.getBuiltinModule('node:worker_threads')`, a shared WebAssembly memory and
 * `Atomics.wait`), keeping the API synchronous.
 *
 * @example
 * ```ts
 * const data = Float64Array.from([0, 0, 1, 0, 0, 2, 5, 5]); // 4 rows × 2 columns
 * const nn = new KNeighbors().fit(data, 4, 2);
 * const { indices, distances } = nn.kneighbors(data, 4, 2, { excludeSelf: true });
 * // row 0: neighbours 1 (distance 1) and 2 (distance 2)
 * ```
 * @see scikit-learn `NearestNeighbors(algorithm='brute')`; imbalanced-learn passes one to SMOTE
 * as `k_neighbors`.
 */
export class KNeighbors implements NeighborSearch {
  /** The options, with defaults filled in. */
  readonly params: Readonly<Required<KNeighborsParams>>;
  #state: State | undefined;
  #lastRun: KNeighborsRunInfo = { threads: 0, workersJoined: 0, rescanned: 0, exhaustive: 0 };

  /**
   * @param options - Kernel, thread count and candidate slack; all optional.
   * @throws InvalidParameterError for an unknown kernel, a thread count that is not a positive
   * integer, or a negative `extraCandidates`.
   */
  constructor(options: KNeighborsParams = {}) {
    const algorithm = options.algorithm ?? 'auto';
    if (algorithm !== 'auto' && algorithm !== 'brute' && algorithm !== 'kd-tree') {
      throw new InvalidParameterError(
        'algorithm',
        `KNeighbors: algorithm must be 'auto', 'brute' or 'kd-tree', got ${describe(algorithm)}.`,
      );
    }
    const kernel = options.kernel ?? 'auto';
    if (kernel !== 'auto' && kernel !== 'wasm-i16' && kernel !== 'wasm-f32' && kernel !== 'js') {
      throw new InvalidParameterError(
        'kernel',
        `KNeighbors: kernel must be 'auto', 'wasm-i16', 'wasm-f32' or 'js', got ${describe(kernel)}.`,
      );
    }
    const threads = options.threads ?? 'auto';
    if (threads !== 'auto' && !(Number.isInteger(threads) && threads >= 1)) {
      throw new InvalidParameterError(
        'threads',
        `KNeighbors: threads must be 'auto' or a positive integer, got ${describe(threads)}.`,
      );
    }
    const extra = options.extraCandidates ?? 8;
    if (!(Number.isInteger(extra) && extra >= 0)) {
      throw new InvalidParameterError(
        'extraCandidates',
        `KNeighbors: extraCandidates must be a non-negative integer, got ${describe(extra)}.`,
      );
    }
    this.params = Object.freeze({ algorithm, kernel, threads, extraCandidates: extra });
  }

  /**
   * What was learned by {@link KNeighbors.fit}.
   * @throws NotFittedError before `fit`.
   */
  get fitted(): KNeighborsFitted {
    const s = this.#state;
    if (s === undefined) throw new NotFittedError('KNeighbors', 'fitted');
    return { nSamplesFit: s.n, nFeaturesIn: s.d, algorithm: s.tree === null ? 'brute' : 'kd-tree', kernel: s.kernel };
  }

  /**
   * Indexes `rows × cols` row-major values (kept by reference: do not modify `data` while
   * querying).
   * @param data - Row-major values, `rows × cols`, all finite.
   * @param rows - Number of rows (≥ 1).
   * @param cols - Number of columns (≥ 1).
   * @returns this
   * @throws DataValidationError when the sizes disagree with `data.length` or a value is not finite.
   */
  fit(data: Float64Array, rows: number, cols: number): this {
    if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= 1)) {
      throw new DataValidationError(
        `KNeighbors.fit: rows and cols must be positive integers, got rows = ${describe(rows)}, cols = ${describe(cols)}.`,
        { param: 'data' },
      );
    }
    if (!(data instanceof Float64Array) || data.length !== rows * cols) {
      throw new DataValidationError(
        `KNeighbors.fit: data must be a Float64Array of rows × cols = ${rows * cols} values, got ${ArrayBuffer.isView(data) ? `${data.constructor.name} of length ${(data as Float64Array).length}` : describe(data)}.`,
        { param: 'data' },
      );
    }
    const n = rows,
      d = cols;
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      for (let t = 0; t < d; t++) {
        const v = data[o + t]!;
        if (!Number.isFinite(v)) {
          throw new DataValidationError(
            `KNeighbors.fit: data row ${i}, column ${t} is ${v}; neighbour search needs finite values. Impute or drop it first.`,
            { param: 'data', row: i, column: t },
          );
        }
        mean[t]! += v;
      }
    }
    let maxAbs = 0;
    let xnMax = 0;
    for (let t = 0; t < d; t++) mean[t]! /= n;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let t = 0; t < d; t++) {
        const v = data[i * d + t]! - mean[t]!;
        const a = Math.abs(v);
        if (a > maxAbs) maxAbs = a;
        sum += v * v;
      }
      if (sum > xnMax) xnMax = sum;
    }
    const algorithm =
      this.params.algorithm === 'auto' ? (d <= KD_TREE_MAX_DIM ? 'kd-tree' : 'brute') : this.params.algorithm;
    if (algorithm === 'kd-tree') {
      this.#state = {
        data,
        n,
        d,
        mean,
        xnMax: 0,
        kernel: 'js',
        tree: buildKdTree(data, n, d),
        X: null,
        xn: null,
        wasm: null,
        wasmF32: null,
        shared: false,
        pilotPending: false,
      };
      return this;
    }
    simdOk ??= wasmSimdAvailable();
    let kernel: State['kernel'] = this.params.kernel === 'auto' ? 'wasm-i16' : this.params.kernel;
    // float32 squared norms and scales must stay finite; a 4 GiB wasm memory must hold the data.
    const rowBytes = kernel === 'wasm-i16' ? ((d + 1) & ~1) * 2 : d * 4;
    if (kernel !== 'js' && (!simdOk || maxAbs > 1e15 || (n + 8) * (rowBytes + 8) > 3.5 * 2 ** 30)) {
      if (this.params.kernel !== 'auto' && !simdOk) {
        throw new InvalidParameterError(
          'kernel',
          `KNeighbors: kernel '${kernel}' needs WebAssembly SIMD, which this runtime lacks. Use kernel: 'auto'.`,
        );
      }
      kernel = 'js';
    }
    let X: Float64Array | null = null;
    let xn: Float64Array | null = null;
    if (kernel === 'js') {
      const nPad = (n + 3) & ~3;
      X = new Float64Array(nPad * d);
      xn = new Float64Array(nPad);
      for (let i = 0; i < n; i++) xn[i] = centerInto(data, i * d, mean, d, X, i * d);
    }
    const shared = kernel !== 'js' && this.params.threads !== 1 && parallelAvailable();
    const wasm = kernel === 'js' ? null : packWasm(data, n, d, mean, kernel === 'wasm-i16', shared);
    this.#state = {
      data,
      n,
      d,
      mean,
      xnMax,
      kernel,
      tree: null,
      X,
      xn,
      wasm,
      wasmF32: kernel === 'wasm-f32' ? wasm : null,
      shared,
      pilotPending: kernel === 'wasm-i16' && this.params.kernel === 'auto',
    };
    return this;
  }

  /**
   * The `k` nearest fitted rows of each query row, nearest first, ties broken by the smaller index.
   * @param query - `nQuery × cols` row-major values (with `excludeSelf`, the fitted rows themselves).
   * @param nQuery - Number of query rows.
   * @param k - Neighbours per query row (≥ 1).
   * @param options - `excludeSelf`: query row `i` never returns fitted row `i`.
   * @returns `nQuery × k` indices and Euclidean distances.
   * @throws InvalidParameterError when `k` is not a positive integer.
   * @throws DataValidationError when `k` exceeds the rows available (fitted rows, minus one with
   * `excludeSelf`), the query has the wrong size or non-finite values, or `excludeSelf` is asked
   * with a query that is not the fitted data's row count.
   * @throws NotFittedError before `fit`.
   */
  kneighbors(query: Float64Array, nQuery: number, k: number, options: KNeighborsOptions = {}): KNeighborsResult {
    const s = this.#state;
    if (s === undefined) throw new NotFittedError('KNeighbors', 'kneighbors');
    if (!(Number.isInteger(k) && k >= 1)) {
      throw new InvalidParameterError('k', `KNeighbors.kneighbors: k must be a positive integer, got ${describe(k)}.`);
    }
    const { n, d } = s;
    const excludeSelf = options.excludeSelf === true;
    if (!(Number.isInteger(nQuery) && nQuery >= 0) || !(query instanceof Float64Array) || query.length !== nQuery * d) {
      throw new DataValidationError(
        `KNeighbors.kneighbors: query must be a Float64Array of nQuery × ${d} values, got ${ArrayBuffer.isView(query) ? `${query.constructor.name} of length ${(query as Float64Array).length}` : describe(query)} with nQuery = ${describe(nQuery)}.`,
        { param: 'query' },
      );
    }
    if (excludeSelf && nQuery !== n) {
      throw new DataValidationError(
        `KNeighbors.kneighbors: excludeSelf needs the fitted rows as the query (${n} rows), got ${nQuery} rows.`,
        { param: 'query' },
      );
    }
    const available = excludeSelf ? n - 1 : n;
    if (k > available) {
      throw new DataValidationError(
        `KNeighbors.kneighbors: k = ${k} neighbours requested but only ${available} row${available === 1 ? '' : 's'} can be returned (${n} fitted row${n === 1 ? '' : 's'}${excludeSelf ? ', minus the query row itself' : ''}). Lower k or fit on more rows.`,
        { param: 'k' },
      );
    }
    for (let i = 0; i < query.length; i++) {
      if (!Number.isFinite(query[i])) {
        const row = Math.floor(i / d);
        throw new DataValidationError(
          `KNeighbors.kneighbors: query row ${row}, column ${i % d} is ${query[i]}; neighbour search needs finite values.`,
          { param: 'query', row, column: i % d },
        );
      }
    }
    const indices = new Int32Array(nQuery * k);
    const distances = new Float64Array(nQuery * k);
    if (nQuery === 0) return { indices, distances, k };

    this.#lastRun = { threads: 1, workersJoined: 0, rescanned: 0, exhaustive: 0 };
    if (s.tree !== null) {
      queryKdTree(s.tree, query, nQuery, k, excludeSelf, indices, distances);
      return { indices, distances, k };
    }
    let todo: Int32Array | null = null; // null = all queries
    let K = Math.min(available, k + this.params.extraCandidates);
    if (s.pilotPending && nQuery >= 4 * PILOT && nQuery * n * d >= PARALLEL_WORK) {
      todo = this.#pilot(query, nQuery, k, K, available, excludeSelf, indices, distances);
    }
    let w = s.wasm;
    let allTried = false; // a scan that kept every row as a candidate failed (non-finite approximations)
    for (let pass = 0; ; pass++) {
      const m = todo === null ? nQuery : todo.length;
      if (m === 0) break;
      if (pass > 0) this.#lastRun.rescanned += m;
      if ((K > 256 && K < available) || allTried) {
        this.#lastRun.exhaustive += m;
        this.#exhaustive(query, todo, k, excludeSelf, indices, distances);
        break;
      }
      const cand = this.#scan(query, todo, K, excludeSelf, w);
      const failed = this.#rerank(query, todo, k, K, available, cand, w, indices, distances);
      todo = failed;
      allTried = K === available;
      // The int16 kernel's failures are searched again by the float32 kernel (a bound some 10×
      // tighter) with as many candidates; the float32 and JS kernels' with 4× the candidates.
      if (w?.int16 && !allTried) w = this.#float32();
      else K = Math.min(available, K * 4);
    }
    return { indices, distances, k };
  }

  /**
   * How the last {@link KNeighbors.kneighbors} call ran (diagnostics for tests and benchmarks).
   * @internal
   */
  get lastRun(): Readonly<KNeighborsRunInfo> {
    return { ...this.#lastRun };
  }

  /**
   * `kernel: 'auto'` tries the int16 kernel on `PILOT` evenly spaced queries of the first large
   * search; when more than a quarter of their certificates fail (neighbour gaps on these data are
   * finer than the quantisation can certify), this fit uses the float32 kernel from then on.
   * Certified answers are written; returns the queries still to search.
   */
  #pilot(
    query: Float64Array,
    nQuery: number,
    k: number,
    K: number,
    available: number,
    excludeSelf: boolean,
    indices: Int32Array,
    distances: Float64Array,
  ): Int32Array {
    const s = this.#state as State;
    s.pilotPending = false;
    const sub = Int32Array.from({ length: PILOT }, (_, i) => Math.floor((i * nQuery) / PILOT));
    const c = this.#scan(query, sub, K, excludeSelf, s.wasm);
    const failed = this.#rerank(query, sub, k, K, available, c, s.wasm, indices, distances);
    if (failed.length > PILOT / 4) {
      s.wasm = this.#float32();
      s.kernel = 'wasm-f32';
    }
    const done = new Uint8Array(nQuery);
    for (const i of sub) done[i] = 1;
    for (const i of failed) done[i] = 0;
    const todo = new Int32Array(nQuery - PILOT + failed.length);
    for (let i = 0, p = 0; i < nQuery; i++) if (done[i] === 0) todo[p++] = i;
    return todo;
  }

  /** The float32 kernel's packing of the data (built on first use). */
  #float32(): WasmState {
    const s = this.#state as State;
    s.wasmF32 ??= packWasm(s.data, s.n, s.d, s.mean, false, s.shared);
    return s.wasmF32;
  }

  /** Candidate scan for the queries in `sub` (all when null). */
  #scan(query: Float64Array, sub: Int32Array | null, K: number, excludeSelf: boolean, w: WasmState | null): Candidates {
    const s = this.#state as State;
    const { n, d, mean } = s;
    const m = sub === null ? query.length / d : sub.length;
    const mPad = Math.ceil(m / MB) * MB;
    const qn = new Float64Array(m);
    const rowOf = (i: number): number => (sub === null ? i : sub[i]!);
    if (w === null) {
      const Q = new Float64Array(mPad * d);
      for (let i = 0; i < m; i++) qn[i] = centerInto(query, rowOf(i) * d, mean, d, Q, i * d);
      const cand = new Int32Array(m * K);
      const candVal = new Float64Array(m * K);
      const fill = new Int32Array(m);
      let self: Int32Array | null = null;
      if (excludeSelf) {
        self = new Int32Array(m);
        for (let i = 0; i < m; i++) self[i] = rowOf(i);
      }
      const qnPad = new Float64Array(mPad);
      qnPad.set(qn);
      candidateScan({
        nQ: m,
        n,
        d,
        K,
        MB,
        NB,
        cand,
        candVal,
        fill,
        self,
        counter: new Int32Array(1),
        counterAt: 0,
        dist: null,
        rowBytes: 0,
        qPtr: 0,
        qnPtr: 0,
        pPtr: 0,
        xnPtr: 0,
        sxPtr: 0,
        sqPtr: 0,
        outPtr: 0,
        thrPtr: 0,
        hitPtr: 0,
        thrF: null,
        hits: null,
        out: new Float64Array(MB * NB),
        X: s.X,
        xn: s.xn,
        Q,
        qn: qnPad,
      });
      return { cand, candVal, fill, qn, qRes: null };
    }
    const int16 = w.int16;
    const qRes = int16 ? new Float64Array(m) : null;
    const threads = this.#threads(m, w);
    const qPtr = w.dataEnd;
    const qnPtr = align16(qPtr + mPad * w.rowBytes);
    const sqPtr = int16 ? align16(qnPtr + mPad * 4) : 0;
    const candPtr = align16((int16 ? sqPtr : qnPtr) + mPad * 4);
    const candValPtr = align16(candPtr + m * K * 4);
    const fillPtr = align16(candValPtr + m * K * 4);
    const selfPtr = excludeSelf ? align16(fillPtr + m * 4) : 0;
    const outBase = align16((excludeSelf ? selfPtr : fillPtr) + m * 4);
    const end = outBase + threads * slotBytes(MB, NB);
    if (!ensureBytes(w.memory, w.maxPages, end) && m > 1) {
      // Cannot happen for data that passed fit's size check unless the query is huge: split it.
      const half = Math.floor(m / 2);
      const all = sub ?? Int32Array.from({ length: m }, (_, i) => i);
      const a = this.#scan(query, all.subarray(0, half), K, excludeSelf, w);
      const b = this.#scan(query, all.subarray(half), K, excludeSelf, w);
      const cand = new Int32Array(m * K);
      cand.set(a.cand);
      cand.set(b.cand, half * K);
      const candVal = new Float32Array(m * K);
      candVal.set(a.candVal);
      candVal.set(b.candVal, half * K);
      const fill = new Int32Array(m);
      fill.set(a.fill);
      fill.set(b.fill, half);
      qn.set(a.qn);
      qn.set(b.qn, half);
      if (qRes !== null) {
        qRes.set(a.qRes as Float64Array);
        qRes.set(b.qRes as Float64Array, half);
      }
      return { cand, candVal, fill, qn, qRes };
    }
    const buf = w.memory.buffer;
    const QN = new Float32Array(buf, qnPtr, mPad);
    QN.fill(0);
    if (int16) {
      const dPad = w.rowBytes >> 1;
      const Qi = new Int16Array(buf, qPtr, mPad * dPad);
      Qi.fill(0);
      const SQ = new Float32Array(buf, sqPtr, mPad);
      SQ.fill(0);
      const v = new Float64Array(d);
      const aux = new Float64Array(2);
      for (let i = 0; i < m; i++) {
        QN[i] = qn[i] = centerInto(query, rowOf(i) * d, mean, d, v, 0);
        SQ[i] = 2 * quantizeRow(v, d, Qi, i * dPad, 2, aux);
        (qRes as Float64Array)[i] = aux[0]!;
      }
    } else {
      const Qf = new Float32Array(buf, qPtr, mPad * d);
      Qf.fill(0);
      for (let i = 0; i < m; i++) QN[i] = qn[i] = centerInto(query, rowOf(i) * d, mean, d, Qf, i * d);
    }
    if (excludeSelf) {
      const S = new Int32Array(buf, selfPtr, m);
      for (let i = 0; i < m; i++) S[i] = rowOf(i);
    }
    const layout: ScanLayout = {
      nQ: m,
      n,
      d,
      K,
      MB,
      NB,
      rowBytes: w.rowBytes,
      qPtr,
      qnPtr,
      pPtr: w.pPtr,
      xnPtr: w.xnPtr,
      sxPtr: w.sxPtr,
      sqPtr,
      candPtr,
      candValPtr,
      fillPtr,
      selfPtr,
      outBase,
    };
    const ctrl = new Int32Array(buf, 0, 16);
    Atomics.store(ctrl, 0, 0);
    this.#lastRun.threads = Math.max(this.#lastRun.threads, threads);
    if (threads > 1) this.#lastRun.workersJoined += parallelScan(w.module, w.memory, w.dist, layout, threads - 1);
    else candidateScan(viewArgs(layout, buf, w.dist, 0));
    const b2 = w.memory.buffer;
    return {
      cand: new Int32Array(b2, candPtr, m * K).slice(),
      candVal: new Float32Array(b2, candValPtr, m * K).slice(),
      fill: new Int32Array(b2, fillPtr, m).slice(),
      qn,
      qRes,
    };
  }

  #threads(m: number, w: WasmState): number {
    const t = this.params.threads;
    if (!w.shared) return 1;
    if (t === 'auto')
      return m * (this.#state as State).n * (this.#state as State).d >= PARALLEL_WORK && m >= 2 * MB ? 2 : 1;
    return Math.max(1, Math.min(t, 15, Math.ceil(m / MB)));
  }

  /**
   * Exact distances for the candidates, ranking by (distance, index), and the certificate that no
   * other row can be closer. Writes certified rows; returns the query indices that failed.
   */
  #rerank(
    query: Float64Array,
    sub: Int32Array | null,
    k: number,
    K: number,
    available: number,
    c: Candidates,
    w: WasmState | null,
    indices: Int32Array,
    distances: Float64Array,
  ): Int32Array {
    const s = this.#state as State;
    const { data, d, xnMax } = s;
    const unit = w === null ? U64 : U32;
    const m = c.fill.length;
    const slack = 1 + 4 * (d + 2) * U64;
    const idx = new Int32Array(K);
    const ex = new Float64Array(K);
    const failed: number[] = [];
    for (let i = 0; i < m; i++) {
      const qi = sub === null ? i : sub[i]!;
      const qo = qi * d;
      const f = c.fill[i]!;
      for (let a = 0; a < f; a++) {
        const j = c.cand[i * K + a]!;
        const xo = j * d;
        let acc = 0;
        for (let t = 0; t < d; t++) {
          const diff = query[qo + t]! - data[xo + t]!;
          acc += diff * diff;
        }
        // insertion by (distance, index)
        let p = a;
        while (p > 0 && (ex[p - 1]! > acc || (ex[p - 1] === acc && idx[p - 1]! > j))) {
          ex[p] = ex[p - 1]!;
          idx[p] = idx[p - 1]!;
          p--;
        }
        ex[p] = acc;
        idx[p] = j;
      }
      if (f < available) {
        // Every row outside the candidates had an approximation ≥ the last candidate's (a scan that
        // filled fewer than K met non-finite approximations: no certificate).
        const worst = f === K ? c.candVal[i * K + K - 1]! : -Infinity;
        const limit = ex[k - 1]! * slack;
        if (!(worst - this.#errorBound(c, i, limit, w, unit, xnMax) > limit)) {
          failed.push(qi);
          continue;
        }
      }
      const o = qi * k;
      for (let a = 0; a < k; a++) {
        indices[o + a] = idx[a]!;
        distances[o + a] = Math.sqrt(ex[a]!);
      }
    }
    return Int32Array.from(failed);
  }

  /**
   * A bound on the kernel's error in the approximate squared distance of query `i` to any data row
   * that could be within squared distance `limit` of it.
   *
   * @remarks
   * The approximation is `‖q‖² + ‖x‖² − 2 q̂·x̂` in float32: rounding over `d` terms is at most
   * `u·(2d + 32)·(‖q‖² + ‖x‖²)` (u = 2⁻²⁴, or 2⁻⁵³ for the float64 kernel). The int16 kernel adds
   * `2|q·x − q̂·x̂| ≤ 2(‖q‖·‖x − x̂‖ + ‖q − q̂‖·‖x̂‖)` (Cauchy–Schwarz; the dot product of the
   * integers itself is exact), with 1% over for the float64 arithmetic of the residuals. Two bounds
   * on `x` are valid and the smaller is taken: the largest over all rows, and the one for rows with
   * `‖x‖ ≤ ‖q‖ + √limit`, which is every row within `limit` (triangle inequality).
   */
  #errorBound(c: Candidates, i: number, limit: number, w: WasmState | null, unit: number, xnMax: number): number {
    const d = (this.#state as State).d;
    const qn = c.qn[i]!;
    const nq = Math.sqrt(qn);
    const R = nq + Math.sqrt(limit);
    let all = unit * (2 * d + 32) * (qn + xnMax);
    let near = unit * (2 * d + 32) * (qn + R * R);
    if (w?.int16) {
      const rq = (c.qRes as Float64Array)[i]!;
      const rho = w.resPerNorm;
      all += 2.02 * (nq * w.maxRes + rq * w.maxQNorm);
      near += 2.02 * R * (nq * rho + rq * (1 + rho));
    }
    return Math.min(all, near);
  }

  /** Exhaustive exact search (direct differences) for the queries in `sub`. */
  #exhaustive(
    query: Float64Array,
    sub: Int32Array | null,
    k: number,
    excludeSelf: boolean,
    indices: Int32Array,
    distances: Float64Array,
  ): void {
    const s = this.#state as State;
    const { data, n, d } = s;
    const m = sub === null ? query.length / d : sub.length;
    const idx = new Int32Array(k);
    const ex = new Float64Array(k);
    for (let i = 0; i < m; i++) {
      const qi = sub === null ? i : sub[i]!;
      const qo = qi * d;
      let filled = 0;
      let worst = Infinity;
      for (let j = 0; j < n; j++) {
        if (excludeSelf && j === qi) continue;
        const xo = j * d;
        let acc = 0;
        for (let t = 0; t < d; t++) {
          const diff = query[qo + t]! - data[xo + t]!;
          acc += diff * diff;
        }
        if (acc < worst || filled < k) {
          if (filled < k) filled++;
          let p = filled - 1;
          while (p > 0 && ex[p - 1]! > acc) {
            ex[p] = ex[p - 1]!;
            idx[p] = idx[p - 1]!;
            p--;
          }
          ex[p] = acc;
          idx[p] = j;
          if (filled === k) worst = ex[k - 1]!;
        }
      }
      const o = qi * k;
      for (let a = 0; a < k; a++) {
        indices[o + a] = idx[a]!;
        distances[o + a] = Math.sqrt(ex[a]!);
      }
    }
  }
}
