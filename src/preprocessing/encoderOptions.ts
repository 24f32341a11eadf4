/**
 * The options of an {@link Encoder}: their types, defaults and validation.
 *
 * @module
 */
import {
  checkAppliesTo,
  checkDistinctList,
  checkInteger,
  checkOneOf,
  checkOptions,
  invalid,
  isPlainObject,
} from '../core/validate.js';
import type { Category } from './category.js';

/** A constant used by {@link EncoderOptions.impute} for missing numeric cells. */
export interface ImputeConstant {
  /** The finite value written for every missing numeric cell. */
  readonly constant: number;
}

/**
 * The form of an {@link Encoder}'s output: `'matrix'`, a dense float64 ml-matrix `Matrix`;
 * `'compact'`, an {@link EncodedMatrix} (codes per row, expanded on demand).
 */
export type EncoderOutput = 'matrix' | 'compact';

/**
 * Options of {@link Encoder}.
 * @typeParam O - The `output` form (inferred from the `output` option).
 */
export interface EncoderOptions<O extends EncoderOutput = 'matrix'> {
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
  /**
   * `'onehot'`: one 0/1 column per category; `'ordinal'`: one column of integer codes per
   * categorical column.
   * @defaultValue 'onehot'
   */
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
  /**
   * Ordinal only: the code written for an unknown category (NaN or a negative integer).
   * @defaultValue -1
   */
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
  /**
   * One-hot only: drop the first output column of every categorical column (`'first'`) or only
   * of those with exactly two (`'ifBinary'`).
   * @defaultValue no drop
   */
  drop?: 'first' | 'ifBinary';
  /**
   * Missing categorical cells: `'category'` makes them their own category (sorted last);
   * `'error'` rejects them.
   * @defaultValue 'category'
   */
  missing?: 'category' | 'error';
  /**
   * Missing numeric cells: left as NaN when omitted, or replaced by the training `'mean'`,
   * `'median'` or a constant.
   * @defaultValue NaN kept
   */
  impute?: 'mean' | 'median' | ImputeConstant;
  /**
   * What `transform` returns: `'matrix'`, a dense float64 ml-matrix `Matrix`; `'compact'`, an
   * {@link EncodedMatrix} — one small integer per row per categorical column, numeric columns
   * referenced, one-hot expanded only in `gatherRows` — for tables too large to hold dense (a
   * million rows × 420 one-hot columns would take 1.6 GiB in float32).
   * @defaultValue 'matrix'
   */
  output?: O;
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
  /** See {@link EncoderOptions.output}. */
  readonly output: EncoderOutput;
}

const WHO = 'Encoder';

/** Every option name, for the unknown-key check (and the loader's fields). @internal */
export const OPTION_NAMES = [
  'categorical',
  'numeric',
  'encoding',
  'categories',
  'handleUnknown',
  'unknownValue',
  'minFrequency',
  'maxCategories',
  'drop',
  'missing',
  'impute',
  'output',
] as const;

/**
 * Validates {@link EncoderOptions} and fills in the defaults. An explicit `null` reads as "not
 * given" for the options that always read it so (`encoding`, `handleUnknown`, `minFrequency`,
 * `maxCategories`, `drop`, `missing`); `output` is new and takes no `null`.
 * @throws {@link InvalidParameterError} for an unknown option (the closest name is suggested) or
 *   a malformed one.
 * @internal
 */
