/**
 * Tables and rows: the one `{ columns, rows }` table type, the columnar table, and the row helpers
 * (count, select) that the Encoder, the splitters, cross-validation and the Pipeline share.
 *
 * @module
 */
import type { Matrix } from 'ml-matrix';
import { DataValidationError, describe } from './errors.js';
import { fromDense, isMatrixLike } from './matrix.js';

/** One cell of an input table. `null`, `undefined`, `''` and `NaN` are missing values. */
export type Cell = string | number | null | undefined;

/**
 * A table given as row arrays plus the column names once (the shape of a CSV parsed without
 * headers). The Encoder reads its cells; splits keep `columns` and select `rows`.
 *
 * @example
 * ```ts
 * const t: ColumnTable = { columns: ['AREA', 'Vict Age'], rows: [['Central', 34], ['Newton', null]] };
 * ```
 */
export interface ColumnTable<R = ReadonlyArray<Cell>> {
  /** Column names, one per cell of each row. */
  readonly columns: ReadonlyArray<string>;
  /** The rows; for the Encoder each has exactly `columns.length` cells. */
  readonly rows: ReadonlyArray<R>;
}

/**
 * Rows accepted by the pipeline, the splitters and cross-validation: any array of rows (numeric
 * rows, typed-array rows, table row objects for the Encoder…), a `{ columns, rows }` table, a
 * {@link ColumnarTable} (for an Encoder first step), or an ml-matrix `Matrix`.
 */
export type RowsInput = ReadonlyArray<unknown> | ColumnTable<unknown> | ColumnarTable | Matrix;

/** Whether `X` is a `{ columns, rows }` table. @internal */
export function isColumnTable(X: unknown): X is ColumnTable<unknown> {
  return (
    X !== null &&
    typeof X === 'object' &&
    Array.isArray((X as ColumnTable<unknown>).columns) &&
    Array.isArray((X as ColumnTable<unknown>).rows)
  );
}

/**
 * Number of rows of an array of rows, a `{ columns, rows }` table, a {@link ColumnarTable} or a
 * Matrix; throws a DataValidationError otherwise. @internal
 */
export function rowCount(X: unknown, who: string, param = 'X'): number {
  if (Array.isArray(X)) return X.length;
  if (isMatrixLike(X)) return X.rows;
  if (isColumnTable(X)) return X.rows.length;
  if (isColumnarTable(X)) return X.nRows;
  throw new DataValidationError(
    `${who}: ${param} must be an array of rows (number[][], typed-array rows, table row objects), ` +
      `a { columns, rows } table, a ColumnarTable or an ml-matrix Matrix, received ${describe(X)}.`,
    { param },
  );
}

/**
 * Selects rows by index, keeping the input's row form: an array gives an array holding the same
 * row objects (cells are never copied), a `{ columns, rows }` table gives a table with the same
 * `columns` and the selected row arrays, a {@link ColumnarTable} gives a new ColumnarTable whose
 * columns are gathered typed arrays of the same types (dictionaries shared, no row objects), a
 * Matrix gives a fresh Matrix (its cells are copied, so the result never aliases the caller's
 * matrix). @internal
 */
