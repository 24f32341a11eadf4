import { InvalidParameterError, NotFittedError, refuseDetached } from '../../core/errors.js';
import { checkInteger, checkOneOf, checkOptions } from '../../core/validate.js';
import { rerank } from './certificate.js';
import { answerDuplicates, type DuplicateIndex } from './duplicates.js';
import { exhaustiveSearch } from './exhaustive.js';
import { chooseFrame, columnRanges, type Frame, queryInFrame, settleRange } from './exponentRange.js';
import { checkFitData, checkQuery, refuseNonFinite } from './inputs.js';
import { type JsKernelData, packJs, scanJs } from './jsKernel.js';
import { buildKdTree, type KdTree, queryKdTree } from './kdtree.js';
import { parallelAvailable } from './parallel.js';
import { MB } from './scan.js';
import type { Candidates } from './candidates.js';
import type {
  KNeighborsFitted,
  KNeighborsOptions,
  KNeighborsParams,
  KNeighborsResult,
  KNeighborsRunInfo,
  NeighborSearch,
} from './types.js';
import {
  finishScanWasm,
  packedRowBytes,
  packWasm,
  scanWasm,
  startScanWasm,
  type WasmState,
  wasmKernelsAvailable,
} from './wasmPacking.js';

export type { KNeighborsFitted, KNeighborsParams, KNeighborsRunInfo } from './types.js';

