/**
 * What {@link Encoder.fit} does: read the table, settle which columns are categorical and which
 * numeric, learn each categorical column's categories and each numeric column's impute value.
 *
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import { mean } from '../core/stats/mean.js';
import { countedMeanVariance, countedSortedAt, integerCounts, type ValueCounts } from '../core/stats/countedStats.js';
import { medianAt, medianSorted } from '../core/stats/medianSorted.js';
import { type ColumnarTable, isColumnarTable } from '../core/table.js';
import type { EncoderParams } from './encoderOptions.js';
import { assembleState, type EncoderState, type NumericColumnState } from './encoderState.js';
import { columnarIsNumeric, columnarNumericValues, columnarTally } from './learnColumnar.js';
import { columnStateFromTally, type Tally, tallyColumn } from './learnCategories.js';
import { readColumnarTable } from './readColumnarTable.js';
import { isMissing, parseNumeric, quoteNames, readTable, requireKey, cellOf, type TableRow } from './readTable.js';

/**
 * The non-missing values of a numeric column: in row order, or as distinct values (ascending) with
 * their counts — for 8/16-bit integer columns, whose sums are exact in any order.
 */
type SeenValues = { readonly values: Float64Array; readonly counts?: undefined } | ValueCounts;

/** The reads fitting needs, over row objects / row arrays or a `ColumnarTable`. */
interface FitSource {
  /** Number of rows. */
  readonly nRows: number;
  /** Every column name, in the table's order. */
  readonly names: readonly string[];
  /** Whether every non-missing cell of the column is a number (for inferred column kinds). */
  isNumeric(name: string): boolean;
  /** One pass over a categorical column. */
  tally(name: string, missingError: boolean): Tally;
  /**
   * The column's non-missing numeric values, every cell checked: in row order, or as value
   * counts when that is as exact and cheaper (with `keep` false, the cells are checked and no
   * value is returned).
   */
  numericSeen(name: string, keep: boolean): SeenValues;
}

/**
 * Learns an Encoder's state from table `X`, computing into fresh objects only (a failed fit
 * leaves the caller's previous state alone).
 * @param who - The method fitting, e.g. `'Encoder.fit'`, for messages.
 * @throws {@link DataValidationError} for a bad table or a column that does not fit the options.
 * @internal
 */
export function learnEncoderState(p: EncoderParams, X: unknown, who: string): EncoderState {
  const src = isColumnarTable(X) ? columnarSource(X, who) : rowSource(X, who);
  const { categorical, numeric } = columnKinds(p, src, who);
  const given = p.categories === 'auto' ? undefined : p.categories;
  for (const k of Object.keys(given ?? {})) {
    if (!categorical.includes(k)) {
      throw new DataValidationError(
        `${who}: categories are given for "${k}", which is not a categorical column (${quoteNames(categorical)}).`,
        { param: 'categories', column: k },
      );
    }
  }
  const missingError = p.missing === 'error';
  return assembleState(
    categorical.map((name) => columnStateFromTally(name, src.tally(name, missingError), src.nRows, p, given, who)),
    numeric.map((name) => {
      const keep = p.impute === 'mean' || p.impute === 'median';
      return learnNumericColumn(name, src.numericSeen(name, keep), p.impute, who);
    }),
    src.nRows,
    p.encoding,
  );
}

/** The fit reads of row objects or row arrays. */
function rowSource(X: unknown, who: string): FitSource {
  const t = readTable(X, who);
  const n = t.rows.length;
  return {
    nRows: n,
    names: t.names,
    isNumeric(name) {
      const k = t.key(name) as string | number;
      return t.rows.every((row) => {
        const v = cellOf(row, k);
        return isMissing(v) || typeof v === 'number';
      });
    },
    tally: (name, missingError) => tallyColumn(t.rows, requireKey(t, name, who), name, missingError, who),
    numericSeen(name, keep) {
      const key = requireKey(t, name, who);
      const values = new Float64Array(keep ? n : 0);
      let m = 0;
      for (let i = 0; i < n; i++) {
        const x = parseNumeric(cellOf(t.rows[i] as TableRow, key), i, name, who);
        if (keep && !Number.isNaN(x)) values[m++] = x;
      }
      return { values: values.subarray(0, m) };
    },
  };
}

