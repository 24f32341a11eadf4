/**
 * Per-column minimum and maximum of a row-major matrix, NaN ignored.
 *
 * @module
 */

/** The result of {@link nanMinMax}. @internal */
export interface MinMax {
  /** Per column: the smallest non-NaN value (NaN for columns not asked for or without values). */
  readonly min: Float64Array;
  /** Per column: the largest non-NaN value, NaN likewise. */
  readonly max: Float64Array;
}

/**
 * The minimum and maximum of the non-NaN values of some columns (NumPy's `nanmin` / `nanmax`
 * along axis 0), in one row-major pass.
 *
 * @param data - The matrix, row-major: row `i`, column `j` is `data[i * cols + j]`.
 * @param cols - Number of columns.
 * @param columns - The columns to compute (the others are NaN in the result).
 * @returns Minima and maxima, one per column.
 * @internal
 */
export function nanMinMax(data: ArrayLike<number>, cols: number, columns: ArrayLike<number>): MinMax {
  const k = columns.length;
  const mn = new Float64Array(cols).fill(Infinity);
  const mx = new Float64Array(cols).fill(-Infinity);
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < k; t++) {
      const j = columns[t] as number;
      const x = data[off + j] as number;
      // comparisons with NaN are false, so NaN is skipped
      if (x < (mn[j] as number)) mn[j] = x;
      if (x > (mx[j] as number)) mx[j] = x;
    }
  }
  const min = new Float64Array(cols).fill(NaN);
  const max = new Float64Array(cols).fill(NaN);
  for (let t = 0; t < k; t++) {
    const j = columns[t] as number;
    // min > max only when no value was seen
    if ((mn[j] as number) <= (mx[j] as number)) {
      min[j] = mn[j] as number;
      max[j] = mx[j] as number;
    }
  }
  return { min, max };
}
