/**
 * One column of a row-major matrix, NaN dropped, sorted ascending: the input of NumPy's
 * `nanmedian` and `nanpercentile`.
 *
 * @module
 */

/**
 * The non-NaN values of column `j`, sorted ascending (a fresh array).
 *
 * @param data - The matrix, row-major: row `i`, column `j` is `data[i * cols + j]`.
 * @param cols - Number of columns.
 * @param j - The column.
 * @returns The sorted values; feed it to `medianSorted` or `percentileSorted`.
 * @internal
 */
export function nanSortedColumn(data: ArrayLike<number>, cols: number, j: number): Float64Array {
  let n = 0;
  for (let i = j; i < data.length; i += cols) if (!Number.isNaN(data[i] as number)) n++;
  const v = new Float64Array(n);
  n = 0;
  for (let i = j; i < data.length; i += cols) {
    const x = data[i] as number;
    if (!Number.isNaN(x)) v[n++] = x;
  }
  return v.sort();
}
