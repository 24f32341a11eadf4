/**
 * Per-column count of the non-NaN values of a row-major matrix.
 *
 * @module
 */
import { asBlocks, type RowBlocks } from './rowBlocks.js';

/**
 * How many values of each column are not NaN (NumPy's `np.sum(~np.isnan(X), axis=0)`).
 *
 * @param data - The matrix, row-major (row `i`, column `j` is `data[i * cols + j]`), or its blocks.
 * @param cols - Number of columns.
 * @returns One count per column.
 * @internal
 */
export function nanCount(data: ArrayLike<number> | RowBlocks, cols: number): Float64Array {
  const count = new Float64Array(cols);
  asBlocks(data, cols)((block, rows) => countBlock(block, rows, cols, count));
  return count;
}

// The loops of a block live in plain functions: variables captured by a closure would be read
// from its context on every iteration.
function countBlock(block: ArrayLike<number>, rows: number, cols: number, count: Float64Array): void {
  const end = rows * cols;
  for (let off = 0; off < end; off += cols) {
    for (let j = 0; j < cols; j++) if (!Number.isNaN(block[off + j] as number)) count[j] = (count[j] as number) + 1;
  }
}
