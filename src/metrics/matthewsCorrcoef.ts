import type { Label } from '../core/matrix.js';
import { checkOptions } from '../core/validate.js';
import { confusionCounts } from './counts.js';
import { checkTargets, checkWeights, indexIn, resolveLabels } from './targets.js';

/** Options of {@link matthewsCorrcoef}. */
export interface MatthewsOptions {
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof MatthewsOptions> = ['sampleWeight'];

/**
 * Matthews correlation coefficient, multiclass (Gorodkin's R_K) from the confusion matrix C:
 * with `t` = row sums, `p` = column sums, `c` = trace and `s` = total,
 * `MCC = (c·s − t·p) / √((s² − p·p)·(s² − t·t))`.
 *
 * @remarks
 * Ranges over [−1, 1]; 0 when the denominator is 0 (e.g. a constant prediction), as scikit-learn
 * returns. Computed over the union of labels in yTrue and yPred.
 * @throws InvalidParameterError for an unknown option.
 * @throws DataValidationError on empty input, a length mismatch or mixed label types.
 * @example
 * ```ts
 * matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]); // -0.333…
 * ```
 * @see scikit-learn `sklearn.metrics.matthews_corrcoef`; Gorodkin (2004), "Comparing two K-category
 * assignments by a K-category correlation coefficient".
 */
export function matthewsCorrcoef(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: MatthewsOptions = {},
): number {
  const who = 'matthewsCorrcoef';
  const o = checkOptions(who, options, OPTIONS);
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, o.sampleWeight, n);
  const labels = resolveLabels(who, undefined, t, p);
  const k = labels.length;
  const c = confusionCounts(indexIn(t, labels), indexIn(p, labels), k, w);
  const rs = new Float64Array(k);
  const cs = new Float64Array(k);
  let tr = 0;
  let s = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = c[i * k + j] as number;
      rs[i] += v;
      cs[j] += v;
      s += v;
    }
    tr += c[i * k + i] as number;
  }
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    tp += (rs[i] as number) * (cs[i] as number);
    pp += (cs[i] as number) * (cs[i] as number);
    tt += (rs[i] as number) * (rs[i] as number);
  }
  const covYtYp = tr * s - tp;
  const covYpYp = s * s - pp;
  const covYtYt = s * s - tt;
  if (covYtYt * covYpYp === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
