import { Matrix } from 'ml-matrix';
import { DataValidationError, describe } from '../core/errors.js';
import { fromDense } from '../core/matrix.js';

/**
 * A table given as row arrays plus the column names (the Encoder's `ColumnTable` form); splits
 * keep `columns` and select `rows`.
 */
export interface ColumnRows<R = ReadonlyArray<unknown>> {
  /** Column names. */
  readonly columns: ReadonlyArray<string>;
  /** The rows. */
  readonly rows: ReadonlyArray<R>;
}

/**
 * Rows accepted by the pipeline, the splitters and cross-validation: any array of rows (numeric
 * rows, typed-array rows, table row objects for the Encoder…), a `{ columns, rows }` table, or an
 * ml-matrix `Matrix`.
 */
export type RowsInput = ReadonlyArray<unknown> | ColumnRows | Matrix;

/** Whether `X` is a `{ columns, rows }` table. @internal */
export function isColumnRows(X: unknown): X is ColumnRows {
  return (
    X !== null &&
    typeof X === 'object' &&
    Array.isArray((X as ColumnRows).columns) &&
    Array.isArray((X as ColumnRows).rows)
  );
}

/** Whether `X` looks like an ml-matrix Matrix (duck-typed, so a second copy of ml-matrix works too). @internal */
export function isMatrixLike(X: unknown): X is Matrix {
  return (
    X instanceof Matrix ||
    (X !== null &&
      typeof X === 'object' &&
      typeof (X as Matrix).rows === 'number' &&
      typeof (X as Matrix).columns === 'number' &&
      typeof (X as Matrix).get === 'function')
  );
}

/** Number of rows of an array of rows or a Matrix; throws a DataValidationError otherwise. @internal */
export function rowCount(X: unknown, who: string, param = 'X'): number {
  if (Array.isArray(X)) return X.length;
  if (isMatrixLike(X)) return X.rows;
  if (isColumnRows(X)) return X.rows.length;
  throw new DataValidationError(
    `${who}: ${param} must be an array of rows (number[][], typed-array rows, table row objects), a { columns, rows } table or an ml-matrix Matrix, received ${describe(X)}.`,
    { param },
  );
}

/**
 * Selects rows by index, keeping the input's row form: an array gives an array holding the same
 * row objects (cells are never copied), a `{ columns, rows }` table gives a table with the same
 * `columns` and the selected row arrays, a Matrix gives a fresh Matrix (its cells are copied, so
 * the result never aliases the caller's matrix). @internal
 */
export function takeRows<T>(X: ReadonlyArray<T>, indices: ArrayLike<number>): T[];
export function takeRows(X: Matrix, indices: ArrayLike<number>): Matrix;
export function takeRows<R>(X: ColumnRows<R>, indices: ArrayLike<number>): ColumnRows<R>;
export function takeRows(X: RowsInput, indices: ArrayLike<number>): unknown[] | ColumnRows | Matrix;
export function takeRows(X: RowsInput, indices: ArrayLike<number>): unknown[] | ColumnRows | Matrix {
  const k = indices.length;
  const pick = (src: ReadonlyArray<unknown>): unknown[] => {
    const out: unknown[] = new Array(k);
    for (let i = 0; i < k; i++) out[i] = src[indices[i] as number];
    return out;
  };
  if (Array.isArray(X)) return pick(X);
  if (isColumnRows(X)) return { columns: X.columns, rows: pick(X.rows) as ReadonlyArray<unknown>[] };
  const m = X as Matrix;
  const cols = m.columns;
  const data = new Float64Array(k * cols);
  const raw = (m as unknown as { data?: unknown }).data;
  const rowsRaw = Array.isArray(raw) ? (raw as ArrayLike<number>[]) : undefined;
  for (let i = 0; i < k; i++) {
    const r = indices[i] as number;
    const src = rowsRaw ? (rowsRaw[r] as ArrayLike<number>) : m.getRow(r);
    const off = i * cols;
    for (let j = 0; j < cols; j++) data[off + j] = src[j] as number;
  }
  return fromDense(data, k, cols);
}
