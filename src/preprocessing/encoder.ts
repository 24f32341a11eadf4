import type { Matrix } from 'ml-matrix';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
  describe,
} from '../core/errors.js';
import type { Transformer } from '../core/contracts.js';
import { toDense, fromDense, type MatrixInput } from '../core/matrix.js';
import type { Cell, ColumnTable } from '../core/table.js';
import {
  decodeNumber,
  encodeNumber,
  encodeNumbers,
  decodeNumbers,
  makeEnvelope,
  openEnvelope,
  type Envelope,
  type JsonNumber,
} from '../core/serialization.js';

/**
 * A table accepted by {@link Encoder}: an array of row objects keyed by column name, or row arrays
 * with the column names given once.
 *
 * @remarks
 * Row objects: `[{ AREA: 'Central', 'Vict Age': 34 }, …]` — a key absent from a row is a missing
 * value, and when the Encoder infers its columns it takes the keys of row 0. Row arrays:
 * `{ columns: ['AREA', 'Vict Age'], rows: [['Central', 34], …] }` — every row must have exactly
 * `columns.length` cells.
 */
export type TableInput = ReadonlyArray<Readonly<Record<string, Cell>>> | ColumnTable;

/** A constant used by {@link EncoderOptions.impute} for missing numeric cells. */
export interface ImputeConstant {
  /** The finite value written for every missing numeric cell. */
  readonly constant: number;
}

/** A category of a categorical column: a string or a number; `null` is the missing-value category. */
export type Category = string | number | null;

/** A table row as returned by {@link Encoder.inverseTransform}. */
export type DecodedRow = Record<string, Category | undefined>;

/** Options of {@link Encoder}. */
export interface EncoderOptions {
  /**
   * Names of the categorical columns, in output order. When neither `categorical` nor `numeric`
   * is given, every column is used and its kind is inferred: a column whose non-missing cells are
   * all numbers is numeric, any other column is categorical. When either is given, only the listed
   * columns are used (the other list defaults to empty).
   * @defaultValue inferred
   */
  categorical?: readonly string[];
  /** Names of the numeric (pass-through) columns, in output order. See `categorical`. @defaultValue inferred */
  numeric?: readonly string[];
  /** `'onehot'`: one 0/1 column per category; `'ordinal'`: one column of integer codes per categorical column. @defaultValue 'onehot' */
  encoding?: 'onehot' | 'ordinal';
  /**
   * `'auto'` learns the sorted categories of each column; a record gives the categories of some
   * columns (in the order given; `null` stands for the missing category), the others are learned.
   * @defaultValue 'auto'
   */
  categories?: 'auto' | Readonly<Record<string, ReadonlyArray<Category>>>;
  /**
   * What `transform` does with a category not seen in fit (or not in the given `categories`):
   * `'error'` throws a {@link DataValidationError}; `'ignore'` writes all zeros (one-hot) or
   * `unknownValue` (ordinal); `'infrequent'` uses the column's infrequent slot when it has one,
   * else behaves as `'ignore'` (scikit-learn's `'infrequent_if_exist'`).
   * @defaultValue 'error'
   */
  handleUnknown?: 'error' | 'ignore' | 'infrequent';
  /** Ordinal only: the code written for an unknown category (NaN or a negative integer). @defaultValue -1 */
  unknownValue?: number;
  /**
   * Categories seen fewer times than this are grouped into one "infrequent" category: an integer
   * ≥ 1 is a count, a number in (0, 1) a fraction of the training rows.
   * @defaultValue no grouping
   */
  minFrequency?: number;
  /**
   * Upper bound on the output categories per column, the infrequent slot included: only the
   * `maxCategories − 1` most frequent categories are kept (scikit-learn's rule; see remarks of
   * {@link Encoder}).
   * @defaultValue no limit
   */
  maxCategories?: number;
  /** One-hot only: drop the first output column of every categorical column (`'first'`) or only of those with exactly two (`'ifBinary'`). @defaultValue no drop */
  drop?: 'first' | 'ifBinary';
  /** Missing categorical cells: `'category'` makes them their own category (sorted last); `'error'` rejects them. @defaultValue 'category' */
  missing?: 'category' | 'error';
  /** Missing numeric cells: left as NaN when omitted, or replaced by the training `'mean'`, `'median'` or a constant. @defaultValue NaN kept */
  impute?: 'mean' | 'median' | ImputeConstant;
}

/** The resolved, frozen options of an {@link Encoder}; absent options are `null`. */
export interface EncoderParams {
  /** See {@link EncoderOptions.categorical}; `null` when inferred. */
  readonly categorical: readonly string[] | null;
  /** See {@link EncoderOptions.numeric}; `null` when inferred. */
  readonly numeric: readonly string[] | null;
  /** See {@link EncoderOptions.encoding}. */
  readonly encoding: 'onehot' | 'ordinal';
  /** See {@link EncoderOptions.categories}. */
  readonly categories: 'auto' | Readonly<Record<string, ReadonlyArray<Category>>>;
  /** See {@link EncoderOptions.handleUnknown}. */
  readonly handleUnknown: 'error' | 'ignore' | 'infrequent';
  /** See {@link EncoderOptions.unknownValue}. */
  readonly unknownValue: number;
  /** See {@link EncoderOptions.minFrequency}. */
  readonly minFrequency: number | null;
  /** See {@link EncoderOptions.maxCategories}. */
  readonly maxCategories: number | null;
  /** See {@link EncoderOptions.drop}. */
  readonly drop: 'first' | 'ifBinary' | null;
  /** See {@link EncoderOptions.missing}. */
  readonly missing: 'category' | 'error';
  /** See {@link EncoderOptions.impute}. */
  readonly impute: 'mean' | 'median' | ImputeConstant | null;
}

