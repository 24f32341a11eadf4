/**
 * What {@link Encoder.transform} does: one plan per categorical column (value → code), then one
 * pass over the rows writing codes, indicators and numeric values into one buffer.
 *
 * @module
 */
import type { Matrix } from 'ml-matrix';
import { DataValidationError, describe } from '../core/errors.js';
import { fromDense } from '../core/matrix.js';
import type { EncoderParams } from './encoderOptions.js';
import type { CategoricalColumnState, EncoderState } from './encoderState.js';
import {
  badCellError,
  isMissing,
  missingCellError,
  parseNumeric,
  readTable,
  requireKey,
  type TableRow,
  type TableView,
} from './readTable.js';

/** How one categorical column is encoded. */
interface ColumnPlan {
  /** Key to read the column from a row. */
  key: string | number;
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
  /** First output column of this categorical column. */
  offset: number;
}

function planColumn(t: TableView, c: CategoricalColumnState, offset: number, who: string): ColumnPlan {
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
    key: requireKey(t, c.name, who),
    name: c.name,
    valueType: c.valueType,
    lookup,
    missingCode,
    infrequentCode: c.infrequent.length > 0 ? nFreq : -1,
    dropIndex: c.dropIndex ?? -1,
    offset,
  };
}

/**
 * The code of a value not in the plan's lookup: the missing category's, the infrequent slot's
 * (`handleUnknown: 'infrequent'`), or `undefined` for an unknown category that is ignored.
 * @throws {@link DataValidationError} for a cell of the wrong type, a missing value with
 *   `missing: 'error'`, or an unknown category with `handleUnknown: 'error'`.
 */
function codeOfUnseen(p: EncoderParams, plan: ColumnPlan, v: unknown, row: number, who: string): number | undefined {
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
 * Encodes table `X` with a learned state: one row of `state.outputs.length` values per input row.
 * @param who - The method encoding, e.g. `'Encoder.transform'`, for messages.
 * @throws {@link DataValidationError} for a bad table, a cell of the wrong type, or an unknown
 *   category with `handleUnknown: 'error'`.
 * @internal
 */
export function encodeTable(p: EncoderParams, st: EncoderState, X: unknown, who: string): Matrix {
  const t = readTable(X, who);
  const rows = t.rows;
  const n = rows.length;
  const nOut = st.outputs.length;
  const ordinal = p.encoding === 'ordinal';
  const plans: ColumnPlan[] = [];
  let offset = 0;
  for (const c of st.categorical) {
    plans.push(planColumn(t, c, offset, who));
    offset += ordinal ? 1 : c.nCodes - (c.dropIndex === null ? 0 : 1);
  }
  const numKeys = st.numeric.map((nc) => requireKey(t, nc.name, who));
  const numImpute = st.numeric.map((nc) => nc.imputeValue);
  const numOffset = offset;
  const out = new Float64Array(n * nOut);
  const unknownValue = p.unknownValue;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as TableRow;
    const base = i * nOut;
    for (let c = 0; c < plans.length; c++) {
      const plan = plans[c] as ColumnPlan;
      const v = row[plan.key];
      // fast path first: a known category (lookup keys are never missing values)
      const code = plan.lookup.get(v as string | number) ?? codeOfUnseen(p, plan, v, i, who);
      if (ordinal) {
        out[base + plan.offset] = code === undefined ? unknownValue : code;
      } else if (code !== undefined && code !== plan.dropIndex) {
        const d = plan.dropIndex;
        out[base + plan.offset + (d >= 0 && code > d ? code - 1 : code)] = 1;
      }
    }
    for (let c = 0; c < numKeys.length; c++) {
      const name = st.numeric[c]?.name as string;
      let x = parseNumeric(row[numKeys[c] as string | number], i, name, who);
      if (Number.isNaN(x)) x = numImpute[c] as number;
      out[base + numOffset + c] = x;
    }
  }
  return fromDense(out, n, nOut);
}
