import type { Label } from '../core/matrix.js';
import { checkNumber, checkOptions } from '../core/validate.js';
import { type Average, checkAverage } from './average.js';
import { labelCounts } from './counts.js';
import { checkTargets, checkWeights, indexIn, resolveLabels } from './targets.js';
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
  /**
   * `'multiclass'` only: value substituted for a zero recall, so one missed class does not zero the
   * score.
   * @defaultValue 0
   */
  correction?: number;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof GeometricMeanOptions> = [
  'average',
  'labels',
  'posLabel',
  'correction',
  'sampleWeight',
];
const AVERAGES = ['multiclass', 'binary', 'micro', 'macro', 'weighted', null] as const;

/**
 * Geometric mean of per-class recalls: `G = (Πₖ recallₖ)^(1/K)` (average `'multiclass'`), or
 * `√(sensitivity·specificity)` for the other averages.
 *
 * @remarks
 * G is 0 as soon as one class is never recalled — the point of the metric on imbalanced data —
 * unless `correction` replaces zero recalls. A class with no true sample has recall 0. With an
 * `average` other than `'multiclass'`, sensitivity and specificity are averaged first and the
 * square root taken after (imbalanced-learn's order).
 * @throws InvalidParameterError for an unknown option, a bad `average`, `correction`, `labels` or
 * `posLabel`.
 * @throws DataValidationError on empty input, a length mismatch or mixed label types.
 * @example
 * ```ts
 * geometricMeanScore([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);                       // 0
 * geometricMeanScore([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { correction: 0.001 }); // 0.01
 * ```
 * @see imbalanced-learn `imblearn.metrics.geometric_mean_score`; Kubat & Matwin (1997), "Addressing the
 * curse of imbalanced training sets: one-sided selection".
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
  const o = checkOptions(who, options, OPTIONS);
  const average = checkAverage(who, o.average, AVERAGES, 'multiclass');
  const correction = checkNumber(who, 'correction', o.correction, { ge: 0 }, 0);
  if (average !== 'multiclass') {
    const { average: _a, correction: _c, ...rest } = o;
    const r = sssCore(who, yTrue, yPred, { ...rest, average });
    if (average === null)
      return new Map(
        r.labels.map((l, i) => [l, Math.sqrt((r.sensitivity[i] as number) * (r.specificity[i] as number))]),
      );
    const a = averageSss(r);
    return Math.sqrt(a.sensitivity * a.specificity);
  }
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, o.sampleWeight, n);
  const labels = resolveLabels(who, o.labels, t, p);
  const c = labelCounts(indexIn(t, labels), indexIn(p, labels), labels.length, w);
  let logSum = 0;
  for (let i = 0; i < labels.length; i++) {
    let r = (c.truth[i] as number) === 0 ? 0 : (c.tp[i] as number) / (c.truth[i] as number);
    if (r === 0) r = correction;
    logSum += Math.log(r);
  }
  return Math.exp(logSum / labels.length);
}
