/**
 * Per-column mean and population variance of a row-major matrix, NaN ignored, as scikit-learn
 * computes them for `StandardScaler`.
 *
 * @module
 */

/** The result of {@link nanMeanVariance}. @internal */
export interface MeanVariance {
  /** Per column: the mean of its non-NaN values (NaN for columns not asked for or without values). */
  readonly mean: Float64Array;
  /** Per column: the population variance (divided by n) of its non-NaN values, NaN likewise. */
  readonly variance: Float64Array;
}

/**
 * The mean and the population variance (ddof 0) of the non-NaN values of some columns, by
 * scikit-learn's corrected two-pass formula: with `d = x − mean`, `var = (Σd² − (Σd)²/n) / n`.
 *
 * @remarks
 * The passes run row-major (cache friendly); per column the additions still run in row order,
 * which is exactly NumPy's order for `nansum(X, axis=0)` on a C-ordered matrix, so the results
 * agree with scikit-learn to the last bit.
 *
 * @param data - The matrix, row-major: row `i`, column `j` is `data[i * cols + j]`.
 * @param cols - Number of columns.
 * @param columns - The columns to compute (the others are NaN in the result).
 * @param count - Per column, the number of non-NaN values (`nanCount`).
 * @returns Means and variances, one per column.
 * @internal
 */
export function nanMeanVariance(
  data: ArrayLike<number>,
  cols: number,
  columns: ArrayLike<number>,
  count: ArrayLike<number>,
): MeanVariance {
  const k = columns.length;
  const sum = new Float64Array(cols);
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < k; t++) {
      const j = columns[t] as number;
      const x = data[off + j] as number;
      if (!Number.isNaN(x)) sum[j] = (sum[j] as number) + x;
    }
  }
  const mean = new Float64Array(cols).fill(NaN);
  for (let t = 0; t < k; t++) {
    const j = columns[t] as number;
    mean[j] = (sum[j] as number) / (count[j] as number);
  }
  const corr = new Float64Array(cols);
  const sq = new Float64Array(cols);
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < k; t++) {
      const j = columns[t] as number;
      const x = data[off + j] as number;
      if (!Number.isNaN(x)) {
        const d = x - (mean[j] as number);
        corr[j] = (corr[j] as number) + d;
        sq[j] = (sq[j] as number) + d * d;
      }
    }
  }
  const variance = new Float64Array(cols).fill(NaN);
  for (let t = 0; t < k; t++) {
    const j = columns[t] as number;
    const n = count[j] as number;
    const c = corr[j] as number;
    variance[j] = ((sq[j] as number) - (c * c) / n) / n;
  }
  return { mean, variance };
}
