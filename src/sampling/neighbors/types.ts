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