export function takeRows<T>(X: ReadonlyArray<T>, indices: ArrayLike<number>): T[];
export function takeRows(X: Matrix, indices: ArrayLike<number>): Matrix;
export function takeRows<R>(X: ColumnTable<R>, indices: ArrayLike<number>): ColumnTable<R>;
export function takeRows(X: ColumnarTable, indices: ArrayLike<number>): ColumnarTable;
export function takeRows(
  X: RowsInput,
  indices: ArrayLike<number>,
): unknown[] | ColumnTable<unknown> | ColumnarTable | Matrix;
export function takeRows(
  X: RowsInput,
  indices: ArrayLike<number>,
): unknown[] | ColumnTable<unknown> | ColumnarTable | Matrix {
  const k = indices.length;
  const pick = (src: ReadonlyArray<unknown>): unknown[] => {
    const out: unknown[] = new Array(k);
    for (let i = 0; i < k; i++) out[i] = src[indices[i] as number];
    return out;
  };
  if (Array.isArray(X)) return pick(X);
  if (isColumnTable(X)) return { columns: X.columns, rows: pick(X.rows) as ReadonlyArray<unknown>[] };
  if (isColumnarTable(X)) return takeColumnarRows(X, indices);
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

/** A numeric column of a {@link ColumnarTable}: one value per row; `NaN` marks a missing value (float arrays only). */
export interface NumericColumn {
  /** Discriminant. */
  readonly kind: 'numeric';
  /** The values, one per row. Integer arrays hold no missing values. */
  readonly values: Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint16Array | Uint8Array;
}

/**
 * A dictionary-encoded categorical column of a {@link ColumnarTable}: row `i` holds
 * `categories[codes[i]]`, and code `-1` marks a missing value.
 *
 * @remarks
 * The dictionary is the column's own (for example the order in which a CSV reader met the
 * values); an Encoder learns its categories from it without reading strings per row.
 */
export interface CategoricalColumn {
  /** Discriminant. */
  readonly kind: 'categorical';
  /** Per-row index into `categories`, or `-1` for missing. */
  readonly codes: Int32Array | Int16Array | Int8Array;
  /** The distinct values (strings or finite numbers, no duplicates). */
  readonly categories: ReadonlyArray<string | number>;
}

/** One column of a {@link ColumnarTable}. */
export type TableColumn = NumericColumn | CategoricalColumn;

/**
 * A table stored by column: typed arrays for numbers and codes, one dictionary per categorical
 * column. This is the compact form for large data (a million rows take megabytes per column,
 * where row objects take hundreds of bytes per cell).
 *
 * @example
 * ```ts
 * const t: ColumnarTable = {
 *   nRows: 3,
 *   columns: new Map([
 *     ['AREA', { kind: 'categorical', codes: Int32Array.of(0, 1, 0), categories: ['Central', 'Newton'] }],
 *     ['Vict Age', { kind: 'numeric', values: Float32Array.of(34, Number.NaN, 51) }],
 *   ]),
 * };
 * ```
 */
export interface ColumnarTable {
  /** Number of rows; every column has exactly this many entries. */
  readonly nRows: number;
  /** The columns by name (a Map, so any name — `__proto__` included — is just a key). */
  readonly columns: ReadonlyMap<string, TableColumn>;
}

/** Whether `X` is a {@link ColumnarTable} (its shape; the Encoder validates the contents). @internal */
export function isColumnarTable(X: unknown): X is ColumnarTable {
  return (
    X !== null &&
    typeof X === 'object' &&
    typeof (X as ColumnarTable).nRows === 'number' &&
    (X as ColumnarTable).columns instanceof Map
  );
}

/** The typed arrays a {@link ColumnarTable}'s columns hold. */
type ColumnValues = NumericColumn['values'] | CategoricalColumn['codes'];

/** `src[indices[i]]` for each i, in a new array of `src`'s type. */
function gather<A extends ColumnValues>(src: A, indices: ArrayLike<number>): A {
  const out = new (src.constructor as new (n: number) => A)(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = src[indices[i] as number] as number;
  return out;
}

/**
 * The rows `indices` of a {@link ColumnarTable} (any order, repeats allowed), column by column;
 * throws a DataValidationError for an index that is not a row. @internal
 */
export function takeColumnarRows(X: ColumnarTable, indices: ArrayLike<number>): ColumnarTable {
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i] as number;
    if (!(Number.isInteger(r) && r >= 0 && r < X.nRows)) {
      throw new DataValidationError(`takeRows: row index ${describe(r)} is not a row of the ${X.nRows}-row table.`, {
        param: 'indices',
        row: i,
      });
    }
  }
  const columns = new Map<string, TableColumn>();
  for (const [name, c] of X.columns) {
    columns.set(
      name,
      c.kind === 'numeric'
        ? { kind: 'numeric', values: gather(c.values, indices) }
        : { kind: 'categorical', codes: gather(c.codes, indices), categories: c.categories },
    );
  }
  return { nRows: indices.length, columns };
}
