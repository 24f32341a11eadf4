/**
 * Which rows the MLP trains on and which it validates on: explicit `validationData`, a stratified
 * hold-out of the training rows, or none.
 * @internal
 */
import { checkLabels, encodeLabels } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { toDense } from '../core/matrix.js';
import type { Random } from '../core/random.js';
import type { MLPClassifierParams } from './options.js';
import { stratifiedHoldout } from '../core/stratify.js';

/** The rows of one fit: training row indices, and the validation rows and labels if any. @internal */
export interface ValidationSplit {
  /** Indices of the training rows, ascending. */
  trainIdx: Int32Array;
  /** Validation rows, row-major float32 (absent without validation). */
  valX: Float32Array | undefined;
  /** Validation class indices (absent without validation). */
  valY: Int32Array | undefined;
}

/**
 * Resolves the validation rows of a fit. `validationData` wins over `validationFraction`; a
 * fraction > 0 holds out a stratified, seeded share of the rows (drawn from `rng`).
 *
 * @param p - The params (`validationData`, `validationFraction`).
 * @param data - The training rows, row-major float64, `d` columns.
 * @param d - Number of columns.
 * @param yIdx - Class index of every training row.
 * @param classes - The sorted classes (`yIdx` indexes them).
 * @param rng - The fit's generator.
 * @param who - Caller for messages.
 * @throws {@link DataValidationError} on bad validation data or a class too small to split.
 * @internal
 */
export function splitValidation(
  p: MLPClassifierParams,
  data: Float64Array,
  d: number,
  yIdx: Int32Array,
  classes: readonly Label[],
  rng: Random,
  who: string,
): ValidationSplit {
  const n = yIdx.length;
  if (p.validationData) {
    const v = toDense(p.validationData.X, { who, param: 'validationData.X', cols: d });
    const vl = checkLabels(p.validationData.y, who, 'validationData.y', v.rows);
    const valY = encodeLabels(vl, classes, who, 'validationData.y');
    return { trainIdx: identity(n), valX: Float32Array.from(v.data), valY };
  }
  if (p.validationFraction > 0) {
    const labels = Array.from(yIdx, (c) => classes[c] as Label);
    const split = stratifiedHoldout(labels, p.validationFraction, rng, who, HOLDOUT_FIX);
    return {
      trainIdx: split.train,
      valX: gatherRows(data, d, split.validation),
      valY: gatherLabels(yIdx, split.validation),
    };
  }
  return { trainIdx: identity(n), valX: undefined, valY: undefined };
}

/** The fix named when a class is too small for the hold-out. */
const HOLDOUT_FIX = 'Remove the class, pass validationData, or set validationFraction: 0 without a validation monitor.';

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function gatherRows(data: Float64Array, d: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(data.subarray(r * d, r * d + d), i * d));
  return out;
}

function gatherLabels(y: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  rows.forEach((r, i) => (out[i] = y[r] as number));
  return out;
}
