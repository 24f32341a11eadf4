/**
 * The validation metrics computed after every epoch.
 * @internal
 * @module
 */

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
