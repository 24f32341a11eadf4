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
import type { EncodedFeature } from './encodedFeature.js';
import type { ScalerParams } from './scalerOptions.js';
import { type ScalerState, scaledIndices } from './scalerState.js';

/**
 * `transform`'s formula, in place on a row-major buffer (or a single row): `(x − center) / scale`,
 * or `x · scale + center` (then clipped) for `'minmax'`; each value computed in float64 (a
 * Float32Array then rounds it once).
 * @internal
 */
export function scaleInPlace(p: ScalerParams, st: ScalerState, data: Float64Array | Float32Array, cols: number): void {
  const idx = scaledIndices(st.scaled);
  const { center, scale } = st;
  if (st.method === 'minmax') {
    const clip = p.clip;
    const [lo, hi] = p.featureRange;
    for (let off = 0; off < data.length; off += cols) {
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        let x = minMaxScale(data[off + j] as number, scale[j] as number, center[j] as number);
        if (clip) x = x < lo ? lo : x > hi ? hi : x;
        data[off + j] = x;
      }
    }
    return;
  }
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < idx.length; t++) {
      const j = idx[t] as number;
      data[off + j] = standardize(data[off + j] as number, center[j] as number, scale[j] as number);
    }
  }
}

/** `inverseTransform`'s formula, in place on a row-major buffer (or a single row). @internal */
export function unscaleInPlace(st: ScalerState, data: Float64Array | Float32Array, cols: number): void {
  const idx = scaledIndices(st.scaled);
  const { center, scale } = st;
  const minmax = st.method === 'minmax';
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < idx.length; t++) {
      const j = idx[t] as number;
      const i = off + j;
      data[i] = minmax
        ? ((data[i] as number) - (center[j] as number)) / (scale[j] as number)
        : (data[i] as number) * (scale[j] as number) + (center[j] as number);
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
