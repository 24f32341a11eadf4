/**
 * The result of a k-nearest-neighbour query: `nQuery × k` row-major tables.
 */
export interface KNeighborsResult {
  /** Neighbour indices into the fitted rows, nearest first; ties broken by smaller index. */
  indices: Int32Array;
  /** Euclidean distances matching `indices` (ascending per query row). */
  distances: Float64Array;
  /** Number of neighbours per query row. */
  k: number;
}

/** Options for {@link NeighborSearch.kneighbors}. */
export interface KNeighborsOptions {
  /**
   * The query rows are the fitted rows themselves (same order): query row `i` never returns
   * fitted row `i` as its neighbour (exact self-exclusion, even with duplicate rows — an
   * improvement over imbalanced-learn's "query k+1 and drop column 0").
   * @defaultValue false
   */
  excludeSelf?: boolean;
}

/**
 * A neighbour search over contiguous row-major Float64 data. SMOTE, ADASYN and SMOTENC accept any
 * object implementing it (as imbalanced-learn accepts a NearestNeighbors estimator); the library's
 * exact engine is the default.
 */
export interface NeighborSearch {
  /**
   * Indexes `rows × cols` row-major values. The search may keep a reference to `data`; callers
   * must not modify it until they are done querying.
   */
  fit(data: Float64Array, rows: number, cols: number): this;
  /**
   * The `k` nearest fitted rows of each of the `nQuery` query rows (`nQuery × cols` row-major).
   */
  kneighbors(query: Float64Array, nQuery: number, k: number, options?: KNeighborsOptions): KNeighborsResult;
}

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
   * The distance kernel of the brute-force candidate scan (4 × 8 register tiles in WebAssembly
   * SIMD, 4 × 4 in JavaScript):
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
  /** Query rows answered by the range-safe search (squared distances beyond float64's exponent range). */
  rangeSafe: number;
  /** Query rows answered by `k` fitted rows identical to them (distance 0), without a scan. */
  duplicates: number;
}
