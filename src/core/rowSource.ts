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

/**
 * A {@link RowSource} that writes rows straight into the rows of a batch they belong to, and writes
 * points of segments between two of its rows without gathering either — what a lazy sampler's batch
 * source uses when X has it (an Encoder's compact output does), instead of a gather and a copy.
 * @internal
 */
export interface PlacingRowSource extends RowSource {
  /**
   * Writes row `indices[t]` into row `at[t]` of `out` (`columns` wide), for every `t`: the values
   * {@link RowSource.gatherRows} writes. Indices are not checked (the caller's own rows).
   */
  placeRows(indices: ArrayLike<number>, out: Float32Array, at: ArrayLike<number>): void;
  /**
   * Writes `x_b + s · (x_n − x_b)` into row `at[t]` of `out`, for every `t`, with `x_b` row
   * `base[t]` and `x_n` row `neighbor[t]` as {@link RowSource.gatherRows} writes them and
   * `s = steps[t]`: the bits of gathering both rows and interpolating each value in float64, then
   * rounding it to float32. Indices are not checked.
   */
  placeSegments(
    base: ArrayLike<number>,
    neighbor: ArrayLike<number>,
    steps: ArrayLike<number>,
    out: Float32Array,
    at: ArrayLike<number>,
  ): void;
}

/** Whether `x` can place rows and segments ({@link PlacingRowSource}). @internal */
export function isPlacing(x: RowSource): x is PlacingRowSource {
  const p = x as Partial<PlacingRowSource>;
  return typeof p.placeRows === 'function' && typeof p.placeSegments === 'function';
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
 * @remarks A Float64Array's values are rounded to float32 as they are gathered: a finite value
 * beyond float32's range (±3.4e38) is refused by the gather that reads it, naming its row and
 * column, never written as ±Infinity (NaN and ±Infinity pass through). The values are looked over
 * once, here: the buffer must not change while the source is in use.
 * @throws DataValidationError when the buffer's length is not `rows × columns`, or its buffer is
 *   detached.
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
  // whether a gather must look for values beyond float32 (found once here, so other gathers cost nothing)
  const beyond = data instanceof Float64Array && holdsBeyondFloat32(data);
  return {
    rows,
    columns,
    gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
      checkGather('denseRowSource', rows, columns, indices, out);
      // a buffer transferred after construction reads as empty: refused, not gathered as nothing
      if (data.length !== rows * columns) refuseDetached('denseRowSource', 'data', data);
      if (beyond) {
        gatherRounded('denseRowSource', data as Float64Array, columns, indices, out);
        return;
      }
      for (let t = 0; t < indices.length; t++) {
        const i = indices[t] as number;
        out.set(data.subarray(i * columns, (i + 1) * columns), t * columns);
      }
    },
  };
}

/** The smallest magnitude float32 rounds to ±Infinity: 2¹²⁸ − 2¹⁰³ (half an ulp above its largest). @internal */
export const F32_LIMIT = 2 ** 128 - 2 ** 103;

/** Whether `data` holds a finite value beyond float32's range (one comparison per value). */
function holdsBeyondFloat32(data: Float64Array): boolean {
  for (let k = 0; k < data.length; k++) {
    const v = data[k] as number;
    if (!(v < F32_LIMIT && v > -F32_LIMIT) && v - v === 0) return true;
  }
  return false;
}

/**
 * Copies rows `indices` of a row-major float64 buffer into float32 `out`, refusing a finite value
 * that would round to ±Infinity (beyond float32's range) naming its row and column; NaN and
 * ±Infinity pass. One comparison per value in the copy loop (no second pass).
 */
function gatherRounded(
  who: string,
  data: Float64Array,
  columns: number,
  indices: ArrayLike<number>,
  out: Float32Array,
): void {
  for (let t = 0, o = 0; t < indices.length; t++) {
    const i = indices[t] as number;
    for (let s = i * columns, e = s + columns; s < e; s++, o++) {
      const v = data[s] as number;
      out[o] = v;
      if (!(v < F32_LIMIT && v > -F32_LIMIT) && v - v === 0) {
        throw beyondOutput(who, i, s - i * columns, v, 'use float64 rows directly');
      }
    }
  }
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

/**
 * The error for a finite value whose output is not finite in a gather's buffer: beyond float32's
 * range (±3.4e38) in a float32 gather, or — `value` infinite — beyond doubles (a Scaler formula of
 * extreme scale). It names `who` (the row source gathering), the row and the output column, and
 * `float64`, the way to get the value without float32. @internal
 */
export function beyondOutput(
  who: string,
  row: number,
  column: number,
  value: number,
  float64 = 'gather float64 (toMatrix)',
): DataValidationError {
  const message =
    value - value === 0
      ? `${who}: row ${row}, column ${column} is ${value}, beyond float32's range (±3.4e38), so a ` +
        `float32 gather would hold ±Infinity. Rescale that column (e.g. with a Scaler) or ${float64}.`
      : `${who}: row ${row}, column ${column} is finite, but its scaled value is beyond doubles ` +
        '(±1.8e308). Refit the Scaler on data of that spread, or rescale that column first.';
  return new DataValidationError(message, { param: 'X', row, column });
}
