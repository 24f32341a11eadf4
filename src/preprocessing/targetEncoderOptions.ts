/**
 * The options of the {@link TargetEncoder}: their types, defaults and checks.
 *
 * @module
 */
import { InvalidParameterError, describe } from '../core/errors.js';
import { checkSeed } from '../core/Random.js';
import {
  checkBoolean,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  invalid,
  isPlainObject,
} from '../core/validate.js';
import type { Category } from './category.js';

/** The target types of a {@link TargetEncoder}; `'auto'` infers one with `typeOfTarget`. */
export type TargetType = 'auto' | 'binary' | 'multiclass' | 'continuous';

/** Options of {@link TargetEncoder}. */
export interface TargetEncoderOptions {
  /** The columns to encode, in output order (at least one; the other columns are ignored). */
  columns: ReadonlyArray<string>;
  /**
   * The categories of each column: `'auto'` learns them in `fit` (sorted, the missing value
   * last), or a list per column name (columns not listed are learned). Values outside a given list
   * are unknown categories: they are not counted in `fit` and encode as the target mean.
   * @defaultValue 'auto'
   */
  categories?: 'auto' | Readonly<Record<string, ReadonlyArray<Category>>>;
  /**
   * The type of target: `'binary'` (one column per feature: the shrunk rate of `classes[1]`),
   * `'multiclass'` (one column per feature and class, one-vs-rest), `'continuous'` (numeric `y`,
   * the shrunk mean), or `'auto'` to infer it with `typeOfTarget`.
   * @defaultValue 'auto'
   */
  targetType?: TargetType;
  /**
   * The weight of the global target mean against the category's mean: a number m ≥ 0 gives
   * `(sum + m · mean) / (count + m)`; `'auto'` gives the empirical-Bayes estimate, m = σ²_within
   * / σ²_target per category.
   * @defaultValue 'auto'
   */
  smooth?: 'auto' | number;
  /**
   * Number of folds of the cross fitting in `fitTransform` (at least 2): stratified k-fold for
   * class targets, plain k-fold for a continuous one.
   * @defaultValue 5
   */
  cv?: number;
  /**
   * Shuffle the rows before cutting the folds of `fitTransform`.
   * @defaultValue true
   */
  shuffle?: boolean;
  /**
   * Seed of the shuffle. When omitted with `shuffle: true`, one is drawn in `fitTransform` and
   * kept in `fitted.seed`, so the run can be replayed.
   */
  seed?: number;
}

/** The resolved options of a {@link TargetEncoder}, frozen. */
export interface TargetEncoderParams {
  /** The columns to encode. */
  readonly columns: readonly string[];
  /** `'auto'` or the given category lists by column name. */
  readonly categories: 'auto' | Readonly<Record<string, readonly Category[]>>;
  /** The target type asked for. */
  readonly targetType: TargetType;
  /** `'auto'` or the smoothing weight. */
  readonly smooth: 'auto' | number;
  /** Number of folds of `fitTransform`. */
  readonly cv: number;
  /** Whether `fitTransform` shuffles before cutting folds. */
  readonly shuffle: boolean;
  /** The seed given, if any. */
  readonly seed: number | undefined;
}

/** The option names of {@link TargetEncoder}. @internal */
export const TARGET_ENCODER_OPTIONS = ['columns', 'categories', 'targetType', 'smooth', 'cv', 'shuffle', 'seed'];

/**
 * Checks the options of a {@link TargetEncoder} and fills in the defaults.
 * @throws {@link InvalidParameterError} for an unknown option or a value out of its domain.
 * @internal
 */
export function checkTargetEncoderOptions(options: TargetEncoderOptions): TargetEncoderParams {
  const who = 'TargetEncoder';
  const o = checkOptions(who, options, TARGET_ENCODER_OPTIONS);
  const columns = checkColumnNames(who, o.columns);
  const categories = checkCategories(who, o.categories, columns);
  const targetType = checkOneOf<TargetType>(
    who,
    'targetType',
    o.targetType,
    ['auto', 'binary', 'multiclass', 'continuous'],
    'auto',
  );
  const smooth =
    o.smooth === undefined || o.smooth === 'auto'
      ? 'auto'
      : checkNumber(who, 'smooth', o.smooth, { ge: 0 }, undefined, "Pass 'auto' or a number ≥ 0.");
  const cv = checkInteger(who, 'cv', o.cv, { min: 2 }, 5, 'Cross fitting needs at least 2 folds.');
  const shuffle = checkBoolean(who, 'shuffle', o.shuffle, true);
  const seed = checkSeed(who, o.seed);
  if (!shuffle && seed !== undefined) {
    throw new InvalidParameterError(
      'seed',
      `${who}: seed has no effect since shuffle is false. Remove seed, or set shuffle: true.`,
    );
  }
  return Object.freeze({ columns, categories, targetType, smooth, cv, shuffle, seed });
}

function checkColumnNames(who: string, value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return invalid(who, 'columns', 'a non-empty array of column names', value, 'Name the columns to encode.');
  }
  const seen = new Set<string>();
  value.forEach((c, i) => {
    if (typeof c !== 'string') invalid(who, `columns[${i}]`, 'a column name (a string)', c);
    if (seen.has(c)) invalid(who, `columns[${i}]`, 'a column not already listed', c);
    seen.add(c);
  });
  return Object.freeze([...(value as string[])]);
}

function checkCategories(
  who: string,
  value: unknown,
  columns: readonly string[],
): 'auto' | Readonly<Record<string, readonly Category[]>> {
  if (value === undefined || value === 'auto') return 'auto';
  if (!isPlainObject(value)) {
    return invalid(who, 'categories', "'auto' or an object of category lists by column name", value);
  }
  const out: Record<string, readonly Category[]> = Object.create(null);
  for (const [name, list] of Object.entries(value)) {
    const param = `categories[${JSON.stringify(name)}]`;
    if (!columns.includes(name)) {
      throw new InvalidParameterError(
        'categories',
        `${who}: categories names column ${describe(name)}, which is not in columns. List it in columns or remove it.`,
      );
    }
    if (!Array.isArray(list)) invalid(who, param, 'an array of categories', list);
    checkCategoryList(list as unknown[], (i, expected, c) => invalid(who, `${param}[${i}]`, expected, c));
    out[name] = Object.freeze([...(list as Category[])]);
  }
  return Object.freeze(out);
}

/**
 * Checks a category list — strings or finite numbers (one type) and `null`, no duplicates —
 * calling `fail(index, expected, value)` (which throws) at the first bad entry. @internal
 */
export function checkCategoryList(
  list: ReadonlyArray<unknown>,
  fail: (index: number, expected: string, value: unknown) => never,
): void {
  const seen = new Set<unknown>();
  let kind: string | undefined;
  list.forEach((c, i) => {
    const ok = c === null || typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c));
    if (!ok) fail(i, 'a category (a string, a finite number or null)', c);
    if (seen.has(c)) fail(i, 'a category not already in the list', c);
    if (c !== null) {
      if (kind !== undefined && typeof c !== kind) fail(i, `a ${kind} like the others`, c);
      kind = typeof c;
    }
    seen.add(c);
  });
}
