import { InvalidParameterError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkTargets, checkWeights, indexIn, labelCounts, resolveLabels, type Average } from './_common.js';
import { averageSss, sssCore } from './sensitivitySpecificitySupport.js';

/** Options of {@link geometricMeanScore}. */
export interface GeometricMeanOptions {
  /**
   * `'multiclass'`: geometric mean of the per-class recalls. Otherwise `√(sensitivity·specificity)`
   * computed from {@link sensitivitySpecificitySupport} with that `average` (`null` → a Map per
   * class). @defaultValue 'multiclass'
   */
  average?: 'multiclass' | Average | null;
  /** Classes to include, in order. @defaultValue the sorted union of yTrue and yPred */
  labels?: ReadonlyArray<Label>;
  /** The positive class for `average: 'binary'`. @defaultValue 1 */
  posLabel?: Label;
  /** `'multiclass'` only: value substituted for a zero recall, so one missed class does not zero the score. @defaultValue 0 */
  correction?: number;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

/**
 * Geometric mean of per-class recalls: `G = (Πₖ recallₖ)^(1/K)` (average `'multiclass'`), or
 * `√(sensitivity·specificity)` for the other averages.
 *
 * @remarks
 * G is 0 as soon as one class is never recalled — the point of the metric on imbalanced data —
 * unless `correction` replaces zero recalls. A class with no true sample has recall 0. With an
 * `average` other than `'multiclass'`, sensitivity and specificity are averaged first and the
 * square root taken after (imbalanced-learn's order).
 * @throws InvalidParameterError for a bad `average`, `correction`, `labels` or `posLabel`.
 * @throws DataValidationError on empty input, a length mismatch or mixed label types.
 * @example
 * ```ts
 * geometricMeanScore([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);                       // 0
 * geometricMeanScore([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { correction: 0.001 }); // 0.01
 * ```
 * @see imbalanced-learn `imblearn.metrics.geometric_mean_score`; Kubat & Matwin (1997), "Addressing the curse of imbalanced training sets: one-sided selection".
 */
export function geometricMeanScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: GeometricMeanOptions & { average: null },
): Map<Label, number>;
export function geometricMeanScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: GeometricMeanOptions & { average?: 'multiclass' | Average },
): number;
export function geometricMeanScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: GeometricMeanOptions,
): number | Map<Label, number>;
export function geometricMeanScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: GeometricMeanOptions = {},
): number | Map<Label, number> {
  const who = 'geometricMeanScore';
  const average = options.average === undefined ? 'multiclass' : options.average;
  const correction = options.correction ?? 0;
  if (typeof correction !== 'number' || !(correction >= 0)) {
    throw new InvalidParameterError(
      'correction',
      `${who}: correction must be a number >= 0, received ${describe(correction)}.`,
    );
  }
  if (average !== 'multiclass') {
    const { average: _a, correction: _c, ...rest } = options;
    const r = sssCore(who, yTrue, yPred, { ...rest, average });
    if (average === null)
      return new Map(
        r.labels.map((l, i) => [l, Math.sqrt((r.sensitivity[i] as number) * (r.specificity[i] as number))]),
      );
    const a = averageSss(r);
    return Math.sqrt(a.sensitivity * a.specificity);
  }
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, options.sampleWeight, n);
  const labels = resolveLabels(who, options.labels, t, p);
  const c = labelCounts(indexIn(t, labels), indexIn(p, labels), labels.length, w);
  let logSum = 0;
  for (let i = 0; i < labels.length; i++) {
    let r = (c.truth[i] as number) === 0 ? 0 : (c.tp[i] as number) / (c.truth[i] as number);
    if (r === 0) r = correction;
    logSum += Math.log(r);
  }
  return Math.exp(logSum / labels.length);
}
