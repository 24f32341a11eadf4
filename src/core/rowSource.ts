/**
 * Row sources: matrices that write any of their rows into a float32 buffer on demand. They are how
 * large data moves through the library without a dense full-size copy — an Encoder's compact output
 * (categorical features kept as codes, expanded per row), a Scaler's lazy affine view of it, or a
 * plain dense matrix.
 *
 * @module
 */
import { DataValidationError, describe, refuseDetached } from './errors.js';

/**
 * A matrix of `rows × columns` float32 values that is read by gathering rows.
 *
 * @remarks
 * Implementations never expose their storage: a consumer asks for the rows it needs (a class of
 * rows for a neighbour search, a mini-batch for training, a chunk for prediction) and gets them
 * dense, in a buffer it owns. A compact encoding therefore costs its compact size once, and a dense
 * copy only of the rows in use.
 *
 * @example
 * ```ts
 * const src = denseRowSource(Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2);
 * const out = new Float32Array(2 * src.columns);
 * src.gatherRows([2, 0], out); // out = [5, 6, 1, 2]
 * ```
 */
export interface RowSource {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns (features) of every row. */
  readonly columns: number;
  /**
   * Writes rows `indices[0]`, `indices[1]`, … in that order into `out`, row-major
   * (`indices.length × columns` values from offset 0). Indices may repeat.
   */
  gatherRows(indices: ArrayLike<number>, out: Float32Array): void;
}

/** Whether `x` is a {@link RowSource} (has `rows`, `columns` and `gatherRows`). */
export function isRowSource(x: unknown): x is RowSource {
  return (
    x !== null &&
    typeof x === 'object' &&
    typeof (x as RowSource).rows === 'number' &&
    typeof (x as RowSource).columns === 'number' &&
    typeof (x as RowSource).gatherRows === 'function'
  );
}

/**
 * A {@link RowSource} over a dense row-major buffer (no copy: the buffer is read, never written).
 *
 * @throws DataValidationError when the buffer's length is not `rows × columns`.
 */
export function denseRowSource(data: Float32Array | Float64Array, rows: number, columns: number): RowSource {
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(columns) || rows < 0 || columns < 0) {
    throw new DataValidationError(
      'denseRowSource: rows and columns must be non-negative integers, ' +
        `received ${describe(rows)} × ${describe(columns)}.`,
      { param: 'data' },
    );
  }
  refuseDetached('denseRowSource', 'data', data);
  if (data.length !== rows * columns) {
    throw new DataValidationError(
      `denseRowSource: data has ${data.length} values, expected rows × columns = ${rows * columns}.`,
      { param: 'data' },
    );
  }
  return {
    rows,
    columns,
    gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
      checkGather('denseRowSource', rows, columns, indices, out);
      // a buffer transferred after construction reads as empty: refused, not gathered as nothing
      if (data.length !== rows * columns) refuseDetached('denseRowSource', 'data', data);
      for (let t = 0; t < indices.length; t++) {
        const i = indices[t] as number;
        out.set(data.subarray(i * columns, (i + 1) * columns), t * columns);
      }
    },
  };
}

/**
 * The checks every {@link RowSource.gatherRows} makes: `out` is large enough and every index is an
 * integer in `[0, rows)`. @internal
 */
export function checkGather(
  who: string,
  rows: number,
  columns: number,
  indices: ArrayLike<number>,
  out: Float32Array,
): void {
  refuseDetached(`${who}.gatherRows`, 'indices', indices);
  refuseDetached(`${who}.gatherRows`, 'out', out);
  if (out.length < indices.length * columns) {
    throw new DataValidationError(
      `${who}.gatherRows: out holds ${out.length} values, fewer than ${indices.length} rows × ${columns} columns.`,
      { param: 'out' },
    );
  }
  for (let t = 0; t < indices.length; t++) {
    const i = indices[t] as number;
    if (!Number.isInteger(i) || i < 0 || i >= rows) {
      throw new DataValidationError(
        `${who}.gatherRows: indices[${t}] = ${describe(i)} is not a row index in [0, ${rows}).`,
        { param: 'indices', row: t },
      );
    }
  }
}
