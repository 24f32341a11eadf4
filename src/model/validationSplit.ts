/**
 * Which rows the MLP trains on and which it validates on: explicit `validationData`, a stratified
 * hold-out of the training rows, or none.
 * @internal
 */
import { checkLabels, encodeLabels } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import type { Random } from '../core/Random.js';
import type { RowSource } from '../core/rowSource.js';
import { asRowSource, gatherAll } from './inputRows.js';
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

/** The validation rows of `validationData`, or undefined without it. @internal */
export function explicitValidation(
  p: MLPClassifierParams,
  d: number,
  classes: readonly Label[],
  who: string,
): { valX: Float32Array; valY: Int32Array } | undefined {
  if (!p.validationData) return undefined;
  const v = asRowSource(p.validationData.X, { who, param: 'validationData.X', cols: d });
  const vl = checkLabels(p.validationData.y, who, 'validationData.y', v.rows);
  const valY = encodeLabels(vl, classes, who, 'validationData.y');
  return { valX: gatherAll(v, identity(v.rows)), valY };
}

/**
 * Resolves the validation rows of a fit. `validationData` wins over `validationFraction`; a
 * fraction > 0 holds out a stratified, seeded share of the rows of `source` (drawn from `rng`).
 *
 * @param p - The params (`validationData`, `validationFraction`).
 * @param source - The training rows.
 * @param yIdx - Class index of every training row.
 * @param classes - The sorted classes (`yIdx` indexes them).
 * @param rng - The fit's generator.
 * @param who - Caller for messages.
 * @throws {@link DataValidationError} on bad validation data or a class too small to split.
 * @internal
 */
export function splitValidation(
  p: MLPClassifierParams,
  source: RowSource,
  yIdx: Int32Array,
  classes: readonly Label[],
  rng: Random,
  who: string,
): ValidationSplit {
  const n = yIdx.length;
  const explicit = explicitValidation(p, source.columns, classes, who);
  if (explicit) return { trainIdx: identity(n), ...explicit };
  if (p.validationFraction > 0) {
    const labels = Array.from(yIdx, (c) => classes[c] as Label);
    const split = stratifiedHoldout(labels, p.validationFraction, rng, who, HOLDOUT_FIX);
    return {
      trainIdx: split.train,
      valX: gatherAll(source, split.validation),
      valY: gatherLabels(yIdx, split.validation),
    };
  }
  return { trainIdx: identity(n), valX: undefined, valY: undefined };
}

/** The fix named when a class is too small for the hold-out. */
const HOLDOUT_FIX = 'Remove the class, pass validationData, or set validationFraction: 0 without a validation monitor.';

/** `[0, 1, …, n − 1]`. @internal */
export function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function gatherLabels(y: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  rows.forEach((r, i) => (out[i] = y[r] as number));
  return out;
}
