/**
 * What {@link Encoder.fit} does: read the table, settle which columns are categorical and which
 * numeric, learn each categorical column's categories and each numeric column's impute value.
 *
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import { mean } from '../core/stats/mean.js';
import { medianSorted } from '../core/stats/medianSorted.js';
import type { EncoderParams } from './encoderOptions.js';
import { assembleState, type EncoderState, type NumericColumnState } from './encoderState.js';
import { learnCategoricalColumn } from './learnCategories.js';
import {
  isMissing,
  parseNumeric,
  quoteNames,
  readTable,
  requireKey,
  type TableRow,
  type TableView,
} from './readTable.js';

/**
 * Learns an Encoder's state from table `X`, computing into fresh objects only (a failed fit
 * leaves the caller's previous state alone).
 * @param who - The method fitting, e.g. `'Encoder.fit'`, for messages.
 * @throws {@link DataValidationError} for a bad table or a column that does not fit the options.
 * @internal
 */
export function learnEncoderState(p: EncoderParams, X: unknown, who: string): EncoderState {
  const t = readTable(X, who);
  const { categorical, numeric } = columnKinds(p, t, who);
  const given = p.categories === 'auto' ? undefined : p.categories;
  for (const k of Object.keys(given ?? {})) {
    if (!categorical.includes(k)) {
      throw new DataValidationError(
        `${who}: categories are given for "${k}", which is not a categorical column (${quoteNames(categorical)}).`,
        { param: 'categories', column: k },
      );
    }
  }
  return assembleState(
    categorical.map((name) => learnCategoricalColumn(t, name, p, given, who)),
    numeric.map((name) => learnNumericColumn(t, name, p.impute, who)),
    t.rows.length,
    p.encoding,
  );
}

/**
 * The categorical and numeric columns: as listed in the options, or, when neither list is given,
 * every column of the table, numeric when all its non-missing cells are numbers.
 */
function columnKinds(
  p: EncoderParams,
  t: TableView,
  who: string,
): { categorical: readonly string[]; numeric: readonly string[] } {
  let categorical: readonly string[] = p.categorical ?? [];
  let numeric: readonly string[] = p.numeric ?? [];
  if (p.categorical === null && p.numeric === null) {
    const cat: string[] = [];
    const num: string[] = [];
    for (const name of t.names) {
      const k = t.key(name) as string | number;
      const isNumeric = t.rows.every((row) => {
        const v = row[k];
        return isMissing(v) || typeof v === 'number';
      });
      (isNumeric ? num : cat).push(name);
    }
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

/** Reads numeric column `name` (checking every cell) and learns its impute value. */
function learnNumericColumn(
  t: TableView,
  name: string,
  impute: EncoderParams['impute'],
  who: string,
): NumericColumnState {
  const key = requireKey(t, name, who);
  const n = t.rows.length;
  const values = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = parseNumeric((t.rows[i] as TableRow)[key], i, name, who);
    if (!Number.isNaN(x)) values[m++] = x;
  }
  let imputeValue = NaN;
  if (impute !== null && typeof impute === 'object') imputeValue = impute.constant;
  else if (impute !== null) {
    if (m === 0) {
      throw new DataValidationError(
        `${who}: numeric column "${name}" has no values, so its ${impute} cannot be computed. ` +
          'Use impute: { constant: v } or drop the column.',
        { param: 'X', column: name },
      );
    }
    const seen = values.subarray(0, m);
    imputeValue = impute === 'mean' ? mean(seen) : medianSorted(seen.sort());
  }
  return Object.freeze({ name, imputeValue });
}
