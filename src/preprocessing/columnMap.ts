/**
 * What each output column of an {@link EncodedMatrix} holds, as tables: the value of a one-hot
 * column when its category is absent or present, the value of each ordinal code, and the formula
 * applied to a numeric value. The identity map gives the Encoder's output; a fitted Scaler's map
 * gives its scaled output — exactly, since each table entry is the dense formula at that value.
 *
 * @internal
 * @module
 */
import type { EncodedFeature } from './encodedFeature.js';

/**
 * The formula of a numeric output column: `mode` 0 is none, 1 is `(x − center) / scale`
 * (standard, robust), 2 is `x · scale + center` (min-max), clipped into `[lo, hi]` when `clip`.
 * @internal
 */
export interface NumericFormula {
  readonly mode: 0 | 1 | 2;
  readonly center: number;
  readonly scale: number;
  readonly clip: boolean;
  readonly lo: number;
  readonly hi: number;
}

/** The formula that leaves values as they are. @internal */
export const IDENTITY: NumericFormula = Object.freeze({ mode: 0, center: 0, scale: 1, clip: false, lo: 0, hi: 0 });

/** Per-column values of an {@link EncodedMatrix}, in float64 and rounded once to float32. @internal */
export interface ColumnMap {
  /** Per output column: a one-hot column's value when its category is absent (other columns: 0). */
  readonly zero: Float64Array;
  /** Per output column: a one-hot column's value when its category is present. */
  readonly one: Float64Array;
  /** Per feature: an ordinal feature's value of code `k` at index `k + 1`, of an unknown at 0; else null. */
  readonly ordinal: ReadonlyArray<Float64Array | null>;
  /** Per feature: a numeric feature's formula; else null. */
  readonly numeric: ReadonlyArray<NumericFormula | null>;
  /** `zero` rounded to float32. */
  readonly zero32: Float32Array;
  /** `one` rounded to float32. */
  readonly one32: Float32Array;
  /** `ordinal` rounded to float32. */
  readonly ordinal32: ReadonlyArray<Float32Array | null>;
}

/**
 * A column map from its float64 tables (the float32 copies are made here).
 * @internal
 */
export function makeColumnMap(
  zero: Float64Array,
  one: Float64Array,
  ordinal: ReadonlyArray<Float64Array | null>,
  numeric: ReadonlyArray<NumericFormula | null>,
): ColumnMap {
  return Object.freeze({
    zero,
    one,
    ordinal,
    numeric,
    zero32: Float32Array.from(zero),
    one32: Float32Array.from(one),
    ordinal32: ordinal.map((t) => (t === null ? null : Float32Array.from(t))),
  });
}

/**
 * The identity map of `features`: one-hot 0/1, ordinal codes (`unknownValue` for an unknown),
 * numeric values as they are.
 * @internal
 */
export function identityMap(features: ReadonlyArray<EncodedFeature>, columns: number): ColumnMap {
  const one = new Float64Array(columns);
  const ordinal: Array<Float64Array | null> = [];
  const numeric: Array<NumericFormula | null> = [];
  for (const f of features) {
    if (f.kind === 'onehot') one.fill(1, f.offset, f.offset + f.width);
    ordinal.push(f.kind === 'ordinal' ? ordinalTable(f.nCodes, f.unknownValue, (x) => x) : null);
    numeric.push(f.kind === 'numeric' ? IDENTITY : null);
  }
  return makeColumnMap(new Float64Array(columns), one, ordinal, numeric);
}

/** The table of an ordinal feature under `map`: index `k + 1` holds `map(k)`, index 0 `map(unknownValue)`. @internal */
export function ordinalTable(nCodes: number, unknownValue: number, map: (x: number) => number): Float64Array {
  const t = new Float64Array(nCodes + 1);
  t[0] = map(unknownValue);
  for (let k = 0; k < nCodes; k++) t[k + 1] = map(k);
  return t;
}

/**
 * `(x − center) / scale`; where `x − center` overflows (values near ±1.8e308) the two quotients
 * apart, which stay finite. @internal
 */
export function standardize(x: number, center: number, scale: number): number {
  const r = (x - center) / scale;
  return Number.isFinite(r) || !Number.isFinite(x) ? r : x / scale - center / scale;
}

/**
 * `x · scale + center`; where a term overflows though the result fits (a `featureRange` near
 * ±1.8e308) twice the halved sum. @internal
 */
export function minMaxScale(x: number, scale: number, center: number): number {
  const y = x * scale + center;
  return Number.isFinite(y) || !Number.isFinite(x) ? y : 2 * (x * (scale / 2) + center / 2);
}

/** `f` at `x` (NaN stays NaN): the one definition of the Scaler's formulas on single values. @internal */
export function applyFormula(f: NumericFormula, x: number): number {
  if (f.mode === 1) return standardize(x, f.center, f.scale);
  if (f.mode === 2) {
    const y = minMaxScale(x, f.scale, f.center);
    return f.clip ? (y < f.lo ? f.lo : y > f.hi ? f.hi : y) : y;
  }
  return x;
}