/** What an {@link Encoder} learned about one categorical column. */
export interface CategoricalColumnState {
  /** Column name. */
  readonly name: string;
  /** Type of the non-missing categories (`'none'` when the column only held missing values). */
  readonly valueType: 'string' | 'number' | 'none';
  /** All categories, sorted (numbers ascending, strings by UTF-16 code unit, missing `null` last) or as given. */
  readonly categories: readonly Category[];
  /** Training count of each entry of `categories`. */
  readonly counts: readonly number[];
  /** The categories kept as their own output, in `categories` order. */
  readonly frequent: readonly Category[];
  /** The categories grouped into the infrequent slot (empty when there is no slot). */
  readonly infrequent: readonly Category[];
  /**
   * Index in `[...frequent, infrequent slot]` of the dropped one-hot column, or `null`.
   */
  readonly dropIndex: number | null;
  /** Number of codes: `frequent.length`, plus 1 when there is an infrequent slot. */
  readonly nCodes: number;
}

/** What an {@link Encoder} learned about one numeric column. */
export interface NumericColumnState {
  /** Column name. */
  readonly name: string;
  /** The value written for missing cells (NaN when `impute` is not set). */
  readonly imputeValue: number;
}

/** Describes one output column of an {@link Encoder}. */
export interface OutputColumn {
  /** Feature name, e.g. `AREA=77th Street`, `AREA=infrequent`, `AREA=missing`, `Vict Age`. */
  readonly name: string;
  /** The input column it comes from. */
  readonly source: string;
  /** `'onehot'`: a 0/1 indicator; `'ordinal'`: integer codes `0 … nCategories − 1`; `'numeric'`: passed through. */
  readonly kind: 'onehot' | 'ordinal' | 'numeric';
  /** Number of distinct codes: `nCodes` for ordinal, 2 for one-hot, 0 for numeric. */
  readonly nCategories: number;
}

/** What an {@link Encoder} learned. */
export interface EncoderState {
  /** The categorical columns, in output order. */
  readonly categorical: readonly CategoricalColumnState[];
  /** The numeric columns, in output order. */
  readonly numeric: readonly NumericColumnState[];
  /** One entry per output column. */
  readonly outputs: readonly OutputColumn[];
  /** Number of training rows. */
  readonly nRowsSeen: number;
}

const WHO = 'Encoder';
const VERSION = 1;

/** Sorts categories like NumPy/scikit-learn: numbers ascending, strings by code unit, missing last. @internal */
export function compareCategories(a: Category, b: Category): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Whether a cell is a missing value. @internal */
function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function categoryLabel(c: Category): string {
  return c === null ? 'missing' : String(c);
}

function checkNames(param: 'categorical' | 'numeric', v: unknown): readonly string[] | null {
  if (v === undefined) return null;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new InvalidParameterError(
      param,
      `Encoder: ${param} must be an array of column names (strings), received ${describe(v)}.`,
    );
  }
  const set = new Set<string>();
  for (const n of v as string[]) {
    if (set.has(n)) throw new InvalidParameterError(param, `Encoder: column "${n}" is listed twice in ${param}.`);
    set.add(n);
  }
  return Object.freeze([...(v as string[])]);
}

function checkCategoryList(col: string, list: unknown): ReadonlyArray<Category> {
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidParameterError(
      'categories',
      `Encoder: categories["${col}"] must be a non-empty array of strings or numbers (null for missing), received ${describe(list)}.`,
    );
  }
  let kind: string | undefined;
  const seen = new Set<Category>();
  for (const c of list as unknown[]) {
    if (c === null) {
      // the missing category
    } else if ((typeof c === 'string' && c !== '') || (typeof c === 'number' && !Number.isNaN(c))) {
      if (kind === undefined) kind = typeof c;
      else if (kind !== typeof c) {
        throw new InvalidParameterError(
          'categories',
          `Encoder: categories["${col}"] mixes strings and numbers; use one type (and null for missing).`,
        );
      }
    } else {
      throw new InvalidParameterError(
        'categories',
        `Encoder: categories["${col}"] holds ${describe(c)}; categories are non-empty strings, numbers, or null for missing.`,
      );
    }
    if (seen.has(c as Category))
      throw new InvalidParameterError('categories', `Encoder: categories["${col}"] lists ${describe(c)} twice.`);
    seen.add(c as Category);
  }
  return Object.freeze([...(list as Category[])]);
}

