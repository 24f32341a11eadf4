/**
 * The population standard deviation of one column over some rows of a row-major matrix — the
 * spread RandomOverSampler's smoothed bootstrap and SMOTENC's median both read, computed once.
 *
 * @internal
 * @module
 */

/**
 * `√(Σ(x − x̄)² / n)` of column `j` over the rows `idx` of `data` (`cols` wide, row-major): the mean
 * first, summed in `idx` order, then the squared deviations in the same order. @internal
 */
export function populationStd(data: Float64Array, cols: number, idx: Int32Array, j: number): number {
  const n = idx.length;
  let mean = 0;
  for (let s = 0; s < n; s++) mean += data[(idx[s] as number) * cols + j] as number;
  mean /= n;
  let v = 0;
  for (let s = 0; s < n; s++) {
    const d = (data[(idx[s] as number) * cols + j] as number) - mean;
    v += d * d;
  }
  return Math.sqrt(v / n);
}