export function resolveEncoderParams(options: EncoderOptions<EncoderOutput> | undefined): EncoderParams {
  const o = checkOptions(WHO, options, OPTION_NAMES);
  const categorical = o.categorical === undefined ? null : checkColumnNames('categorical', o.categorical);
  const numeric = o.numeric === undefined ? null : checkColumnNames('numeric', o.numeric);
  const both = categorical?.find((n) => numeric?.includes(n));
  if (both !== undefined) {
    invalid(WHO, 'numeric', 'disjoint from categorical', numeric, `"${both}" is listed in both; list it once.`);
  }
  const encoding = checkOneOf(WHO, 'encoding', o.encoding ?? undefined, ['onehot', 'ordinal'], 'onehot');
  const handleUnknown = checkOneOf(
    WHO,
    'handleUnknown',
    o.handleUnknown ?? undefined,
    ['error', 'ignore', 'infrequent'],
    'error',
  );
  checkAppliesTo(
    WHO,
    'unknownValue',
    o.unknownValue,
    'encoding',
    ['ordinal'],
    encoding,
    'Remove unknownValue: one-hot writes all zeros for unknown categories.',
  );
  const drop = o.drop == null ? null : checkOneOf(WHO, 'drop', o.drop, ['first', 'ifBinary']);
  checkAppliesTo(
    WHO,
    'drop',
    drop ?? undefined,
    'encoding',
    ['onehot'],
    encoding,
    'Remove drop, or use one-hot encoding.',
  );
  return Object.freeze({
    categorical,
    numeric,
    encoding,
    categories: checkCategories(o.categories),
    handleUnknown,
    unknownValue: o.unknownValue === undefined ? -1 : checkUnknownValue(o.unknownValue),
    minFrequency: o.minFrequency == null ? null : checkMinFrequency(o.minFrequency),
    maxCategories: o.maxCategories == null ? null : checkInteger(WHO, 'maxCategories', o.maxCategories, { min: 1 }),
    drop,
    missing: checkOneOf(WHO, 'missing', o.missing ?? undefined, ['category', 'error'], 'category'),
    impute: o.impute === undefined ? null : checkImpute(o.impute),
    output: checkOneOf(WHO, 'output', o.output, ['matrix', 'compact'], 'matrix'),
  });
}

function checkColumnNames(param: 'categorical' | 'numeric', v: unknown): readonly string[] {
  return checkDistinctList(WHO, param, v, 'column names (strings)', (x, i) =>
    typeof x === 'string' ? x : invalid(WHO, `${param}[${i}]`, 'a column name (a string)', x),
  );
}

function checkCategories(v: unknown): EncoderParams['categories'] {
  if (v === undefined || v === 'auto') return 'auto';
  if (!isPlainObject(v)) return invalid(WHO, 'categories', "'auto' or an object { column: [categories…] }", v);
  return Object.freeze(Object.fromEntries(Object.entries(v).map(([k, list]) => [k, checkCategoryList(k, list)])));
}

/** The given categories of one column: non-empty, distinct, one type (plus `null` for missing). */
function checkCategoryList(col: string, list: unknown): ReadonlyArray<Category> {
  const param = `categories["${col}"]`;
  const what = 'categories (non-empty strings or numbers, null for missing)';
  if (Array.isArray(list) && list.length === 0) invalid(WHO, param, `a non-empty array of ${what}`, list);
  const cats = checkDistinctList(WHO, param, list, what, (c, i) =>
    c === null || (typeof c === 'string' && c !== '') || (typeof c === 'number' && !Number.isNaN(c))
      ? (c as Category)
      : invalid(WHO, `${param}[${i}]`, 'a non-empty string, a number, or null for missing', c),
  );
  const types = new Set(cats.filter((c) => c !== null).map((c) => typeof c));
  if (types.size > 1) {
    invalid(WHO, param, 'all strings or all numbers (and null for missing)', list, 'It mixes both; use one type.');
  }
  return cats;
}

function checkUnknownValue(u: unknown): number {
  if (typeof u === 'number' && Number.isNaN(u)) return u;
  return checkInteger(
    WHO,
    'unknownValue',
    u,
    { max: -1 },
    undefined,
    'Use NaN or a negative integer: codes 0, 1, … are taken by the categories.',
  );
}

function checkMinFrequency(v: unknown): number {
  if (typeof v === 'number' && v > 0 && v < 1) return v;
  return checkInteger(
    WHO,
    'minFrequency',
    v,
    { min: 1 },
    undefined,
    'A fraction in (0, 1) of the training rows is accepted too.',
  );
}

function checkImpute(v: unknown): EncoderParams['impute'] {
  if (v === 'mean' || v === 'median') return v;
  if (v !== null && typeof v === 'object') {
    const constant = (v as { constant?: unknown }).constant;
    if (typeof constant === 'number' && Number.isFinite(constant)) return Object.freeze({ constant });
  }
  return invalid(WHO, 'impute', "'mean', 'median' or { constant: <finite number> }", v);
}
