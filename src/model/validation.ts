/**
 * Stratified hold-out split and the validation metrics computed after every epoch.
 * @internal
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { Random } from '../core/random.js';

/**
 * Splits row indices into a stratified, seeded train / validation pair.
 *
 * @remarks
 * The validation size is `ceil(fraction · n)`, shared among classes by largest remainder of their
 * proportional share (ties to the smaller class index), with at least one validation row and at
 * least one training row per class — so every class appears on both sides. Which rows go where is
 * a seeded draw within each class.
 *
 * @internal
 */
export function stratifiedHoldout(
  y: Int32Array,
  classes: readonly Label[],
  fraction: number,
  rng: Random,
  who: string,
): { train: Int32Array; val: Int32Array } {
  const k = classes.length;
  const n = y.length;
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) (byClass[y[i] as number] as number[]).push(i);
  byClass.forEach((rows, c) => {
    if (rows.length < 2) {
      throw new DataValidationError(
        `${who}: class ${describe(classes[c])} has ${rows.length} sample, too few for a stratified validation split (each class needs one training and one validation row). ` +
          `Remove the class, pass validationData, or set validationFraction: 0 without a validation monitor.`,
        { param: 'y' },
      );
    }
  });
  const nVal = Math.min(n - k, Math.max(k, Math.ceil(fraction * n)));
  const take = new Array<number>(k).fill(0);
  const rem: { c: number; r: number }[] = [];
  let used = 0;
  byClass.forEach((rows, c) => {
    const share = (nVal * rows.length) / n;
    const base = Math.min(rows.length - 1, Math.max(1, Math.floor(share)));
    take[c] = base;
    used += base;
    rem.push({ c, r: share - Math.floor(share) });
  });
  rem.sort((a, b) => b.r - a.r || a.c - b.c);
  for (let pass = 0; used < nVal && pass < 2 * k + nVal; pass++) {
    const { c } = rem[pass % k] as { c: number };
    if ((take[c] as number) < (byClass[c] as number[]).length - 1) {
      take[c] = (take[c] as number) + 1;
      used++;
    }
  }
  const val: number[] = [];
  const train: number[] = [];
  byClass.forEach((rows, c) => {
    const perm = rng.permutation(rows.length);
    const t = take[c] as number;
    for (let i = 0; i < rows.length; i++) (i < t ? val : train).push(rows[perm[i] as number] as number);
  });
  return { train: Int32Array.from(train.sort((a, b) => a - b)), val: Int32Array.from(val.sort((a, b) => a - b)) };
}

/** Validation metrics of one epoch. @internal */
export interface ValMetrics {
  valLoss: number;
  valAccuracy: number;
  valMacroF1: number;
  valBalancedAccuracy: number;
}

/** Clip used by the validation log loss (Keras's epsilon). @internal */
export const LOSS_EPSILON = 1e-7;

/**
 * Unweighted mean cross-entropy, accuracy, macro-F1 (all classes, 0 when undefined) and balanced
 * accuracy (mean recall over the classes present in `y`) from probabilities.
 * @internal
 */
export function validationMetrics(proba: Float32Array | Float64Array, y: Int32Array, k: number): ValMetrics {
  const n = y.length;
  const tp = new Float64Array(k);
  const predCount = new Float64Array(k);
  const trueCount = new Float64Array(k);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const off = i * k;
    let best = 0;
    let bestP = proba[off] as number;
    for (let j = 1; j < k; j++) {
      const p = proba[off + j] as number;
      if (p > bestP) {
        bestP = p;
        best = j;
      }
    }
    const t = y[i] as number;
    const pt = Math.min(1 - LOSS_EPSILON, Math.max(LOSS_EPSILON, proba[off + t] as number));
    loss -= Math.log(pt);
    trueCount[t]++;
    predCount[best]++;
    if (best === t) {
      correct++;
      tp[t]++;
    }
  }
  let f1 = 0;
  let recallSum = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    const prec = predCount[c] ? (tp[c] as number) / (predCount[c] as number) : 0;
    const rec = trueCount[c] ? (tp[c] as number) / (trueCount[c] as number) : 0;
    f1 += prec + rec > 0 ? (2 * prec * rec) / (prec + rec) : 0;
    if (trueCount[c]) {
      recallSum += rec;
      present++;
    }
  }
  return {
    valLoss: loss / n,
    valAccuracy: correct / n,
    valMacroF1: f1 / k,
    valBalancedAccuracy: present ? recallSum / present : 0,
  };
}
