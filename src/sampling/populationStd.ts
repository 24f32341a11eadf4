/**
 * The population standard deviation of one column over some rows of a row-major matrix — the
 * spread RandomOverSampler's smoothed bootstrap and SMOTENC's median both read, computed once.
 *
 * @internal
 * @module
 */

/**
 * `√(Σ(x − x̄)² / n)` of column `j` over the rows `idx` of `data` (`cols` wide, row-major): the mean
 * first, summed in `idx` order, then the squared deviations in the same order. Finite for any
 * finite column: where the plain sums overflow (values near ±1.8e308), it is computed again on
 * the column divided by its largest magnitude and scaled back (so ordinary data keeps the plain
 * sums' exact result). It is `Infinity` only when the spread itself exceeds the double range.
 * @internal
 */
export function populationStd(data: Float64Array, cols: number, idx: Int32Array, j: number): number {
  const plain = scaledStd(data, cols, idx, j, 1);
  if (Number.isFinite(plain)) return plain;
  let m = 0;
  for (let s = 0; s < idx.length; s++) m = Math.max(m, Math.abs(data[(idx[s] as number) * cols + j] as number));
  return m * scaledStd(data, cols, idx, j, m);
}

/** The population standard deviation of column `j` divided by `m`. */
function scaledStd(data: Float64Array, cols: number, idx: Int32Array, j: number, m: number): number {
  const n = idx.length;
  let mean = 0;
  for (let s = 0; s < n; s++) mean += (data[(idx[s] as number) * cols + j] as number) / m;
  mean /= n;
  let v = 0;
  for (let s = 0; s < n; s++) {
    const d = (data[(idx[s] as number) * cols + j] as number) / m - mean;
    v += d * d;
  }
  return Math.sqrt(v / n);
}