function resolveParams(o: EncoderOptions): EncoderParams {
  if (o === null || typeof o !== 'object')
    throw new InvalidParameterError('options', `Encoder: options must be an object, received ${describe(o)}.`);
  const categorical = checkNames('categorical', o.categorical);
  const numeric = checkNames('numeric', o.numeric);
  if (categorical && numeric) {
    for (const n of categorical) {
      if (numeric.includes(n))
        throw new InvalidParameterError(
          'numeric',
          `Encoder: column "${n}" is listed both in categorical and in numeric; list it once.`,
        );
    }
  }
  const encoding = o.encoding ?? 'onehot';
  if (encoding !== 'onehot' && encoding !== 'ordinal') {
    throw new InvalidParameterError(
      'encoding',
      `Encoder: encoding must be 'onehot' or 'ordinal', received ${describe(encoding)}.`,
    );
  }
  let categories: EncoderParams['categories'] = 'auto';
  if (o.categories !== undefined && o.categories !== 'auto') {
    if (o.categories === null || typeof o.categories !== 'object' || Array.isArray(o.categories)) {
      throw new InvalidParameterError(
        'categories',
        `Encoder: categories must be 'auto' or an object { column: [categories…] }, received ${describe(o.categories)}.`,
      );
    }
    const rec: Record<string, ReadonlyArray<Category>> = Object.fromEntries(
      Object.entries(o.categories).map(([k, list]) => [k, checkCategoryList(k, list)]),
    );
    categories = Object.freeze(rec);
  }
  const handleUnknown = o.handleUnknown ?? 'error';
  if (handleUnknown !== 'error' && handleUnknown !== 'ignore' && handleUnknown !== 'infrequent') {
    throw new InvalidParameterError(
      'handleUnknown',
      `Encoder: handleUnknown must be 'error', 'ignore' or 'infrequent', received ${describe(handleUnknown)}.`,
    );
  }
  if (o.unknownValue !== undefined) {
    if (encoding !== 'ordinal')
      throw new InvalidParameterError(
        'unknownValue',
        `Encoder: unknownValue applies to encoding 'ordinal' only; one-hot writes all zeros for unknown categories.`,
      );
    const u = o.unknownValue;
    if (typeof u !== 'number' || !(Number.isNaN(u) || (Number.isInteger(u) && u < 0))) {
      throw new InvalidParameterError(
        'unknownValue',
        `Encoder: unknownValue must be NaN or a negative integer (codes 0, 1, … are taken by categories), received ${describe(u)}.`,
      );
    }
  }
  const minFrequency = o.minFrequency ?? null;
  if (
    minFrequency !== null &&
    (typeof minFrequency !== 'number' ||
      !(minFrequency > 0) ||
      (minFrequency >= 1 && !Number.isInteger(minFrequency)) ||
      !Number.isFinite(minFrequency))
  ) {
    throw new InvalidParameterError(
      'minFrequency',
      `Encoder: minFrequency must be an integer count ≥ 1 or a fraction in (0, 1), received ${describe(minFrequency)}.`,
    );
  }
  const maxCategories = o.maxCategories ?? null;
  if (
    maxCategories !== null &&
    (typeof maxCategories !== 'number' || !Number.isInteger(maxCategories) || maxCategories < 1)
  ) {
    throw new InvalidParameterError(
      'maxCategories',
      `Encoder: maxCategories must be an integer ≥ 1, received ${describe(maxCategories)}.`,
    );
  }
  const drop = o.drop ?? null;
  if (drop !== null && drop !== 'first' && drop !== 'ifBinary') {
    throw new InvalidParameterError('drop', `Encoder: drop must be 'first' or 'ifBinary', received ${describe(drop)}.`);
  }
  if (drop !== null && encoding === 'ordinal') {
    throw new InvalidParameterError(
      'drop',
      `Encoder: drop applies to one-hot encoding only; remove drop or use encoding 'onehot'.`,
    );
  }
  const missing = o.missing ?? 'category';
  if (missing !== 'category' && missing !== 'error') {
    throw new InvalidParameterError(
      'missing',
      `Encoder: missing must be 'category' or 'error', received ${describe(missing)}.`,
    );
  }
  let impute: EncoderParams['impute'] = null;
  if (o.impute !== undefined) {
    const im = o.impute as unknown;
    if (im === 'mean' || im === 'median') impute = im;
    else if (
      im !== null &&
      typeof im === 'object' &&
      typeof (im as { constant?: unknown }).constant === 'number' &&
      Number.isFinite((im as { constant: number }).constant)
    ) {
      impute = Object.freeze({ constant: (im as { constant: number }).constant });
    } else {
      throw new InvalidParameterError(
        'impute',
        `Encoder: impute must be 'mean', 'median' or { constant: <finite number> }, received ${describe(im)}.`,
      );
    }
  }
  return Object.freeze({
    categorical,
    numeric,
    encoding,
    categories,
    handleUnknown,
    unknownValue: o.unknownValue ?? -1,
    minFrequency,
    maxCategories,
    drop,
    missing,
    impute,
  });
}

/** Normalized access to a table: `rows[i][key]` for every used column. @internal */
interface TableView {
  rows: ReadonlyArray<unknown>;
  /** All column names available. */
  names: readonly string[];
  /** Key to read column `name` from a row (the name itself for row objects, the index for row arrays). */
  key(name: string): string | number | undefined;
  records: boolean;
}

function viewTable(X: unknown, who: string): TableView {
  if (Array.isArray(X)) {
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
          `${who}: row ${i} is ${describe(r)}; with an array input every row must be an object keyed by column name (for row arrays pass { columns, rows }).`,
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
    return { rows: X, names, key: (n) => (seen.has(n) ? n : undefined), records: true };
  }
  if (X !== null && typeof X === 'object' && 'columns' in X && 'rows' in X) {
    const { columns, rows } = X as { columns: unknown; rows: unknown };
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
          `${who}: the table is ragged: row ${i} has ${r.length} cells but there are ${width} columns (${(columns as string[]).map((c) => JSON.stringify(c)).join(', ')}). Every row needs one cell per column.`,
          { param: 'X', row: i },
        );
      }
    }
    const index = new Map<string, number>();
    (columns as string[]).forEach((c, j) => {
      if (index.has(c))
        throw new DataValidationError(`${who}: X.columns lists "${c}" twice.`, { param: 'X', column: c });
      index.set(c, j);
    });
    return { rows, names: columns as string[], key: (n) => index.get(n), records: false };
  }
  throw new DataValidationError(
    `${who}: X must be an array of row objects or { columns, rows }, received ${describe(X)}.`,
    { param: 'X' },
  );
}

function requireKey(t: TableView, name: string, who: string): string | number {
  const k = t.key(name);
  if (k === undefined) {
    throw new DataValidationError(
      `${who}: column "${name}" is not in the table (${t.records ? 'keys of row 0' : 'X.columns'}: ${t.names.map((n) => JSON.stringify(n)).join(', ')}). Check the column name.`,
      { param: 'X', column: name },
    );
  }
  return k;
}

function parseNumeric(v: unknown, row: number, col: string, who: string): number {
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
    const x = Number(s);
    if (Number.isFinite(x)) return x;
  }
  throw new DataValidationError(
    `${who}: row ${row}, column "${col}" holds ${describe(v)}, which is not a number. Numeric columns take numbers, numeric text or missing values; list the column under categorical if it holds categories.`,
    { param: 'X', row, column: col },
  );
}

/** Per-column transform plan. @internal */
interface ColumnPlan {
  key: string | number;
  name: string;
  valueType: 'string' | 'number' | 'none';
  /** value → code (after infrequent grouping). */
  lookup: Map<string | number, number>;
  /** code of the missing category, or -1 when missing is not a category. */
  missingCode: number;
  /** code of the infrequent slot, or -1. */
  infrequentCode: number;
  dropIndex: number;
  nCodes: number;
  /** First output column of this categorical column. */
  offset: number;
}

