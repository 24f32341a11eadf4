/**
 * Per-column mean and population variance of a row-major matrix, NaN ignored, as scikit-learn
 * computes them for `StandardScaler`.
 *
 * @module
 */

import { asBlocks, type RowBlocks } from './rowBlocks.js';

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
 * @param data - The matrix, row-major (row `i`, column `j` is `data[i * cols + j]`), or its blocks
 *   (read twice).
 * @param cols - Number of columns.
 * @param columns - The columns to compute (the others are NaN in the result).
 * @param count - Per column, the number of non-NaN values (`nanCount`).
 * @returns Means and variances, one per column.
 * @internal
 */
export function nanMeanVariance(
  data: ArrayLike<number> | RowBlocks,
  cols: number,
  columns: ArrayLike<number>,
  count: ArrayLike<number>,
): MeanVariance {
  const k = columns.length;
  const blocks = asBlocks(data, cols);
  const sum = new Float64Array(cols);
  if (cols === 1 && k === 1) return singleColumn(blocks, count[0] as number);
  blocks((block, rows) => sumBlock(block, rows, cols, columns, sum));
  const mean = new Float64Array(cols).fill(NaN);
  for (let t = 0; t < k; t++) {
    const j = columns[t] as number;
    mean[j] = (sum[j] as number) / (count[j] as number);
  }
  const corr = new Float64Array(cols);
  const sq = new Float64Array(cols);
  blocks((block, rows) => deviationBlock(block, rows, cols, columns, mean, corr, sq));
  const variance = new Float64Array(cols).fill(NaN);
  for (let t = 0; t < k; t++) {
    const j = columns[t] as number;
    const n = count[j] as number;
    const c = corr[j] as number;
    variance[j] = ((sq[j] as number) - (c * c) / n) / n;
  }
  return { mean, variance };
}

// The loops of a block live in plain functions: variables captured by a closure would be read
// from its context on every iteration.
function sumBlock(
  block: ArrayLike<number>,
  rows: number,
  cols: number,
  columns: ArrayLike<number>,
  sum: Float64Array,
): void {
  const k = columns.length;
  const end = rows * cols;
  for (let off = 0; off < end; off += cols) {
    for (let t = 0; t < k; t++) {
      const j = columns[t] as number;
      const x = block[off + j] as number;
      if (!Number.isNaN(x)) sum[j] = (sum[j] as number) + x;
    }
  }
}

function deviationBlock(
  block: ArrayLike<number>,
  rows: number,
  cols: number,
  columns: ArrayLike<number>,
  mean: Float64Array,
  corr: Float64Array,
  sq: Float64Array,
): void {
  const k = columns.length;
  const end = rows * cols;
  for (let off = 0; off < end; off += cols) {
    for (let t = 0; t < k; t++) {
      const j = columns[t] as number;
      const x = block[off + j] as number;
      if (!Number.isNaN(x)) {
        const d = x - (mean[j] as number);
        corr[j] = (corr[j] as number) + d;
        sq[j] = (sq[j] as number) + d * d;
      }
    }
  }
}

/**
 * {@link nanMeanVariance} of a single column (a numeric column read on its own), with the sums
 * held in locals: the same additions in the same order, several times faster than the general loop.
 */
function singleColumn(blocks: RowBlocks, n: number): MeanVariance {
  const acc = new Float64Array(3); // Σx, then Σd and Σd²
  blocks((block, rows) => {
    acc[0] = sumOf(block, rows, acc[0] as number);
  });
  const m = (acc[0] as number) / n;
  blocks((block, rows) => deviationsOf(block, rows, m, acc));
  const corr = acc[1] as number;
  return { mean: Float64Array.of(m), variance: Float64Array.of(((acc[2] as number) - (corr * corr) / n) / n) };
}

function sumOf(block: ArrayLike<number>, rows: number, start: number): number {
  let sum = start;
  for (let i = 0; i < rows; i++) {
    const x = block[i] as number;
    if (!Number.isNaN(x)) sum += x;
  }
  return sum;
}

function deviationsOf(block: ArrayLike<number>, rows: number, m: number, acc: Float64Array): void {
  let corr = acc[1] as number;
  let sq = acc[2] as number;
  for (let i = 0; i < rows; i++) {
    const x = block[i] as number;
    if (!Number.isNaN(x)) {
      const d = x - m;
      corr += d;
      sq += d * d;
    }
  }
  acc[1] = corr;
  acc[2] = sq;
}
