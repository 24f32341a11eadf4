/**
 * What {@link Encoder.transform} does with a `ColumnarTable`: each categorical column's codes
 * mapped through a table (dictionary entry → output slot, decided once per entry at the first
 * row using it), numeric columns referenced as they are.
 *
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import type { ColumnarTable, TableColumn } from '../core/table.js';
import { type CodeArray, codeArrayFor, EncodedMatrix, type NumericValues } from './EncodedMatrix.js';
import { encodedFeatures, type OneHotFeature, type OrdinalFeature } from './encodedFeature.js';
import { type ColumnPlan, codeOf, planColumn, slotOf } from './encodeTable.js';
import type { EncoderParams } from './encoderOptions.js';
import type { EncoderState } from './encoderState.js';
import { columnarNumericValues } from './learnColumnar.js';
import { codeRangeError, nonFiniteCategoryError, readColumnarTable } from './readColumnarTable.js';

/** Marks a dictionary entry whose slot is not decided yet. */
const UNRESOLVED = -2;

/**
 * Encodes a `ColumnarTable` with a learned state into compact storage.
 *
 * @remarks
 * Columns are read one after the other; when several cells are bad, the error thrown is the one
 * of the first bad row (and, within a row, of the first column in output order) — the error the
 * same table as row objects gives.
 * @param who - The method encoding, for messages.
 * @throws {@link DataValidationError} for a malformed table or column, a code outside its
 *   dictionary, an unknown category with `handleUnknown: 'error'`, a cell of the wrong type or a
 *   bad numeric value.
 * @internal
 */
export function encodeColumnar(p: EncoderParams, st: EncoderState, X: ColumnarTable, who: string): EncodedMatrix {
  const t = readColumnarTable(X, who);
  const n = t.nRows;
  const features = encodedFeatures(st, p);
  const catCols = st.categorical.map((c) => t.column(c.name));
  const numCols = st.numeric.map((c) => t.column(c.name));
  const nCat = catCols.length;
  const codes: Array<CodeArray | null> = [];
  const values: Array<NumericValues | null> = [];
  const hasMissing = new Array<boolean>(features.length).fill(false);
  let firstError: DataValidationError | undefined;
  const attempt = <T>(run: () => T): T | undefined => {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof DataValidationError) || e.row === undefined) throw e;
      if (firstError === undefined || e.row < (firstError.row as number)) firstError = e;
      return undefined;
    }
  };
  st.categorical.forEach((c, j) => {
    const f = features[j] as OneHotFeature | OrdinalFeature;
    const out = codeArrayFor(f.kind === 'ordinal' ? f.nCodes : f.width, n);
    attempt(() => encodeCategorical(p, planColumn(p, c), catCols[j] as TableColumn, out, who));
    codes.push(out);
    values.push(null);
  });
  st.numeric.forEach((c, j) => {
    const r = attempt(() => columnarNumericValues(numCols[j] as TableColumn, c.name, who));
    codes.push(null);
    values.push(r === undefined ? null : r.values);
    hasMissing[nCat + j] = r?.hasMissing ?? false;
  });
  if (firstError !== undefined) throw firstError;
  return new EncodedMatrix({ rows: n, columns: st.outputs.length, features, codes, values, hasMissing });
}

/** Writes the slot of every row of categorical column `col` into `out`. */
function encodeCategorical(p: EncoderParams, plan: ColumnPlan, col: TableColumn, out: CodeArray, who: string): void {
  const name = plan.name;
  if (col.kind === 'categorical') {
    const cats = col.categories;
    const k = cats.length;
    const codes = col.codes;
    // index c + 1: the slot of dictionary entry c (index 0: code -1, missing)
    const map = new Int32Array(k + 1).fill(UNRESOLVED);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i] as number;
      if (c < -1 || c >= k) throw codeRangeError(who, name, i, c, k);
      let s = map[c + 1] as number;
      if (s === UNRESOLVED) {
        s = slotOf(plan, codeOf(p, plan, c < 0 ? null : cats[c], i, who));
        map[c + 1] = s;
      }
      out[i] = s;
    }
    return;
  }
  // a numeric column used as categories: each distinct value is decided once
  const values = col.values;
  const cache = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let s = cache.get(v);
    if (s === undefined) {
      if (v === Infinity || v === -Infinity) throw nonFiniteCategoryError(who, name, i, v);
      s = slotOf(plan, codeOf(p, plan, v, i, who));
      cache.set(v, s);
    }
    out[i] = s;
  }
}