/**
 * Turns a table of mixed cells (row objects or row arrays) into a numeric matrix: categorical
 * columns one-hot or ordinal encoded with scikit-learn's exact category order and infrequent
 * grouping, numeric columns passed through with optional imputation.
 *
 * @remarks
 * - **Output column order**: the categorical columns in the order given, each expanded into its
 *   sorted categories (missing last, then the infrequent slot), then the numeric columns in the
 *   order given. {@link Encoder.featureNames} names them.
 * - **Categories** keep their type: a column of numbers (crime code `510`) has number categories,
 *   sorted numerically; a column of strings sorts by UTF-16 code unit (NumPy's order). A column
 *   that mixes strings and numbers is rejected, as scikit-learn does — convert it first. At
 *   transform time a cell of the other type is rejected too (`'510'` is not `510`).
 * - **Missing values** (`null`, `undefined`, `''`, `NaN`) form their own category `null`, sorted
 *   last (scikit-learn's NaN), unless `missing: 'error'`. In ordinal mode the missing category gets
 *   its own code (scikit-learn's OrdinalEncoder writes NaN instead).
 * - **Infrequent grouping** follows scikit-learn 1.2: a category is infrequent when its count is
 *   below `minFrequency` (or `minFrequency · nRows`); then, when `maxCategories` is below the number
 *   of frequent categories + 1 (the slot is counted even if empty), only the `maxCategories − 1`
 *   most frequent stay — ties broken by a stable ascending sort, so among equal counts the
 *   later-sorted categories stay. `maxCategories: 1` groups nothing (scikit-learn's slicing quirk).
 * - `drop` removes the first column of `[...frequent, infrequent]` (the infrequent slot itself if
 *   every category is infrequent).
 *
 * @example
 * ```ts
 * import { Encoder } from 'imbalanced-tabular';
 * const rows = [
 *   { AREA: 'Central', 'Vict Sex': 'F', 'Vict Age': 34 },
 *   { AREA: 'Newton', 'Vict Sex': 'M', 'Vict Age': null },
 *   { AREA: 'Central', 'Vict Sex': null, 'Vict Age': 51 },
 * ];
 * const enc = new Encoder({ categorical: ['AREA', 'Vict Sex'], numeric: ['Vict Age'], impute: 'median' });
 * const X = enc.fitTransform(rows);
 * enc.featureNames(); // ['AREA=Central', 'AREA=Newton', 'Vict Sex=F', 'Vict Sex=M', 'Vict Sex=missing', 'Vict Age']
 * X.getRow(1);        // [0, 1, 0, 1, 0, 42.5]
 * ```
 *
 * @see scikit-learn `OneHotEncoder` and `OrdinalEncoder`
 *   (https://scikit-learn.org/stable/modules/preprocessing.html#encoding-categorical-features)
 */
export class Encoder implements Transformer<TableInput> {
  /** The resolved, frozen options. */
  readonly params: EncoderParams;
  private state: EncoderState | undefined;

  /**
   * @param options - See {@link EncoderOptions}.
   * @throws {@link InvalidParameterError} for malformed options (duplicate columns, a bad
   *   `minFrequency`, `drop` with ordinal encoding, …).
   */
  constructor(options: EncoderOptions = {}) {
    this.params = resolveParams(options);
  }

  /**
   * What was learned in `fit`: categories per column, infrequent groups, impute values, and a
   * description of each output column.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): EncoderState {
    if (this.state === undefined) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /**
   * Learns the categories (and infrequent groups, impute values) from a table.
   * @param X - Row objects or `{ columns, rows }`.
   * @returns this
   * @throws {@link DataValidationError} for an empty or ragged table, an unknown column name, a
   *   column mixing strings and numbers, non-numeric text in a numeric column, a missing value
   *   with `missing: 'error'`, or (with `handleUnknown: 'error'`) a value outside given `categories`.
   */
  fit(X: TableInput): this {
    this.state = this.learn(X, `${WHO}.fit`);
    return this;
  }

  /**
   * Encodes a table with what was learned in `fit`.
   * @param X - Row objects or `{ columns, rows }` holding at least the fitted columns.
   * @returns A fresh `Matrix` with one column per {@link Encoder.featureNames} entry.
   * @throws {@link NotFittedError} before fit; {@link DataValidationError} for an unknown category
   *   with `handleUnknown: 'error'`, a cell of the wrong type, bad numeric text, or a bad table.
   */
  transform(X: TableInput): Matrix {
    return this.encode(X, this.fitted, `${WHO}.transform`);
  }

  /**
   * `fit(X)` then `transform(X)`.
   * @param X - Row objects or `{ columns, rows }`.
   * @returns The encoded training table.
   * @throws {@link DataValidationError} as {@link Encoder.fit}.
   */
  fitTransform(X: TableInput): Matrix {
    const st = this.learn(X, `${WHO}.fitTransform`);
    const out = this.encode(X, st, `${WHO}.fitTransform`);
    this.state = st;
    return out;
  }

  /**
   * One name per output column: `column=category` for one-hot columns (`AREA=77th Street`,
   * `AREA=missing`, `AREA=infrequent`), the column name for ordinal and numeric columns.
   * @returns The names, in output order.
   * @throws {@link NotFittedError} before fit.
   */
  featureNames(): string[] {
    return this.fitted.outputs.map((o) => o.name);
  }

  /**
   * Whether each output column is categorical (one-hot indicator or ordinal code) rather than numeric.
   * @returns One boolean per output column.
   * @throws {@link NotFittedError} before fit.
   */
  categoricalMask(): boolean[] {
    return this.fitted.outputs.map((o) => o.kind !== 'numeric');
  }

  /**
   * Indices of the categorical output columns (what SMOTENC's `categoricalFeatures` expects in
   * ordinal mode).
   * @returns Zero-based column indices, ascending.
   * @throws {@link NotFittedError} before fit.
   */
  categoricalIndices(): number[] {
    const out: number[] = [];
    this.fitted.outputs.forEach((o, j) => {
      if (o.kind !== 'numeric') out.push(j);
    });
    return out;
  }

