/**
 * How the {@link Encoder} reads its input: row objects or a `{ columns, rows }` table, one view
 * over both, and the reading of missing and numeric cells.
 *
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { Cell, ColumnarTable, ColumnTable } from '../core/table.js';

/**
 * A table accepted by {@link Encoder}: an array of row objects keyed by column name, row arrays
 * with the column names given once, or a {@link ColumnarTable} (typed-array columns).
 *
 * @remarks
 * Row objects: `[{ AREA: 'Central', 'Vict Age': 34 }, …]` — a key absent from a row is a missing
 * value, and when the Encoder infers its columns it takes the keys of row 0. Row arrays:
 * `{ columns: ['AREA', 'Vict Age'], rows: [['Central', 34], …] }` — every row must have exactly
 * `columns.length` cells.
 *
 * @typeParam R - The row type of row objects (inferred from the argument).
 */
export type TableInput<R extends CellRecord<R> = Readonly<Record<string, Cell>>> =
  | ReadonlyArray<R>
  | ColumnTable
  | ColumnarTable;

/**
 * A row object whose every property is a {@link Cell}: rows typed by an `interface` (which has no
 * index signature) as well as by a type alias or `Record<string, Cell>`; never an array (a numeric
 * row is not a table).
 */
export type CellRecord<R> = { readonly [K in keyof R]: Cell } & {
  /** Absent: a row object is not iterable (an array row is refused). */
  readonly [Symbol.iterator]?: never;
};

/** A row of either form, read by key: the column name (row objects) or its index (row arrays). @internal */
export type TableRow = Readonly<Record<string | number, unknown>>;

/**
 * The cell of `row` at `key`: an own property only, so a row object that lacks a column named
 * `toString`, `constructor` or `__proto__` reads as missing, never as an inherited member. @internal
 */
export function cellOf(row: TableRow, key: string | number): unknown {
  return Object.hasOwn(row, key) ? row[key] : undefined;
}

/** Normalized access to a table: `rows[i][key]` for every used column. @internal */
export interface TableView {
  /** The rows, row objects or row arrays. */
  readonly rows: ReadonlyArray<TableRow>;
  /** All column names available. */
  readonly names: readonly string[];
  /** Key to read column `name` from a row (the name itself for row objects, the index for row arrays). */
  key(name: string): string | number | undefined;
  /** Whether the rows are row objects (the column names are then the keys of row 0). */
  readonly records: boolean;
}

/**
 * Checks a table (at least one row; row objects, or row arrays as wide as `columns`) and returns a
 * view over it.
 * @param who - The method reading, e.g. `'Encoder.fit'`, for messages.
 * @throws {@link DataValidationError} for an empty, ragged or malformed table.
 * @internal
 */
export function readTable(X: unknown, who: string): TableView {
  if (Array.isArray(X)) return readRecords(X, who);
  if (X !== null && typeof X === 'object' && 'columns' in X && 'rows' in X) {
    return readRowArrays(X as { columns: unknown; rows: unknown }, who);
  }
  throw new DataValidationError(
    `${who}: X must be an array of row objects or { columns, rows }, received ${describe(X)}.`,
    { param: 'X' },
  );
}

