import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkBoolean, checkOptions } from '../core/validate.js';
import { labelCounts } from './counts.js';
import { checkTargets, checkWeights, indexIn, resolveLabels } from './targets.js';

/** Options of {@link balancedAccuracyScore}. */
export interface BalancedAccuracyOptions {
  /**
   * Rescale so that chance scores 0 and perfect scores 1: `(s − 1/K) / (1 − 1/K)`.
   * @defaultValue false
   */
  adjusted?: boolean;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof BalancedAccuracyOptions> = ['adjusted', 'sampleWeight'];

/**
 * Mean per-class recall: `(1/K) Σₖ C[k][k] / Σⱼ C[k][j]` over the classes present in yTrue.
 *
 * @remarks
 * Classes that occur only in yPred have no recall and are dropped from the mean (scikit-learn
 * warns "y_pred contains classes not in y_true"; we drop silently). With `adjusted`, K is the
 * number of classes kept; with a single class in yTrue the adjusted score is undefined and
 * throws (scikit-learn returns NaN or −Infinity there).
 * @throws InvalidParameterError for an unknown option or a non-boolean `adjusted`.
 * @throws DataValidationError on empty input, a length mismatch, mixed label types, sample weights
 * summing to 0, or `adjusted` with a single class in yTrue.
 * @example
 * ```ts
 * balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]); // 0.625
 * ```
 * @see scikit-learn `sklearn.metrics.balanced_accuracy_score`; Brodersen et al. (2010), "The balanced
 * accuracy and its posterior distribution".
 */
export function balancedAccuracyScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: BalancedAccuracyOptions = {},
): number {
  const who = 'balancedAccuracyScore';
  const o = checkOptions(who, options, OPTIONS);
  const adjusted = checkBoolean(who, 'adjusted', o.adjusted, false);
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, o.sampleWeight, n);
  const labels = resolveLabels(who, undefined, t, p);
  const { tp, truth } = labelCounts(indexIn(t, labels), indexIn(p, labels), labels.length, w);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < labels.length; i++) {
    if (truth[i] === 0) continue;
    sum += (tp[i] as number) / (truth[i] as number);
    k++;
  }
  // k ≥ 1: every sample's true label is in `labels`, and the weights do not sum to 0.
  let score = sum / k;
  if (adjusted) {
    if (k === 1) {
      const only = labels[truth.findIndex((v) => v > 0)];
      throw new DataValidationError(
        `${who}: adjusted needs at least two classes in yTrue, but only ${describe(only)} occurs` +
          `${w ? ' with positive weight' : ''}: the ` +
          'chance level is then 1 and (score − 1) / (1 − 1) is undefined (scikit-learn returns NaN or ' +
          '−Infinity). Evaluate on data with two classes or more, or use adjusted: false.',
        { param: 'yTrue' },
      );
    }
    const chance = 1 / k;
    score = (score - chance) / (1 - chance);
  }
  return score;
}
