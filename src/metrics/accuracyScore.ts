import type { Label } from '../core/matrix.js';
import { checkBoolean, checkOptions } from '../core/validate.js';
import { checkTargets, checkWeights } from './targets.js';

/** Options of {@link accuracyScore}. */
export interface AccuracyOptions {
  /**
   * Return the fraction of correct predictions (`true`) or their (weighted) count (`false`).
   * @defaultValue true
   */
  normalize?: boolean;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof AccuracyOptions> = ['normalize', 'sampleWeight'];

/**
 * Fraction of predictions equal to the true label: `Σ wᵢ·[yᵢ = ŷᵢ] / Σ wᵢ`.
 *
 * @remarks
 * On imbalanced data accuracy rewards predicting the majority class; prefer
 * {@link balancedAccuracyScore}, {@link f1Score} (macro) or {@link geometricMeanScore}.
 * @throws InvalidParameterError for an unknown option or a non-boolean `normalize`.
 * @throws DataValidationError on empty input, a length mismatch or mixed label types.
 * @example
 * ```ts
 * accuracyScore(['a', 'b', 'b'], ['a', 'b', 'a']); // 0.666…
 * ```
 * @see scikit-learn `sklearn.metrics.accuracy_score`
 */
export function accuracyScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: AccuracyOptions = {},
): number {
  const who = 'accuracyScore';
  const o = checkOptions(who, options, OPTIONS);
  const normalize = checkBoolean(who, 'normalize', o.normalize, true);
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, o.sampleWeight, n);
  let hit = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? (w[i] as number) : 1;
    total += wi;
    if (t[i] === p[i]) hit += wi;
  }
  return normalize ? hit / total : hit;
}