function readRecords(X: ReadonlyArray<unknown>, who: string): TableView {
  if (X.length === 0) {
    throw new DataValidationError(
      `${who}: the table has 0 rows; at least 1 is needed. Pass a non-empty array of row objects.`,
      { param: 'X' },
    );
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < X.length; i++) {
    const r = X[i] as unknown;
    if (r === null || typeof r !== 'object' || Array.isArray(r) || ArrayBuffer.isView(r)) {
      throw new DataValidationError(
        `${who}: row ${i} is ${describe(r)}; with an array input every row must be an object keyed by ` +
          'column name (for row arrays pass { columns, rows }).',
        { param: 'X', row: i },
      );
    }
    if (i === 0) {
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
  }
  return { rows: X as ReadonlyArray<TableRow>, names, key: (n) => (seen.has(n) ? n : undefined), records: true };
}

function readRowArrays({ columns, rows }: { columns: unknown; rows: unknown }, who: string): TableView {
  if (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string')) {
    throw new DataValidationError(
      `${who}: X.columns must be an array of column names, received ${describe(columns)}.`,
      { param: 'X' },
    );
  }
  if (!Array.isArray(rows))
    throw new DataValidationError(`${who}: X.rows must be an array of row arrays, received ${describe(rows)}.`, {
      param: 'X',
    });
  if (rows.length === 0)
    throw new DataValidationError(`${who}: the table has 0 rows; at least 1 is needed.`, { param: 'X' });
  const width = columns.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown;
    if (!Array.isArray(r))
      throw new DataValidationError(`${who}: X.rows[${i}] is ${describe(r)}, expected an array of ${width} cells.`, {
        param: 'X',
        row: i,
      });
    if (r.length !== width) {
      throw new DataValidationError(
        `${who}: the table is ragged: row ${i} has ${r.length} cells but there are ${width} columns ` +
          `(${quoteNames(columns as string[])}). Every row needs one cell per column.`,
        { param: 'X', row: i },
      );
    }
  }
  const index = new Map<string, number>();
  (columns as string[]).forEach((c, j) => {
    if (index.has(c)) throw new DataValidationError(`${who}: X.columns lists "${c}" twice.`, { param: 'X', column: c });
    index.set(c, j);
  });
  return {
    rows: rows as ReadonlyArray<TableRow>,
    names: columns as string[],
    key: (n) => index.get(n),
    records: false,
  };
}

/** `"a", "b"`: names as a message lists them. @internal */
export function quoteNames(names: ReadonlyArray<string>): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/**
 * The key of column `name` in the rows of `t`.
 * @throws {@link DataValidationError} when the table has no such column.
 * @internal
 */
export function requireKey(t: TableView, name: string, who: string): string | number {
  const k = t.key(name);
  if (k === undefined) {
    throw new DataValidationError(
      `${who}: column "${name}" is not in the table (${t.records ? 'keys of row 0' : 'X.columns'}: ` +
        `${quoteNames(t.names)}). Check the column name.`,
      { param: 'X', column: name },
    );
  }
  return k;
}

/** Whether a cell is a missing value: `null`, `undefined`, `''` or `NaN`. @internal */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Numeric text as pandas' `read_csv` / `to_numeric` read it: decimal notation only — an optional
 * sign, digits with an optional fraction (`12`, `-1.5`, `.5`, `5.`) and an optional exponent
 * (`1e-3`). Not `Number()`'s other forms: `'0x10'`, `'0b11'`, `'0o17'` would read as 16, 3 and 15,
 * and a CSV user who wrote them meant text; nor `'1_000'` or `'Infinity'`.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a numeric cell: a finite number, numeric text in decimal notation (surrounding whitespace
 * trimmed, as pandas does), or a missing value (NaN).
 * @throws {@link DataValidationError} for ±Infinity or anything else, naming row and column.
 * @internal
 */
export function parseNumeric(v: unknown, row: number, col: string, who: string): number {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return NaN;
    if (!Number.isFinite(v)) {
      throw new DataValidationError(
        `${who}: row ${row}, column "${col}" is ${v}; numeric cells must be finite (or missing).`,
        { param: 'X', row, column: col },
      );
    }
    return v;
  }
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return NaN;
    const x = DECIMAL.test(s) ? Number(s) : Number.NaN;
    if (Number.isFinite(x)) return x;
  }
  throw new DataValidationError(
    `${who}: row ${row}, column "${col}" holds ${describe(v)}, which is not a number. Numeric columns take ` +
      'numbers, numeric text or missing values; list the column under categorical if it holds categories.',
    { param: 'X', row, column: col },
  );
}

/** A missing categorical cell while `missing` is `'error'`. @internal */
export function missingCellError(who: string, row: number, column: string, v: unknown): DataValidationError {
  return new DataValidationError(
    `${who}: row ${row}, column "${column}" is missing (${describe(v)}) and missing is 'error'. ` +
      "Fill it, or use missing: 'category'.",
    { param: 'X', row, column },
  );
}

/** A categorical cell that is neither a string, a number nor missing. @internal */
export function badCellError(who: string, row: number, column: string, v: unknown): DataValidationError {
  return new DataValidationError(
    `${who}: row ${row}, column "${column}" holds ${describe(v)}; categorical cells must be strings, numbers ` +
      'or missing.',
    { param: 'X', row, column },
  );
}