  /**
   * Decodes an encoded matrix back into row objects.
   *
   * @remarks
   * One-hot blocks decode to the category of their largest entry; an all-zero block decodes to the
   * dropped category when there is one, else to `undefined` (an unknown category). The infrequent
   * slot decodes to the string `'infrequent'`, the missing category to `null`. Ordinal codes must be
   * integers in range (or `unknownValue`, decoded to `undefined`). Numeric columns are copied
   * (imputed values stay imputed).
   *
   * @param X - A matrix with as many columns as {@link Encoder.featureNames}.
   * @returns One object per row, keyed by the categorical then numeric column names.
   * @throws {@link NotFittedError} before fit; {@link DataValidationError} for a wrong column count
   *   or an ordinal code out of range.
   */
  inverseTransform(X: MatrixInput): DecodedRow[] {
    const st = this.fitted;
    const nOut = st.outputs.length;
    const { data, rows } = toDense(X, { who: `${WHO}.inverseTransform`, allowNaN: true, cols: nOut });
    const ordinal = this.params.encoding === 'ordinal';
    const out: DecodedRow[] = new Array(rows);
    const decodeCode = (c: CategoricalColumnState, code: number): Category | undefined =>
      code < c.frequent.length ? (c.frequent[code] as Category) : 'infrequent';
    for (let i = 0; i < rows; i++) {
      const rec: DecodedRow = {};
      const base = i * nOut;
      let j = 0;
      for (const c of st.categorical) {
        if (ordinal) {
          const v = data[base + j] as number;
          if (Object.is(v, this.params.unknownValue) || (Number.isNaN(v) && Number.isNaN(this.params.unknownValue)))
            rec[c.name] = undefined;
          else if (Number.isInteger(v) && v >= 0 && v < c.nCodes) rec[c.name] = decodeCode(c, v);
          else {
            throw new DataValidationError(
              `${WHO}.inverseTransform: row ${i}, column ${j} ("${c.name}") holds ${v}, not a code in 0..${c.nCodes - 1} or the unknownValue ${this.params.unknownValue}.`,
              { param: 'X', row: i, column: j },
            );
          }
          j++;
          continue;
        }
        const width = c.nCodes - (c.dropIndex === null ? 0 : 1);
        let best = -1;
        let bestV = 0;
        for (let k = 0; k < width; k++) {
          const v = data[base + j + k] as number;
          if (v > bestV) {
            bestV = v;
            best = k;
          }
        }
        if (best < 0) rec[c.name] = c.dropIndex === null ? undefined : decodeCode(c, c.dropIndex);
        else rec[c.name] = decodeCode(c, c.dropIndex !== null && best >= c.dropIndex ? best + 1 : best);
        j += width;
      }
      for (const nc of st.numeric) {
        rec[nc.name] = data[base + j] as number;
        j++;
      }
      out[i] = rec;
    }
    return out;
  }

  /**
   * The JSON form `{ format: 'imbalanced-tabular/Encoder', version, params, state }` (`state` is
   * `null` before fit). Round-trips exactly.
   * @returns The envelope.
   */
  toJSON(): Envelope {
    const p = this.params;
    const params = {
      ...p,
      categorical: p.categorical === null ? null : [...p.categorical],
      numeric: p.numeric === null ? null : [...p.numeric],
      categories:
        p.categories === 'auto'
          ? 'auto'
          : Object.fromEntries(Object.entries(p.categories).map(([k, v]) => [k, encodeCategories(v)])),
      unknownValue: encodeNumber(p.unknownValue),
    };
    const st = this.state;
    return makeEnvelope(
      'Encoder',
      VERSION,
      params,
      st === undefined
        ? null
        : {
            nRowsSeen: st.nRowsSeen,
            categorical: st.categorical.map((c) => ({
              name: c.name,
              valueType: c.valueType,
              categories: encodeCategories(c.categories),
              counts: [...c.counts],
              infrequent: encodeCategories(c.infrequent),
              dropIndex: c.dropIndex,
            })),
            numeric: st.numeric.map((n) => ({ name: n.name, imputeValue: encodeNumber(n.imputeValue) })),
          },
    );
  }