/** The fit reads of a `ColumnarTable`: codes and typed arrays, never a cell per row. */
function columnarSource(X: ColumnarTable, who: string): FitSource {
  const v = readColumnarTable(X, who);
  return {
    nRows: v.nRows,
    names: v.names,
    isNumeric: (name) => columnarIsNumeric(v.column(name), name, who),
    tally: (name, missingError) => columnarTally(v.column(name), name, missingError, who),
    numericSeen(name, keep) {
      const { values, hasMissing } = columnarNumericValues(v.column(name), name, who);
      if (!keep) return { values: new Float64Array(0) };
      // 8/16-bit integer columns (0/1 indicators): counted, not copied and sorted
      const counted = integerCounts(values);
      if (counted !== undefined) return counted;
      if (!hasMissing) return { values: Float64Array.from(values) };
      const seen = new Float64Array(values.length);
      let m = 0;
      for (let i = 0; i < values.length; i++) {
        const x = values[i] as number;
        if (!Number.isNaN(x)) seen[m++] = x;
      }
      return { values: seen.subarray(0, m) };
    },
  };
}

/**
 * The categorical and numeric columns: as listed in the options, or, when neither list is given,
 * every column of the table, numeric when all its non-missing cells are numbers.
 */
function columnKinds(
  p: EncoderParams,
  src: FitSource,
  who: string,
): { categorical: readonly string[]; numeric: readonly string[] } {
  let categorical: readonly string[] = p.categorical ?? [];
  let numeric: readonly string[] = p.numeric ?? [];
  if (p.categorical === null && p.numeric === null) {
    const cat: string[] = [];
    const num: string[] = [];
    for (const name of src.names) (src.isNumeric(name) ? num : cat).push(name);
    categorical = cat;
    numeric = num;
  }
  if (categorical.length + numeric.length === 0) {
    throw new DataValidationError(
      `${who}: no columns to encode; list them in categorical / numeric, or pass rows with at least one key.`,
      { param: 'X' },
    );
  }
  return { categorical, numeric };
}

/** The state of numeric column `name` from its non-missing values: its impute value. */
function learnNumericColumn(
  name: string,
  seen: SeenValues,
  impute: EncoderParams['impute'],
  who: string,
): NumericColumnState {
  let imputeValue = NaN;
  if (impute !== null && typeof impute === 'object') imputeValue = impute.constant;
  else if (impute !== null) {
    const sorted = seen.counts === undefined ? undefined : countedSortedAt(seen.values, seen.counts);
    if ((sorted?.n ?? seen.values.length) === 0) {
      throw new DataValidationError(
        `${who}: numeric column "${name}" has no values, so its ${impute} cannot be computed. ` +
          'Use impute: { constant: v } or drop the column.',
        { param: 'X', column: name },
      );
    }
    if (sorted === undefined) {
      imputeValue = impute === 'mean' ? finiteMean(seen.values) : finiteMedian(seen.values.sort());
    } else {
      // integer values: Σ count · value is the row-order sum exactly
      imputeValue =
        impute === 'mean'
          ? countedMeanVariance(seen.values, seen.counts as Float64Array).mean
          : medianAt(sorted.n, sorted.at);
    }
  }
  return Object.freeze({ name, imputeValue });
}

/**
 * The mean of finite values; where the plain sum overflows (values near ±1.8e308), the mean of the
 * values divided by their largest magnitude, scaled back (ordinary data keeps the plain result).
 */
function finiteMean(values: Float64Array): number {
  const m = mean(values);
  if (Number.isFinite(m)) return m;
  let k = 0;
  for (const v of values) k = Math.max(k, Math.abs(v));
  return k * mean(values.map((v) => v / k));
}

/** The median of sorted finite values; two middle values near ±1.8e308 are averaged as halves. */
function finiteMedian(sorted: Float64Array): number {
  const m = medianSorted(sorted);
  return Number.isFinite(m) ? m : 2 * medianSorted(sorted.map((v) => v / 2));
}
