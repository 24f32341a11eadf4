/**
 * Columns of a row-major matrix, NaN dropped, sorted ascending: the input of NumPy's `nanmedian`
 * and `nanpercentile`.
 *
 * @module
 */
import { asBlocks, type RowBlocks } from './rowBlocks.js';

/**
 * The non-NaN values of column `j`, sorted ascending (a fresh array).
 *
 * @param data - The matrix, row-major (row `i`, column `j` is `data[i * cols + j]`), or its blocks.
 * @param cols - Number of columns.
 * @param j - The column.
 * @returns The sorted values; feed it to `medianSorted` or `percentileSorted`.
 * @internal
 */
export function nanSortedColumn(data: ArrayLike<number> | RowBlocks, cols: number, j: number): Float64Array {
  return nanSortedColumns(data, cols, [j])[0] as Float64Array;
}

/**
 * The non-NaN values of each of `columns`, sorted ascending, in one pass over the matrix (two over
 * its blocks: one to count, one to copy).
 *
 * @param data - The matrix, row-major, or its blocks.
 * @param cols - Number of columns.
 * @param columns - The columns wanted.
 * @returns One fresh sorted array per entry of `columns`.
 * @internal
 */
export function nanSortedColumns(
  data: ArrayLike<number> | RowBlocks,
  cols: number,
  columns: ArrayLike<number>,
): Float64Array[] {
  const blocks = asBlocks(data, cols);
  const k = columns.length;
  const n = new Float64Array(k);
  blocks((block, rows) => {
    for (let t = 0; t < k; t++) n[t] = (n[t] as number) + countColumn(block, rows * cols, cols, columns[t] as number);
  });
  const out = Array.from({ length: k }, (_, t) => new Float64Array(n[t] as number));
  const fill = new Float64Array(k);
  blocks((block, rows) => {
    for (let t = 0; t < k; t++) {
      fill[t] = copyColumn(block, rows * cols, cols, columns[t] as number, out[t] as Float64Array, fill[t] as number);
    }
  });
  for (const v of out) v.sort();
  return out;
}

/** Non-NaN values of column `j` in `block[0 … end)`. */
function countColumn(block: ArrayLike<number>, end: number, cols: number, j: number): number {
  let c = 0;
  for (let i = j; i < end; i += cols) if (!Number.isNaN(block[i] as number)) c++;
  return c;
}

/** Copies the non-NaN values of column `j` in `block[0 … end)` to `v[m …]`; returns the new `m`. */
function copyColumn(
  block: ArrayLike<number>,
  end: number,
  cols: number,
  j: number,
  v: Float64Array,
  m: number,
): number {
  let k = m;
  for (let i = j; i < end; i += cols) {
    const x = block[i] as number;
    if (!Number.isNaN(x)) v[k++] = x;
  }
  return k;
}