  /**
   * Rebuilds an Encoder (fitted or not) from {@link Encoder.toJSON} output or its JSON text.
   * @param json - The envelope or its JSON text.
   * @returns An Encoder that encodes exactly like the saved one.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): Encoder {
    const env = openEnvelope<Record<string, unknown>, Record<string, unknown> | null>(json, 'Encoder', VERSION);
    const p = env.params;
    if (p === null || typeof p !== 'object')
      throw new SerializationError('Encoder.fromJSON: params must be an object.');
    let enc: Encoder;
    try {
      const opts: EncoderOptions = {
        encoding: p.encoding as 'onehot',
        handleUnknown: p.handleUnknown as 'error',
        missing: p.missing as 'category',
      };
      if (p.categorical !== null) opts.categorical = p.categorical as string[];
      if (p.numeric !== null) opts.numeric = p.numeric as string[];
      if (p.categories !== 'auto') {
        const rec = p.categories as Record<string, unknown>;
        opts.categories = Object.fromEntries(
          Object.entries(rec).map(([k, v]) => [k, decodeCategories(v, `params.categories.${k}`)]),
        );
      }
      if (p.encoding === 'ordinal') opts.unknownValue = decodeNumber(p.unknownValue, 'params.unknownValue');
      if (p.minFrequency !== null) opts.minFrequency = p.minFrequency as number;
      if (p.maxCategories !== null) opts.maxCategories = p.maxCategories as number;
      if (p.drop !== null) opts.drop = p.drop as 'first';
      if (p.impute !== null) opts.impute = p.impute as 'mean';
      enc = new Encoder(opts);
    } catch (e) {
      if (e instanceof SerializationError) throw e;
      throw new SerializationError(`Encoder.fromJSON: invalid params (${(e as Error).message}).`);
    }
    const st = env.state;
    if (st === null) return enc;
    if (typeof st !== 'object' || !Array.isArray(st.categorical) || !Array.isArray(st.numeric)) {
      throw new SerializationError('Encoder.fromJSON: state must hold "categorical" and "numeric" arrays.');
    }
    const cats = (st.categorical as Array<Record<string, unknown>>).map((c, i) => {
      const where = `state.categorical[${i}]`;
      const categories = decodeCategories(c.categories, `${where}.categories`);
      const counts = c.counts;
      if (!Array.isArray(counts) || counts.length !== categories.length)
        throw new SerializationError(`Encoder.fromJSON: ${where}.counts must have one count per category.`);
      const infrequent = decodeCategories(c.infrequent, `${where}.infrequent`);
      const vt = c.valueType;
      if (typeof c.name !== 'string' || (vt !== 'string' && vt !== 'number' && vt !== 'none'))
        throw new SerializationError(`Encoder.fromJSON: ${where} lacks a name or valueType.`);
      const dropIndex = c.dropIndex;
      if (dropIndex !== null && typeof dropIndex !== 'number')
        throw new SerializationError(`Encoder.fromJSON: ${where}.dropIndex must be a number or null.`);
      return makeColumnState(
        c.name,
        vt,
        categories,
        counts as number[],
        new Set(infrequent),
        dropIndex as number | null,
      );
    });
    const nums = (st.numeric as Array<Record<string, unknown>>).map((n, i) => {
      if (typeof n.name !== 'string')
        throw new SerializationError(`Encoder.fromJSON: state.numeric[${i}].name must be a string.`);
      return Object.freeze({
        name: n.name,
        imputeValue: decodeNumber(n.imputeValue, `state.numeric[${i}].imputeValue`),
      });
    });
    const nRows = st.nRowsSeen;
    if (typeof nRows !== 'number') throw new SerializationError('Encoder.fromJSON: state.nRowsSeen must be a number.');
    enc.state = enc.assemble(cats, nums, nRows);
    return enc;
  }

  private assemble(
    categorical: CategoricalColumnState[],
    numeric: NumericColumnState[],
    nRowsSeen: number,
  ): EncoderState {
    const outputs: OutputColumn[] = [];
    const ordinal = this.params.encoding === 'ordinal';
    for (const c of categorical) {
      if (ordinal) {
        outputs.push(Object.freeze({ name: c.name, source: c.name, kind: 'ordinal', nCategories: c.nCodes }));
        continue;
      }
      for (let k = 0; k < c.nCodes; k++) {
        if (k === c.dropIndex) continue;
        const label = k < c.frequent.length ? categoryLabel(c.frequent[k] as Category) : 'infrequent';
        outputs.push(Object.freeze({ name: `${c.name}=${label}`, source: c.name, kind: 'onehot', nCategories: 2 }));
      }
    }
    for (const n of numeric)
      outputs.push(Object.freeze({ name: n.name, source: n.name, kind: 'numeric', nCategories: 0 }));
    return Object.freeze({
      categorical: Object.freeze(categorical),
      numeric: Object.freeze(numeric),
      outputs: Object.freeze(outputs),
      nRowsSeen,
    });
  }

  private learn(X: TableInput, who: string): EncoderState {
    const p = this.params;
    const t = viewTable(X, who);
    const rows = t.rows as ReadonlyArray<Record<string | number, unknown>>;
    const n = rows.length;
    let catNames: readonly string[];
    let numNames: readonly string[];
    if (p.categorical === null && p.numeric === null) {
      const cat: string[] = [];
      const num: string[] = [];
      for (const name of t.names) {
        const k = t.key(name) as string | number;
        let numeric = true;
        for (let i = 0; i < n && numeric; i++) {
          const v = (rows[i] as Record<string | number, unknown>)[k];
          if (!isMissing(v) && typeof v !== 'number') numeric = false;
        }
        (numeric ? num : cat).push(name);
      }
      catNames = cat;
      numNames = num;
    } else {
      catNames = p.categorical ?? [];
      numNames = p.numeric ?? [];
    }
    if (catNames.length + numNames.length === 0) {
      throw new DataValidationError(
        `${who}: no columns to encode; list them in categorical / numeric, or pass rows with at least one key.`,
        { param: 'X' },
      );
    }
    const given = p.categories === 'auto' ? undefined : p.categories;
    if (given) {
      for (const k of Object.keys(given)) {
        if (!catNames.includes(k)) {
          throw new DataValidationError(
            `${who}: categories are given for "${k}", which is not a categorical column (${catNames.map((c) => JSON.stringify(c)).join(', ')}).`,
            { param: 'categories', column: k },
          );
        }
      }
    }
    const categorical: CategoricalColumnState[] = [];
    for (const name of catNames) {
      const key = requireKey(t, name, who);
      // value → slot in `tally` (one hash lookup per cell, counts in a typed array)
      const slots = new Map<string | number, number>();
      let tally = new Float64Array(64);
      let nMissing = 0;
      let firstString = -1;
      let firstNumber = -1;
      for (let i = 0; i < n; i++) {
        const v = (rows[i] as Record<string | number, unknown>)[key];
        const slot = slots.get(v as string | number);
        if (slot !== undefined) {
          tally[slot] = (tally[slot] as number) + 1;
          continue;
        }
        if (isMissing(v)) {
          if (p.missing === 'error') {
            throw new DataValidationError(
              `${who}: row ${i}, column "${name}" is missing (${describe(v)}) and missing is 'error'. Fill it, or use missing: 'category'.`,
              { param: 'X', row: i, column: name },
            );
          }
          nMissing++;
          continue;
        }
        if (typeof v === 'string') {
          if (firstString < 0) firstString = i;
        } else if (typeof v === 'number') {
          if (firstNumber < 0) firstNumber = i;
        } else {
          throw new DataValidationError(
            `${who}: row ${i}, column "${name}" holds ${describe(v)}; categorical cells must be strings, numbers or missing.`,
            { param: 'X', row: i, column: name },
          );
        }
        const k = slots.size;
        if (k === tally.length) {
          const grown = new Float64Array(k * 2);
          grown.set(tally);
          tally = grown;
        }
        slots.set(v, k);
        tally[k] = 1;
      }
      const counts = new Map<string | number, number>();
      for (const [v, k] of slots) counts.set(v, tally[k] as number);
      if (firstString >= 0 && firstNumber >= 0) {
        throw new DataValidationError(
          `${who}: column "${name}" mixes strings (row ${firstString}: ${describe((rows[firstString] as Record<string | number, unknown>)[key])}) and numbers (row ${firstNumber}: ${describe((rows[firstNumber] as Record<string | number, unknown>)[key])}), which have no common sort order (scikit-learn refuses them too). Convert the column to one type, e.g. String(v).`,
          { param: 'X', column: name },
        );
      }
      let categories: Category[];
      let valueType: CategoricalColumnState['valueType'] =
        firstString >= 0 ? 'string' : firstNumber >= 0 ? 'number' : 'none';
      const list = given !== undefined && Object.hasOwn(given, name) ? given[name] : undefined;
      if (list !== undefined) {
        categories = [...list];
        const gType = list.find((c) => c !== null);
        const gvt = gType === undefined ? 'none' : typeof gType === 'string' ? 'string' : 'number';
        if (valueType !== 'none' && gvt !== 'none' && gvt !== valueType) {
          throw new DataValidationError(
            `${who}: column "${name}" holds ${valueType}s but its given categories are ${gvt}s. Make them the same type.`,
            { param: 'X', column: name },
          );
        }
        if (gvt !== 'none') valueType = gvt;
        if (p.handleUnknown === 'error') {
          const known = new Set<Category>(list);
          for (const v of counts.keys()) {
            if (!known.has(v)) {
              throw new DataValidationError(
                `${who}: column "${name}" holds ${describe(v)}, which is not in the given categories, and handleUnknown is 'error'. Add it to categories or set handleUnknown.`,
                { param: 'X', column: name },
              );
            }
          }
          if (nMissing > 0 && !known.has(null)) {
            throw new DataValidationError(
              `${who}: column "${name}" has missing values but null is not in its given categories, and handleUnknown is 'error'. Add null to categories or set handleUnknown.`,
              { param: 'X', column: name },
            );
          }
        }
      } else {
        categories = [...counts.keys()].sort(compareCategories);
        if (nMissing > 0) categories.push(null);
      }
      const catCounts = categories.map((c) => (c === null ? nMissing : (counts.get(c) ?? 0)));
      const infrequent = this.identifyInfrequent(catCounts, n);
      const infreqSet = new Set<Category>();
      infrequent.forEach((isInf, k) => {
        if (isInf) infreqSet.add(categories[k] as Category);
      });
      const nCodes = categories.length - infreqSet.size + (infreqSet.size > 0 ? 1 : 0);
      let dropIndex: number | null = null;
      if (p.drop === 'first') dropIndex = 0;
      else if (p.drop === 'ifBinary' && nCodes === 2) dropIndex = 0;
      categorical.push(makeColumnState(name, valueType, categories, catCounts, infreqSet, dropIndex));
    }
    const numeric: NumericColumnState[] = [];
    for (const name of numNames) {
      const key = requireKey(t, name, who);
      let imputeValue = NaN;
      const vals = new Float64Array(n);
      let m = 0;
      for (let i = 0; i < n; i++) {
        const x = parseNumeric((rows[i] as Record<string | number, unknown>)[key], i, name, who);
        if (!Number.isNaN(x)) vals[m++] = x;
      }
      if (p.impute !== null && typeof p.impute === 'object') imputeValue = p.impute.constant;
      else if (p.impute !== null) {
        if (m === 0) {
          throw new DataValidationError(
            `${who}: numeric column "${name}" has no values, so its ${p.impute} cannot be computed. Use impute: { constant: v } or drop the column.`,
            { param: 'X', column: name },
          );
        }
        const v = vals.subarray(0, m);
        if (p.impute === 'mean') {
          let s = 0;
          for (let i = 0; i < m; i++) s += v[i] as number;
          imputeValue = s / m;
        } else {
          v.sort();
          const h = m >> 1;
          imputeValue = m % 2 === 1 ? (v[h] as number) : ((v[h - 1] as number) + (v[h] as number)) / 2;
        }
      }
      numeric.push(Object.freeze({ name, imputeValue }));
    }
    return this.assemble(categorical, numeric, n);
  }

  /** scikit-learn 1.2's `_identify_infrequent`: which categories go into the infrequent slot. */
  private identifyInfrequent(counts: readonly number[], nRows: number): boolean[] {
    const { minFrequency, maxCategories } = this.params;
    const k = counts.length;
    const mask = new Array<boolean>(k).fill(false);
    if (minFrequency !== null) {
      const threshold = minFrequency >= 1 ? minFrequency : nRows * minFrequency;
      for (let i = 0; i < k; i++) mask[i] = (counts[i] as number) < threshold;
    }
    const nInfrequent = mask.filter(Boolean).length;
    const nCurrent = k - nInfrequent + 1;
    if (maxCategories !== null && maxCategories < nCurrent && maxCategories > 1) {
      // stable ascending sort by count; all but the last maxCategories − 1 become infrequent
      const order = Array.from({ length: k }, (_, i) => i).sort(
        (a, b) => (counts[a] as number) - (counts[b] as number),
      );
      const nSmall = k - (maxCategories - 1);
      for (let i = 0; i < nSmall; i++) mask[order[i] as number] = true;
    }
    return mask;
  }

