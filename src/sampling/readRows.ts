/**
 * How samplers read a {@link RowSource}: in chunks of rows gathered into one float32 buffer, each
 * value checked finite (samplers reject NaN and ±Infinity whatever the input form), widened to the
 * float64 matrices the neighbour searches and the eager hooks work on.
 *
 * @internal
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { RowSource } from '../core/rowSource.js';

/** Rows gathered per `gatherRows` call while reading (a 4096 × 420 chunk is 6.9 MB of float32). @internal */
export const CHUNK_ROWS = 4096;

/**
 * Checks that `X` is a usable {@link RowSource}: at least one row and one column.
 * @throws {@link DataValidationError} otherwise. @internal
 */
export function checkRowSource(who: string, X: RowSource): void {
  const { rows, columns } = X;
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new DataValidationError(
      `${who}: X has ${describe(rows)} rows, at least 1 needed. Pass a non-empty row source.`,
      { param: 'X' },
    );
  }
  if (!Number.isSafeInteger(columns) || columns < 1) {
    throw new DataValidationError(`${who}: X has ${describe(columns)} columns; at least one feature is needed.`, {
      param: 'X',
    });
  }
}

/** A chunk buffer for {@link forEachChunk} over a `cols`-wide source, reusable across calls. @internal */
export function chunkBuffer(cols: number): Float32Array {
  return new Float32Array(CHUNK_ROWS * cols);
}

/**
 * Calls `each(chunk, start, count)` for consecutive chunks of the rows `indices` of `X` (every row
 * when undefined): `chunk` holds rows `indices[start] … indices[start + count − 1]`, row-major, each
 * value already checked finite. The chunk buffer (`scratch`, or one made for the call) is reused.
 *
 * @throws {@link DataValidationError} naming the row (of `X`) and column of the first NaN or
 * infinite value. @internal
 */
export function forEachChunk(
  who: string,
  X: RowSource,
  indices: ArrayLike<number> | undefined,
  each: (chunk: Float32Array, start: number, count: number) => void,
  scratch?: Float32Array,
): void {
  const cols = X.columns;
  const n = indices === undefined ? X.rows : indices.length;
  const step = Math.min(CHUNK_ROWS, n);
  const buf = scratch ?? new Float32Array(step * cols);
  const ids = new Int32Array(step);
  for (let start = 0; start < n; start += step) {
    const count = Math.min(step, n - start);
    const idx = ids.subarray(0, count);
    for (let t = 0; t < count; t++) idx[t] = indices === undefined ? start + t : (indices[start + t] as number);
    X.gatherRows(idx, buf);
    for (let p = 0; p < count * cols; p++) {
      const v = buf[p] as number;
      if (v - v !== 0) nonFinite(who, idx[Math.floor(p / cols)] as number, p % cols, v);
    }
    each(buf, start, count);
  }
}

/**
 * The rows `indices` of `X` (every row when undefined) as a fresh float64 row-major matrix, checked
 * finite; with `spareRows`, inside an allocation with room for that many more rows (`room`, whose
 * prefix `data` is), as `toDense` does for an over-sampler's output.
 *
 * @throws {@link DataValidationError} for a NaN or infinite value. @internal
 */
export function readDense(
  who: string,
  X: RowSource,
  indices?: ArrayLike<number>,
  spareRows = 0,
): { data: Float64Array; rows: number; cols: number; room?: Float64Array } {
  const cols = X.columns;
  const rows = indices === undefined ? X.rows : indices.length;
  const room = spareRows > 0 ? new Float64Array((rows + spareRows) * cols) : undefined;
  const data = room ? room.subarray(0, rows * cols) : new Float64Array(rows * cols);
  forEachChunk(who, X, indices, (chunk, start, count) => {
    data.set(chunk.subarray(0, count * cols), start * cols);
  });
  return room ? { data, rows, cols, room } : { data, rows, cols };
}

/**
 * Writes the rows `indices` of `X` into `out` (float64, row-major, from offset 0; `out` may be
 * longer), checked finite, and returns the `indices.length × columns` view of `out` they fill.
 *
 * @throws {@link DataValidationError} for a NaN or infinite value. @internal
 */
export function readInto(
  who: string,
  X: RowSource,
  indices: ArrayLike<number>,
  out: Float64Array,
  scratch?: Float32Array,
): Float64Array {
  const cols = X.columns;
  const view = out.subarray(0, indices.length * cols);
  forEachChunk(
    who,
    X,
    indices,
    (chunk, start, count) => view.set(chunk.subarray(0, count * cols), start * cols),
    scratch,
  );
  return view;
}

function nonFinite(who: string, row: number, column: number, v: number): never {
  const what = Number.isNaN(v)
    ? "NaN; missing values are not supported here. Impute them first (e.g. Encoder's impute option)."
    : `${v}; only finite values are accepted. Clip or remove infinite values.`;
  throw new DataValidationError(`${who}: X row ${row}, column ${column} is ${what}`, {
    param: 'X',
    row,
    column,
  });
}
