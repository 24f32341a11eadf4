/**
 * What {@link Encoder.transform} does with row objects and row arrays: one plan per categorical
 * column (value → code), then one pass over the rows writing each row's codes and numeric values
 * into the compact storage of an {@link EncodedMatrix} (the dense output expands it).
 *
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import { type CodeArray, codeArrayFor, EncodedMatrix } from './EncodedMatrix.js';
import { encodedFeatures } from './encodedFeature.js';
import type { EncoderParams } from './encoderOptions.js';
import type { CategoricalColumnState, EncoderState } from './encoderState.js';
import {
  badCellError,
  isMissing,
  missingCellError,
  parseNumeric,
  readTable,
  requireKey,
  cellOf,
  type TableRow,
} from './readTable.js';

/** How one categorical column is encoded. @internal */
export interface ColumnPlan {
  /** Column name, for messages. */
  name: string;
  /** Type of the column's categories. */
  valueType: CategoricalColumnState['valueType'];
  /** value → code (after infrequent grouping); never holds a missing value. */
  lookup: Map<string | number, number>;
  /** code of the missing category, or -1 when missing is not a category. */
  missingCode: number;
  /** code of the infrequent slot, or -1. */
  infrequentCode: number;
  /** The dropped one-hot code, or -1. */
  dropIndex: number;
  /** Whether codes are written as they are (ordinal) rather than as a one-hot slot. */
  ordinal: boolean;
}

/** The plan of categorical column `c`. @internal */
export function planColumn(p: EncoderParams, c: CategoricalColumnState): ColumnPlan {
  const lookup = new Map<string | number, number>();
  let missingCode = -1;
  const nFreq = c.frequent.length;
  c.frequent.forEach((v, k) => {
    if (v === null) missingCode = k;
    else lookup.set(v, k);
  });
  for (const v of c.infrequent) {
    if (v === null) missingCode = nFreq;
    else lookup.set(v, nFreq);
  }
  return {
    name: c.name,
    valueType: c.valueType,
    lookup,
    missingCode,
    infrequentCode: c.infrequent.length > 0 ? nFreq : -1,
    dropIndex: c.dropIndex ?? -1,
    ordinal: p.encoding === 'ordinal',
  };
}

/**
 * The stored slot of a code: the ordinal code itself, or the one-hot column within the block
 * (codes after the dropped one shift down); `-1` for none (`undefined`, or the dropped code).
 * @internal
 */
export function slotOf(plan: ColumnPlan, code: number | undefined): number {
  if (code === undefined) return -1;
  if (plan.ordinal) return code;
  const d = plan.dropIndex;
  return code === d ? -1 : d >= 0 && code > d ? code - 1 : code;
}

/**
 * The code of cell `v` at row `row` (a known category, or what {@link codeOfUnseen} decides).
 * @internal
 */
export function codeOf(p: EncoderParams, plan: ColumnPlan, v: unknown, row: number, who: string): number | undefined {
  // fast path first: a known category (lookup keys are never missing values)
  return plan.lookup.get(v as string | number) ?? codeOfUnseen(p, plan, v, row, who);
}

/**
 * The code of a value not in the plan's lookup: the missing category's, the infrequent slot's
 * (`handleUnknown: 'infrequent'`), or `undefined` for an unknown category that is ignored.
 * @throws {@link DataValidationError} for a cell of the wrong type, a missing value with
 *   `missing: 'error'`, or an unknown category with `handleUnknown: 'error'`.
 * @internal
 */
export function codeOfUnseen(
  p: EncoderParams,
  plan: ColumnPlan,
  v: unknown,
  row: number,
  who: string,
): number | undefined {
  if (isMissing(v)) {
    if (p.missing === 'error') throw missingCellError(who, row, plan.name, v);
    if (plan.missingCode >= 0) return plan.missingCode;
  } else {
    const tv = typeof v;
    if (tv !== 'string' && tv !== 'number') throw badCellError(who, row, plan.name, v);
    if (plan.valueType !== 'none' && tv !== plan.valueType) {
      throw new DataValidationError(
        `${who}: row ${row}, column "${plan.name}" holds ${describe(v)} (${tv}), but the column's categories ` +
          `are ${plan.valueType}s. Convert the cell to the type used in fit.`,
        { param: 'X', row, column: plan.name },
      );
    }
  }
  if (p.handleUnknown === 'error') {
    throw new DataValidationError(
      `${who}: row ${row}, column "${plan.name}" holds ${isMissing(v) ? 'a missing value' : describe(v)}, ` +
        "a category not seen in fit. Use handleUnknown: 'ignore' or 'infrequent' to accept unknown categories.",
      { param: 'X', row, column: plan.name },
    );
  }
  return p.handleUnknown === 'infrequent' && plan.infrequentCode >= 0 ? plan.infrequentCode : undefined;
}

/**
 * Encodes table `X` (row objects or row arrays) with a learned state into compact storage: a code
 * per row per categorical column, a `Float64Array` per numeric column (missing values kept as NaN;
 * the matrix imputes them when it writes rows).
 * @param who - The method encoding, e.g. `'Encoder.transform'`, for messages.
 * @throws {@link DataValidationError} for a bad table, a cell of the wrong type, or an unknown
 *   category with `handleUnknown: 'error'` (the first bad cell in row order).
 * @internal
 */
export function encodeTable(p: EncoderParams, st: EncoderState, X: unknown, who: string): EncodedMatrix {
  const t = readTable(X, who);
  const rows = t.rows;
  const n = rows.length;
  const features = encodedFeatures(st, p);
  const plans = st.categorical.map((c) => planColumn(p, c));
  const catKeys = st.categorical.map((c) => requireKey(t, c.name, who));
  const numKeys = st.numeric.map((nc) => requireKey(t, nc.name, who));
  const codes = features.slice(0, plans.length).map((f) => codeArrayFor(f.kind === 'ordinal' ? f.nCodes : f.width, n));
  const values = st.numeric.map(() => new Float64Array(n));
  const hasMissing = new Array<boolean>(features.length).fill(false);
  const nCat = plans.length;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as TableRow;
    for (let c = 0; c < nCat; c++) {
      const plan = plans[c] as ColumnPlan;
      (codes[c] as CodeArray)[i] = slotOf(plan, codeOf(p, plan, cellOf(row, catKeys[c] as string | number), i, who));
    }
    for (let c = 0; c < numKeys.length; c++) {
      const x = parseNumeric(cellOf(row, numKeys[c] as string | number), i, st.numeric[c]?.name as string, who);
      (values[c] as Float64Array)[i] = x;
      if (Number.isNaN(x)) hasMissing[nCat + c] = true;
    }
  }
  return new EncodedMatrix({
    rows: n,
    columns: st.outputs.length,
    features,
    codes: [...codes, ...values.map(() => null)],
    values: [...codes.map(() => null), ...values],
    hasMissing,
  });
}