  private encode(X: TableInput, st: EncoderState, who: string): Matrix {
    const p = this.params;
    const t = viewTable(X, who);
    const rows = t.rows as ReadonlyArray<Record<string | number, unknown>>;
    const n = rows.length;
    const nOut = st.outputs.length;
    const ordinal = p.encoding === 'ordinal';
    const plans: ColumnPlan[] = [];
    let offset = 0;
    for (const c of st.categorical) {
      const lookup = new Map<string | number, number>();
      let missingCode = -1;
      let infrequentCode = -1;
      const nFreq = c.frequent.length;
      if (c.infrequent.length > 0) infrequentCode = nFreq;
      c.frequent.forEach((v, k) => {
        if (v === null) missingCode = k;
        else lookup.set(v, k);
      });
      for (const v of c.infrequent) {
        if (v === null) missingCode = nFreq;
        else lookup.set(v, nFreq);
      }
      plans.push({
        key: requireKey(t, c.name, who),
        name: c.name,
        valueType: c.valueType,
        lookup,
        missingCode,
        infrequentCode,
        dropIndex: c.dropIndex ?? -1,
        nCodes: c.nCodes,
        offset,
      });
      offset += ordinal ? 1 : c.nCodes - (c.dropIndex === null ? 0 : 1);
    }
    const numKeys = st.numeric.map((nc) => requireKey(t, nc.name, who));
    const numImpute = st.numeric.map((nc) => nc.imputeValue);
    const numOffset = offset;
    const out = new Float64Array(n * nOut);
    const unknownMode = p.handleUnknown;
    const unknownValue = p.unknownValue;
    const missingError = p.missing === 'error';
    for (let i = 0; i < n; i++) {
      const row = rows[i] as Record<string | number, unknown>;
      const base = i * nOut;
      for (let c = 0; c < plans.length; c++) {
        const plan = plans[c] as ColumnPlan;
        const v = row[plan.key];
        // fast path first: a known category (lookup keys are never missing values)
        let code = plan.lookup.get(v as string | number);
        if (code === undefined) {
          if (isMissing(v)) {
            if (missingError) {
              throw new DataValidationError(
                `${who}: row ${i}, column "${plan.name}" is missing (${describe(v)}) and missing is 'error'. Fill it, or use missing: 'category'.`,
                { param: 'X', row: i, column: plan.name },
              );
            }
            if (plan.missingCode >= 0) code = plan.missingCode;
          } else {
            const tv = typeof v;
            if (tv !== 'string' && tv !== 'number') {
              throw new DataValidationError(
                `${who}: row ${i}, column "${plan.name}" holds ${describe(v)}; categorical cells must be strings, numbers or missing.`,
                { param: 'X', row: i, column: plan.name },
              );
            }
            if (plan.valueType !== 'none' && tv !== plan.valueType) {
              throw new DataValidationError(
                `${who}: row ${i}, column "${plan.name}" holds ${describe(v)} (${tv}), but the column's categories are ${plan.valueType}s. Convert the cell to the type used in fit.`,
                { param: 'X', row: i, column: plan.name },
              );
            }
          }
        }
        if (code === undefined) {
          if (unknownMode === 'error') {
            throw new DataValidationError(
              `${who}: row ${i}, column "${plan.name}" holds ${isMissing(v) ? 'a missing value' : describe(v)}, a category not seen in fit. Use handleUnknown: 'ignore' or 'infrequent' to accept unknown categories.`,
              { param: 'X', row: i, column: plan.name },
            );
          }
          if (unknownMode === 'infrequent' && plan.infrequentCode >= 0) code = plan.infrequentCode;
        }
        if (ordinal) {
          out[base + plan.offset] = code === undefined ? unknownValue : code;
        } else if (code !== undefined && code !== plan.dropIndex) {
          const d = plan.dropIndex;
          out[base + plan.offset + (d >= 0 && code > d ? code - 1 : code)] = 1;
        }
      }
      for (let c = 0; c < numKeys.length; c++) {
        const name = (st.numeric[c] as NumericColumnState).name;
        let x = parseNumeric(row[numKeys[c] as string | number], i, name, who);
        if (Number.isNaN(x)) x = numImpute[c] as number;
        out[base + numOffset + c] = x;
      }
    }
    return fromDense(out, n, nOut);
  }
}

