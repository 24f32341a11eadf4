/**
 * Per-column count of the non-NaN values of a row-major matrix.
 *
 * @module
 */

/**
 * How many values of each column are not NaN (NumPy's `np.sum(~np.isnan(X), axis=0)`).
 *
 * @param data - The matrix, row-major: row `i`, column `j` is `data[i * cols + j]`.
 * @param cols - Number of columns.
 * @returns One count per column.
 * @internal
 */
export function nanCount(data: ArrayLike<number>, cols: number): Float64Array {
  const count = new Float64Array(cols);
  for (let off = 0; off < data.length; off += cols) {
    for (let j = 0; j < cols; j++) if (!Number.isNaN(data[off + j] as number)) count[j] = (count[j] as number) + 1;
  }
  return count;
}
