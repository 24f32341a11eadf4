/**
 * How the {@link Encoder} reads a `ColumnarTable`: the checks of its shape and dictionaries, and
 * the reading of a column as category counts or as numeric values — straight from the codes and
 * typed arrays, never a string or an object per row.
 *
 * @module
 */
import { DataValidationError, describe, isDetached } from '../core/errors.js';
import type { CategoricalColumn, ColumnarTable, TableColumn } from '../core/table.js';
import type { NumericValues } from './EncodedMatrix.js';
import { quoteNames } from './readTable.js';

/** A checked `ColumnarTable`: its row count, column names and columns by name. @internal */
export interface ColumnarView {
  /** Number of rows (≥ 1). */
  readonly nRows: number;
  /** The column names, in the table's order. */
  readonly names: readonly string[];
  /**
   * Column `name`.
   * @throws {@link DataValidationError} when the table has no such column.
   */
  column(name: string): TableColumn;
}

const NUMERIC_ARRAYS = [Float64Array, Float32Array, Int32Array, Int16Array, Int8Array, Uint16Array, Uint8Array];
const CODE_ARRAYS = [Int32Array, Int16Array, Int8Array];

/**
 * Checks a `ColumnarTable` — at least one row; every column numeric (a typed array of `nRows`
 * values) or categorical (`nRows` integer codes and a dictionary of distinct strings or finite
 * numbers) — and returns a view over it. Codes are checked against their dictionary as columns
 * are read.
 * @param who - The method reading, e.g. `'Encoder.fit'`, for messages.
 * @throws {@link DataValidationError} naming the column for any malformed part.
 * @internal
 */
export function readColumnarTable(X: ColumnarTable, who: string): ColumnarView {
  const n = X.nRows;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new DataValidationError(`${who}: the ColumnarTable has nRows = ${describe(n)}; at least 1 row is needed.`, {
      param: 'X',
    });
  }
  const names = [...X.columns.keys()];
  for (const name of names) checkColumn(X.columns.get(name), name, n, who);
  return {
    nRows: n,
    names,
    column(name: string): TableColumn {
      const col = X.columns.get(name);
      if (col === undefined) {
        throw new DataValidationError(
          `${who}: column "${name}" is not in the table (ColumnarTable columns: ${quoteNames(names)}). ` +
            'Check the column name.',
          { param: 'X', column: name },
        );
      }
      return col;
    },
  };
}

function checkColumn(col: unknown, name: string, n: number, who: string): void {
  const fail = (what: string): never => {
    throw new DataValidationError(`${who}: column "${name}" of the ColumnarTable ${what}.`, {
      param: 'X',
      column: name,
    });
  };
  if (col === null || typeof col !== 'object') {
    fail(`is ${describe(col)}, not a column object`);
    return;
  }
  const c = col as { kind?: unknown; values?: unknown; codes?: unknown; categories?: unknown };
  if (c.kind === 'numeric') {
    if (!NUMERIC_ARRAYS.some((A) => c.values instanceof A)) {
      fail(`has values ${describe(c.values)}; numeric columns hold a Float64Array, Float32Array or integer array`);
    }
    if (isDetached(c.values as NumericValues))
      fail(`has values ${describe(c.values)}; pass a copy made before the transfer`);
    if ((c.values as NumericValues).length !== n)
      fail(`has ${(c.values as NumericValues).length} values, but nRows is ${n}`);
    return;
  }
  if (c.kind !== 'categorical') fail(`has kind ${describe(c.kind)}; expected 'numeric' or 'categorical'`);
  if (!CODE_ARRAYS.some((A) => c.codes instanceof A)) {
    fail(`has codes ${describe(c.codes)}; categorical columns hold an Int32Array, Int16Array or Int8Array of codes`);
  }
  const codes = c.codes as CategoricalColumn['codes'];
  if (isDetached(codes)) fail(`has codes ${describe(codes)}; pass a copy made before the transfer`);
  if (codes.length !== n) fail(`has ${codes.length} codes, but nRows is ${n}`);
  if (!Array.isArray(c.categories)) fail(`has categories ${describe(c.categories)}; expected an array`);
  const seen = new Map<unknown, number>();
  (c.categories as unknown[]).forEach((v, j) => {
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') {
      fail(`lists ${describe(v)} as category ${j}; categories must be strings or finite numbers`);
    }
    const before = seen.get(v);
    if (before !== undefined) {
      fail(`lists ${describe(v)} twice in its categories (entries ${before} and ${j}); a dictionary holds each once`);
    }
    seen.set(v, j);
  });
}

/** A code outside its dictionary. @internal */
export function codeRangeError(who: string, name: string, row: number, code: number, k: number): DataValidationError {
  return new DataValidationError(
    `${who}: row ${row}, column "${name}" has code ${code}, outside -1 … ${k - 1} (the column has ${k} ` +
      'categories; -1 marks a missing value).',
    { param: 'X', row, column: name },
  );
}

/** A non-finite value in a numeric column read as categories. @internal */
export function nonFiniteCategoryError(who: string, name: string, row: number, v: number): DataValidationError {
  return new DataValidationError(
    `${who}: row ${row}, column "${name}" is ${v}; numeric categories must be finite (NaN marks a missing value).`,
    { param: 'X', row, column: name },
  );
}

/**
 * Per dictionary entry, whether it reads as a missing value (`''`, as a row object's empty cell
 * does); code `-1` is missing too.
 * @internal
 */
export function missingEntries(categories: ReadonlyArray<string | number>): Uint8Array {
  return Uint8Array.from(categories, (v) => (v === '' ? 1 : 0));
}

/**
 * The row count of each dictionary entry and the first row that uses it (`-1` for none),
 * checking every code.
 * @throws {@link DataValidationError} for a code outside the dictionary.
 * @internal
 */
export function entryCounts(
  col: CategoricalColumn,
  name: string,
  who: string,
): { counts: Float64Array; first: Int32Array; nMissing: number; firstMissing: number } {
  const k = col.categories.length;
  const codes = col.codes;
  const counts = new Float64Array(k);
  const first = new Int32Array(k).fill(-1);
  let nMissing = 0;
  let firstMissing = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c === -1) {
      if (firstMissing < 0) firstMissing = i;
      nMissing++;
    } else if (c < -1 || c >= k) {
      throw codeRangeError(who, name, i, c, k);
    } else {
      if (first[c] === -1) first[c] = i;
      counts[c] = (counts[c] as number) + 1;
    }
  }
  return { counts, first, nMissing, firstMissing };
}