interface State {
  /** The caller's rows (kept by reference). */
  original: Float64Array;
  /** The frame the search runs in (see `exponentRange.ts`): `data` is `frame.data`. */
  frame: Frame;
  /** The fitted rows in the frame. */
  data: Float64Array;
  n: number;
  d: number;
  mean: Float64Array;
  /** Largest squared norm of a centered data row. */
  xnMax: number;
  kernel: 'wasm-i16' | 'wasm-f32' | 'js';
  tree: KdTree | null;
  /** The JavaScript kernel's centered rows (that kernel only). */
  js: JsKernelData | null;
  /** The wasm kernel in use, and the float32 packing when it has been built. */
  wasm: WasmState | null;
  wasmF32: WasmState | null;
  /** Memory of the wasm kernels: shared (workers may join) or not. */
  shared: boolean;
  /** `kernel: 'auto'` chose int16 and no large query has tried it on these data yet. */
  pilotPending: boolean;
  /** The fitted rows grouped by value (built by the first search; null: not applicable). */
  duplicates?: DuplicateIndex | null;
  /** An upper bound on the largest group of equal fitted rows (duplicates.ts). */
  duplicateBound?: number;
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

/** Above this work (query rows × data rows × columns), 'auto' threads uses a worker. */
const PARALLEL_WORK = 2e7;
/** Queries in the int16 kernel's trial (see `#pilot`). */
const PILOT = 256;
/** Candidate lists longer than this are not worth a scan: the exhaustive search answers. */
const MAX_CANDIDATES = 256;

/** A {@link KNeighborsRunInfo} before any search. */
const NO_RUN: Readonly<KNeighborsRunInfo> = {
  threads: 0,
  workersJoined: 0,
  rescanned: 0,
  exhaustive: 0,
  rangeSafe: 0,
  duplicates: 0,
};

const WHO = 'KNeighbors';
const OPTIONS = ['algorithm', 'kernel', 'threads', 'extraCandidates'];

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
 * duplicates) is searched again — by the float32 kernel after the int16 one (or straight with
 * more candidates when most failures are ties, which no tighter kernel resolves), then with more
 * candidates, finally exhaustively. So the answer is the exact one, ties broken by the smaller row
 * index, whatever kernel or thread count ran. With `kernel: 'auto'`, the first large search tries
 * the int16 kernel on 256 of its queries and keeps the float32 kernel for this fit if more than a
 * quarter cannot be certified (data whose nearest neighbours are far closer to each other than to
 * the mean, e.g. tight clusters far from the centre).
 *
 * Data with repeated rows: a query row with at least `k` fitted rows equal to it, value for value,
 * is answered by them — the `k` of smallest index, at distance 0, which is the exact answer —
 * without a scan (rows are grouped by a hash of their values when the first large search starts;
 * off when values below 2⁻⁴⁰⁰ in magnitude could put different rows at distance 0). Without this,
 * more tied rows than candidates would fail every such query's certificate: 30,000 rows of 449
 * columns as 300 distinct rows × 100 copies took 38.8 s instead of 0.6 s.
 *
 * Values of any finite magnitude are answered exactly: when the data's spread would put squared
 * distances beyond float64's exponent range (differences above about 10¹⁵⁴ or below about
 * 10⁻¹²), the search runs on the data times a power of two — exact, order-preserving — and reports
 * distances in the original scale; the rare query rows no common power of two serves (data
 * spanning hundreds of orders of magnitude, queries far outside the data) are answered by a slower
 * search that carries each squared distance's exponent separately. A distance beyond the largest
 * float64 is an error, never `Infinity`.
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
  #lastRun: KNeighborsRunInfo = { ...NO_RUN };

  /**
   * @param options - Algorithm, kernel, thread count and candidate slack; all optional.
   * @throws InvalidParameterError for an unknown option (naming the closest known one), an unknown
   * algorithm or kernel, a thread count that is not `'auto'` or a positive integer, or a negative
   * `extraCandidates`.
   */
  constructor(options: KNeighborsParams = {}) {
    const o = checkOptions(WHO, options, OPTIONS);
    const algorithm = checkOneOf(WHO, 'algorithm', o.algorithm, ['auto', 'brute', 'kd-tree'], 'auto');
    const kernel = checkOneOf(WHO, 'kernel', o.kernel, ['auto', 'wasm-i16', 'wasm-f32', 'js'], 'auto');
    const threads =
      o.threads === undefined || o.threads === 'auto'
        ? 'auto'
        : checkInteger(
            WHO,
            'threads',
            o.threads,
            { min: 1 },
            undefined,
            "Pass 'auto' (the default) or a thread count.",
          );
    const extraCandidates = checkInteger(WHO, 'extraCandidates', o.extraCandidates, { min: 0 }, 8);
    this.params = Object.freeze({ algorithm, kernel, threads, extraCandidates });
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
   * querying; data whose spread needs rescaling, see the class remarks, are also copied once).
   * @param data - Row-major values, `rows × cols`, all finite.
   * @param rows - Number of rows (≥ 1).
   * @param cols - Number of columns (≥ 1).
   * @returns this
   * @throws DataValidationError when the sizes disagree with `data.length` or a value is not finite.
   */
  fit(data: Float64Array, rows: number, cols: number): this {
    checkFitData(data, rows, cols);
    const n = rows,
      d = cols;
    const ranges = columnRanges(data, n, d);
    if (!ranges.finite) refuseNonFinite(data, d);
    // the search runs on the rows times a power of two when their scale needs it
    const frame = chooseFrame(data, n, d, ranges);
    const X = frame.data;
    const mean = frame.exponent === 0 ? ranges.sum.map((v) => v / n) : columnMeans(X, n, d);
    const maxAbs = centeredMaxAbs(frame, mean);
    const algorithm =
      this.params.algorithm === 'auto' ? (d <= KD_TREE_MAX_DIM ? 'kd-tree' : 'brute') : this.params.algorithm;
    if (algorithm === 'kd-tree') {
      this.#state = {
        original: data,
        frame,
        data: X,
        n,
        d,
        mean,
        xnMax: 0,
        kernel: 'js',
        tree: buildKdTree(X, n, d),
        js: null,
        wasm: null,
        wasmF32: null,
        shared: false,
        pilotPending: false,
      };
      return this;
    }
    const simdOk = wasmKernelsAvailable();
    let kernel: State['kernel'] = this.params.kernel === 'auto' ? 'wasm-i16' : this.params.kernel;
    // float32 squared norms and scales must stay finite; a 4 GiB wasm memory must hold the data.
    const rowBytes = packedRowBytes(d, kernel === 'wasm-i16');
    if (kernel !== 'js' && (!simdOk || maxAbs > 1e15 || (n + 8) * (rowBytes + 8) > 3.5 * 2 ** 30)) {
      if (this.params.kernel !== 'auto' && !simdOk) {
        throw new InvalidParameterError(
          'kernel',
          `KNeighbors: kernel '${kernel}' needs WebAssembly SIMD, which this runtime lacks. Use kernel: 'auto'.`,
        );
      }
      kernel = 'js';
    }
    const shared = kernel !== 'js' && this.params.threads !== 1 && parallelAvailable();
    // the previous fit's memory is reused when it can hold these rows (no new worker thread)
    const previous = this.#state?.wasm ?? undefined;
    this.#state = undefined; // a failed packing leaves no half-replaced state behind
    const wasm = kernel === 'js' ? null : packWasm(X, n, d, mean, kernel === 'wasm-i16', shared, previous);
    const js = kernel === 'js' ? packJs(X, n, d, mean) : null;
    this.#state = {
      original: data,
      frame,
      data: X,
      n,
      d,
      mean,
      xnMax: wasm?.xnMax ?? (js as JsKernelData).xnMax,
      kernel,
      tree: null,
      js,
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
   * @throws InvalidParameterError when `k` is not a positive integer or `options` has an unknown key.
   * @throws DataValidationError when `k` exceeds the rows available (fitted rows, minus one with
   * `excludeSelf`), the query has the wrong size or non-finite values, or `excludeSelf` is asked
   * with a query that is not the fitted data's row count, or a distance exceeds the largest float64
   * (rows more than about 1.8·10³⁰⁸ apart).
   * @throws NotFittedError before `fit`.
   */
  kneighbors(query: Float64Array, nQuery: number, k: number, options: KNeighborsOptions = {}): KNeighborsResult {
    return this.kneighborsLater(query, nQuery, k, options)();
  }

  /**
   * {@link KNeighbors.kneighbors} in two steps: checks the query and hands its candidate scan to
   * the worker threads, then returns the step that joins the scan and re-ranks. Between the two the
   * caller may prepare and start the next query while the workers scan this one. Queries started
   * must be finished in the order started, with no `fit` between; results are those of `kneighbors`.
   * @internal
   */
  kneighborsLater(
    query: Float64Array,
    nQuery: number,
    k: number,
    options: KNeighborsOptions = {},
  ): () => KNeighborsResult {
    const s = this.#state;
    if (s === undefined) throw new NotFittedError('KNeighbors', 'kneighbors');
    // the fitted rows are read again by the exact re-rank: gone if their buffer was transferred
    refuseDetached('KNeighbors.kneighbors', 'X', s.data, 'the fitted data');
    const { n, d } = s;
    const { excludeSelf, available, magnitude } = checkQuery(query, nQuery, k, options, n, d);
    const indices = new Int32Array(nQuery * k);
    const distances = new Float64Array(nQuery * k);
    if (nQuery === 0) return () => ({ indices, distances, k });

    const run: KNeighborsRunInfo = { ...NO_RUN, threads: 1 };
    this.#lastRun = run;
    // the query in the search's frame; rows it cannot hold are answered by the range-safe search
    const { q, far } = queryInFrame(query, nQuery, s.frame, query === s.original, magnitude);
    let finish = (): void => {};
    if (s.tree !== null) queryKdTree(s.tree, q, nQuery, k, excludeSelf, indices, distances);
    else {
      // queries with k identical fitted rows are answered by them (see duplicates.ts)
      const self = query === s.original && q === s.data;
      const todo = answerDuplicates(s, q, nQuery, k, excludeSelf, self, indices, distances);
      run.duplicates = todo === null ? 0 : nQuery - todo.length;
      finish = this.#search(q, nQuery, todo, k, available, excludeSelf, indices, distances, run);
    }
    let result: KNeighborsResult | undefined;
    return () => {
      if (result !== undefined) return result;
      // the scan is joined once, even when this step throws and is called again
      const joinScan = finish;
      finish = (): void => {};
      joinScan();
      run.rangeSafe = settleRange(
        'KNeighbors.kneighbors',
        s.frame,
        s.original,
        n,
        query,
        nQuery,
        k,
        excludeSelf,
        far,
        indices,
        distances,
      );
      this.#lastRun = run;
      result = { indices, distances, k };
      return result;
    };
  }

  /**
   * The brute-force search in passes: candidate scan, exact re-rank and certificate; the queries
   * whose certificate failed go round again with a tighter kernel or more candidates, and finally
   * to the exhaustive search. The first pass's scan is started here (on the workers); the rest
   * runs in the returned step.
   */
  #search(
    query: Float64Array,
    nQuery: number,
    first: Int32Array | null,
    k: number,
    available: number,
    excludeSelf: boolean,
    indices: Int32Array,
    distances: Float64Array,
    run: KNeighborsRunInfo,
  ): () => void {
    const s = this.#state as State;
    const { n, d } = s;
    let todo: Int32Array | null = first; // null = all queries
    let K = Math.min(available, k + this.params.extraCandidates);
    const m0 = first === null ? nQuery : first.length;
    if (s.pilotPending && m0 >= 4 * PILOT && m0 * n * d >= PARALLEL_WORK) {
      todo = this.#pilot(query, first, nQuery, k, K, available, excludeSelf, indices, distances, run);
    }
    let w = s.wasm;
    const w0 = w;
    const started =
      w0 !== null && (todo === null ? nQuery : todo.length) > 0 && !(K > MAX_CANDIDATES && K < available)
        ? startScanWasm(w0, s, query, todo, K, excludeSelf, (m) => this.#threads(m, w0), run)
        : null;
    return () => {
      let allTried = false; // a scan that kept every row as a candidate failed (non-finite approximations)
      for (let pass = 0; ; pass++) {
        const m = todo === null ? nQuery : todo.length;
        if (m === 0) break;
        if (pass > 0) run.rescanned += m;
        if ((K > MAX_CANDIDATES && K < available) || allTried) {
          run.exhaustive += m;
          exhaustiveSearch(s.data, n, d, query, todo, k, excludeSelf, indices, distances);
          break;
        }
        const cand =
          pass === 0 && started !== null ? finishScanWasm(started) : this.#scan(query, todo, K, excludeSelf, w, run);
        const ties = { count: 0 };
        todo = rerank(s, query, todo, k, K, available, cand, w, indices, distances, ties);
        // every query certified: done (and no float32 packing is built for a rescan that never comes)
        if (todo.length === 0) break;
        allTried = K === available;
        // The int16 kernel's failures are searched again by the float32 kernel (a bound some 10×
        // tighter) with as many candidates; the float32 and JS kernels' with 4× the candidates, and
        // the int16 kernel's too when most were ties (no tighter bound separates those).
        if (w?.int16 && !allTried && 2 * ties.count <= todo.length) w = this.#float32();
        else K = Math.min(available, K * 4);
      }
    };
  }

  /** How the last {@link KNeighbors.kneighbors} call ran (diagnostics for tests and benchmarks). @internal */
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
    first: Int32Array | null,
    nQuery: number,
    k: number,
    K: number,
    available: number,
    excludeSelf: boolean,
    indices: Int32Array,
    distances: Float64Array,
    run: KNeighborsRunInfo,
  ): Int32Array {
    const s = this.#state as State;
    s.pilotPending = false;
    const m0 = first === null ? nQuery : first.length;
    const at = (i: number): number => (first === null ? i : (first[i] as number));
    const sub = Int32Array.from({ length: PILOT }, (_, i) => at(Math.floor((i * m0) / PILOT)));
    const c = this.#scan(query, sub, K, excludeSelf, s.wasm, run);
    const failed = rerank(s, query, sub, k, K, available, c, s.wasm, indices, distances);
    if (failed.length > PILOT / 4) {
      s.wasm = this.#float32();
      s.kernel = 'wasm-f32';
    }
    const done = new Uint8Array(nQuery);
    for (const i of sub) done[i] = 1;
    for (const i of failed) done[i] = 0;
    const todo = new Int32Array(m0 - PILOT + failed.length);
    for (let t = 0, p = 0; t < m0; t++) if (done[at(t)] === 0) todo[p++] = at(t);
    return todo;
  }

  /** The float32 kernel's packing of the data (built on first use). */
  #float32(): WasmState {
    const s = this.#state as State;
    s.wasmF32 ??= packWasm(s.data, s.n, s.d, s.mean, false, s.shared);
    return s.wasmF32;
  }

  /**
   * Candidate scan for the queries in `sub` (all when null) by the wasm kernel `w` or (null) JS; on
   * the calling thread alone while a scan started by {@link KNeighbors.kneighborsLater} is not
   * finished (its workers are busy with it, or bound to its memory).
   */
  #scan(
    query: Float64Array,
    sub: Int32Array | null,
    K: number,
    excludeSelf: boolean,
    w: WasmState | null,
    run: KNeighborsRunInfo,
  ): Candidates {
    const s = this.#state as State;
    if (w === null) return scanJs(s.js as JsKernelData, s, query, sub, K, excludeSelf);
    const busy = (s.wasm?.busy.length ?? 0) + (s.wasmF32?.busy.length ?? 0) > 0;
    const threadsFor = (m: number): number => (busy ? 1 : this.#threads(m, w));
    return scanWasm(w, s, query, sub, K, excludeSelf, threadsFor, run);
  }

  /** Threads for a scan of `m` query rows by `w`. */
  #threads(m: number, w: WasmState): number {
    const t = this.params.threads;
    if (!w.shared) return 1;
    const { n, d } = this.#state as State;
    if (t === 'auto') return m * n * d >= PARALLEL_WORK && m >= 2 * MB ? 2 : 1;
    return Math.max(1, Math.min(t, 15, Math.ceil(m / MB)));
  }
}

/** The column means of `n × d` rows (each column summed in row order). */
function columnMeans(X: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t]! += X[i * d + t]!;
  for (let t = 0; t < d; t++) mean[t]! /= n;
  return mean;
}

/**
 * The largest `|x − mean_t|` over the rows, from each column's extremes: `fl(x − m)` is monotone in
 * `x`, so its largest and smallest values are those of the column's largest and smallest `x`.
 */
function centeredMaxAbs({ lo, hi }: Frame, mean: Float64Array): number {
  let top = 0;
  for (let t = 0; t < mean.length; t++) {
    top = Math.max(top, Math.abs(hi[t]! - mean[t]!), Math.abs(lo[t]! - mean[t]!));
  }
  return top;
}
