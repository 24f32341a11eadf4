/**
 * A fitted {@link Scaler}'s formulas: on a dense buffer in place (one sequential pass), per column
 * for lazy views, and as the column map of a scaled {@link EncodedMatrix}.
 *
 * @internal
 * @module
 */
import {
  applyFormula,
  type ColumnMap,
  IDENTITY,
  makeColumnMap,
  minMaxScale,
  type NumericFormula,
  ordinalTable,
  standardize,
} from './columnMap.js';
import { DataValidationError } from '../core/errors.js';
import type { EncodedFeature } from './encodedFeature.js';
import type { ScalerParams } from './scalerOptions.js';
import { type ScalerState, scaledIndices } from './scalerState.js';

/**
 * Where a dense pass runs, for the message of a value that overflows: the caller (`Scaler.transform`)
 * and the input row of the buffer's first row. @internal
 */
export interface ScalePass {
  who: string;
  row0: number;
}

/**
 * The refusal of a finite `x` whose scaled (or unscaled) value is beyond doubles — or beyond
 * float32 in a float32 buffer — thrown before the value is written.
 */
function overflow(pass: ScalePass, st: ScalerState, row: number, column: number, x: number, y: number, inv: boolean) {
  const range = st.method === 'minmax' ? 'its min-max factor' : 'its scale';
  return new DataValidationError(
    `${pass.who}: X[${row}][${column}] = ${x} ${inv ? 'unscales' : 'scales'} to ${y} — beyond the ` +
      `${Number.isFinite(y) ? 'float32 range of the output' : 'range of doubles'} (column ${column} has center ` +
      `${st.center[column]} and ${range} ${st.scale[column]}). The value is far outside the data the Scaler ` +
      'was fitted on: check the row, or fit on data that covers it.',
    { param: 'X', row, column },
  );
}

/**
 * `transform`'s formula, in place on a row-major buffer (or a single row): `(x − center) / scale`,
 * or `x · scale + center` (then clipped) for `'minmax'`; each value computed in float64 (a
 * Float32Array then rounds it once). A finite value whose result is not finite (in float64, or
 * once rounded to float32) is refused before it is written.
 * @throws {@link DataValidationError} naming the row and column of such a value.
 * @internal
 */
export function scaleInPlace(
  p: ScalerParams,
  st: ScalerState,
  data: Float64Array | Float32Array,
  cols: number,
  pass: ScalePass = { who: 'Scaler.transform', row0: 0 },
): void {
  const idx = scaledIndices(st.scaled);
  const { center, scale } = st;
  const f32 = data instanceof Float32Array;
  // v − v is 0 for a finite v: only finite inputs (not NaN, a missing value) are held to a finite result
  if (st.method === 'minmax') {
    const clip = p.clip;
    const [lo, hi] = p.featureRange;
    for (let off = 0; off < data.length; off += cols) {
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        const v = data[off + j] as number;
        let x = minMaxScale(v, scale[j] as number, center[j] as number);
        if (clip) x = x < lo ? lo : x > hi ? hi : x;
        if (v - v === 0 && !Number.isFinite(f32 ? Math.fround(x) : x))
          throw overflow(pass, st, pass.row0 + off / cols, j, v, x, false);
        data[off + j] = x;
      }
    }
    return;
  }
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < idx.length; t++) {
      const j = idx[t] as number;
      const v = data[off + j] as number;
      const x = standardize(v, center[j] as number, scale[j] as number);
      if (v - v === 0 && !Number.isFinite(f32 ? Math.fround(x) : x))
        throw overflow(pass, st, pass.row0 + off / cols, j, v, x, false);
      data[off + j] = x;
    }
  }
}

/**
 * `inverseTransform`'s formula, in place on a row-major buffer (or a single row); a finite value
 * whose result is not finite is refused before it is written, as in {@link scaleInPlace}.
 * @throws {@link DataValidationError} naming the row and column of such a value.
 * @internal
 */
export function unscaleInPlace(
  st: ScalerState,
  data: Float64Array | Float32Array,
  cols: number,
  pass: ScalePass = { who: 'Scaler.inverseTransform', row0: 0 },
): void {
  const idx = scaledIndices(st.scaled);
  const { center, scale } = st;
  const f32 = data instanceof Float32Array;
  const minmax = st.method === 'minmax';
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < idx.length; t++) {
      const j = idx[t] as number;
      const i = off + j;
      const v = data[i] as number;
      const x = minmax
        ? (v - (center[j] as number)) / (scale[j] as number)
        : v * (scale[j] as number) + (center[j] as number);
      if (v - v === 0 && !Number.isFinite(f32 ? Math.fround(x) : x))
        throw overflow(pass, st, pass.row0 + off / cols, j, v, x, true);
      data[i] = x;
    }
  }
}

/** The formula of column `j` (the identity for columns not scaled). @internal */
export function formulaOf(p: ScalerParams, st: ScalerState, j: number): NumericFormula {
  if (!st.scaled[j]) return IDENTITY;
  const center = st.center[j] as number;
  const scale = st.scale[j] as number;
  if (st.method !== 'minmax') return { mode: 1, center, scale, clip: false, lo: 0, hi: 0 };
  const [lo, hi] = p.featureRange;
  return { mode: 2, center, scale, clip: p.clip, lo, hi };
}

/**
 * The column map of the scaled form of an unscaled EncodedMatrix with `features`: each one-hot
 * column's values at 0 and 1, each ordinal code's value, each numeric column's formula — the
 * formula at the value, so gathering gives the dense result exactly.
 * @internal
 */
export function scaledColumnMap(
  p: ScalerParams,
  st: ScalerState,
  features: ReadonlyArray<EncodedFeature>,
  columns: number,
): ColumnMap {
  const zero = new Float64Array(columns);
  const one = new Float64Array(columns);
  const ordinal: Array<Float64Array | null> = [];
  const numeric: Array<NumericFormula | null> = [];
  for (const f of features) {
    const at = (j: number) => formulaOf(p, st, j);
    if (f.kind === 'onehot') {
      for (let j = f.offset; j < f.offset + f.width; j++) {
        zero[j] = applyFormula(at(j), 0);
        one[j] = applyFormula(at(j), 1);
      }
    }
    ordinal.push(
      f.kind === 'ordinal' ? ordinalTable(f.nCodes, f.unknownValue, (x) => applyFormula(at(f.offset), x)) : null,
    );
    numeric.push(f.kind === 'numeric' ? at(f.offset) : null);
  }
  return makeColumnMap(zero, one, ordinal, numeric);
}
