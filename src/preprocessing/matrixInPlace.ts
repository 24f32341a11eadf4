/**
 * Reading and overwriting matrices in place, for `copy: false` and for row sources: the rows of an
 * ml-matrix `Matrix` as blocks (its one buffer when its rows are views into one, as every Matrix
 * this library returns is), the finiteness check, and a row source gathered into one
 * {@link Float32Matrix}.
 *
 * @internal
 * @module
 */
import type { Matrix } from 'ml-matrix';
import { DataValidationError } from '../core/errors.js';
import { Float32Matrix } from '../core/Float32Matrix.js';
import type { RowSource } from '../core/rowSource.js';
import type { RowBlocks } from '../core/stats/rowBlocks.js';

/** An ml-matrix `Matrix` read and written in place, through its row arrays. @internal */
export interface MatrixRows {
  /** Number of columns. */
  readonly cols: number;
  /** Its rows, as blocks (no copy). */
  readonly blocks: RowBlocks;
  /** Calls `fn` on its storage: once on the whole buffer when contiguous, else once per row. */
  apply(fn: (data: Float64Array, cols: number) => void): void;
}

/**
 * The rows of `m` in place, or `undefined` when `m` does not keep its rows as `Float64Array`s (an
 * object merely shaped like a Matrix), which must then be copied.
 * @internal
 */
export function matrixRows(m: Matrix): MatrixRows | undefined {
  const raw = (m as unknown as { data?: unknown }).data;
  if (!Array.isArray(raw) || !raw.every((r) => r instanceof Float64Array)) return undefined;
  const rows = raw as Float64Array[];
  const n = m.rows;
  const cols = m.columns;
  const first = rows[0];
  let contiguous = first !== undefined && first.length === cols;
  for (let i = 1; i < n && contiguous; i++) {
    const r = rows[i] as Float64Array;
    contiguous =
      r.buffer === first?.buffer && r.byteOffset === (first?.byteOffset ?? 0) + i * cols * 8 && r.length === cols;
  }
  if (contiguous && first !== undefined) {
    const data = new Float64Array(first.buffer, first.byteOffset, n * cols);
    return { cols, blocks: (visit) => visit(data, n), apply: (fn) => fn(data, cols) };
  }
  return {
    cols,
    blocks: (visit) => {
      for (const r of rows) visit(r, 1);
    },
    apply: (fn) => {
      for (const r of rows) fn(r, cols);
    },
  };
}

/**
 * Checks a matrix read without copying, as copying it would (`toDense`): at least one row, the
 * expected width, and no ±Infinity (NaN is a missing value).
 * @param who - The method reading, e.g. `'Scaler.fit'`.
 * @param expectCols - The width seen in fit, if any.
 * @throws {@link DataValidationError} naming the row and column of a bad value.
 * @internal
 */
export function checkInPlace(blocks: RowBlocks, rows: number, cols: number, who: string, expectCols?: number): void {
  if (rows < 1) {
    throw new DataValidationError(`${who}: X has ${rows} rows, at least 1 needed. Pass a non-empty matrix.`, {
      param: 'X',
    });
  }
  if (expectCols !== undefined && cols !== expectCols) {
    throw new DataValidationError(
      `${who}: X has ${cols} columns, but ${expectCols} were expected (the number seen in fit). ` +
        `Pass rows with ${expectCols} features.`,
      { param: 'X' },
    );
  }
  let row = 0;
  blocks((block, m) => {
    for (let k = 0; k < m * cols; k++) {
      const v = block[k] as number;
      if (v - v !== 0 && !Number.isNaN(v)) {
        const i = row + Math.floor(k / cols);
        const j = k % cols;
        throw new DataValidationError(
          `${who}: X[${i}][${j}] is ${v}; only finite values are accepted. Clip or remove infinite values.`,
          { param: 'X', row: i, column: j },
        );
      }
    }
    row += m;
  });
}

/** Rows gathered per chunk when materializing a row source. */
const CHUNK_ROWS = 4096;

/** Every row of `X`, gathered into one fresh {@link Float32Matrix}. @internal */
export function gatherAll(X: RowSource): Float32Matrix {
  const cols = X.columns;
  const data = new Float32Array(X.rows * cols);
  const idx = new Int32Array(Math.min(CHUNK_ROWS, X.rows));
  for (let start = 0; start < X.rows; start += idx.length) {
    const m = Math.min(idx.length, X.rows - start);
    for (let t = 0; t < m; t++) idx[t] = start + t;
    X.gatherRows(idx.subarray(0, m), data.subarray(start * cols, (start + m) * cols));
  }
  return new Float32Matrix(data, X.rows, cols);
}