function makeColumnState(
  name: string,
  valueType: CategoricalColumnState['valueType'],
  categories: Category[],
  counts: number[],
  infrequent: Set<Category>,
  dropIndex: number | null,
): CategoricalColumnState {
  const frequent = categories.filter((c) => !infrequent.has(c));
  const inf = categories.filter((c) => infrequent.has(c));
  return Object.freeze({
    name,
    valueType,
    categories: Object.freeze(categories),
    counts: Object.freeze(counts),
    frequent: Object.freeze(frequent),
    infrequent: Object.freeze(inf),
    dropIndex,
    nCodes: frequent.length + (inf.length > 0 ? 1 : 0),
  });
}

type JsonCategories =
  | { type: 'string'; values: Array<string | null> }
  | { type: 'number'; values: Array<JsonNumber | null> };

function encodeCategories(list: ReadonlyArray<Category>): JsonCategories {
  if (list.some((c) => typeof c === 'number')) {
    return {
      type: 'number',
      values: list.map((c) => (c === null ? null : (encodeNumbers([c as number])[0] as JsonNumber))),
    };
  }
  return { type: 'string', values: list.map((c) => c as string | null) };
}

function decodeCategories(v: unknown, where: string): Category[] {
  if (v === null || typeof v !== 'object' || !Array.isArray((v as JsonCategories).values)) {
    throw new SerializationError(`Encoder.fromJSON: ${where} must be { type, values }, received ${describe(v)}.`);
  }
  const { type, values } = v as JsonCategories;
  if (type === 'number') {
    return (values as unknown[]).map((x, i) =>
      x === null ? null : (decodeNumbers([x], `${where}.values[${i}]`)[0] as number),
    );
  }
  if (type === 'string') {
    return (values as unknown[]).map((x, i) => {
      if (x !== null && typeof x !== 'string')
        throw new SerializationError(`Encoder.fromJSON: ${where}.values[${i}] must be a string or null.`);
      return x as string | null;
    });
  }
  throw new SerializationError(
    `Encoder.fromJSON: ${where}.type must be 'string' or 'number', received ${describe(type)}.`,
  );
}
