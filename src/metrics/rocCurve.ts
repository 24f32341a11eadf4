import { DataValidationError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkBoolean, checkOptions } from '../core/validate.js';
import { binaryProblem } from './binaryProblem.js';
import { binaryClfCurve } from './thresholdSweep.js';

/** Options of {@link rocCurve}. */
export interface RocCurveOptions {
  /**
   * The positive class.
   * @defaultValue 1 (only when yTrue is in {0, 1} or {−1, 1}; required otherwise)
   */
  posLabel?: Label;
  /**
   * Per-sample weights; zero-weight samples are dropped first.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: ReadonlyArray<number>;
  /**
   * Drop thresholds whose point lies on a straight segment between its neighbours (does not change
   * the area).
   * @defaultValue true
   */
  dropIntermediate?: boolean;
}

/** The ROC curve: arrays of equal length, thresholds decreasing. */
export interface RocCurve {
  /** False-positive rate at each threshold (increasing). */
  fpr: number[];
  /** True-positive rate at each threshold (increasing). */
  tpr: number[];
  /** Decreasing thresholds; `thresholds[0]` is `Infinity` (the point (0, 0)). */
  thresholds: number[];
}

const OPTIONS: ReadonlyArray<keyof RocCurveOptions> = ['posLabel', 'sampleWeight', 'dropIntermediate'];

/**
 * Receiver operating characteristic: for every distinct score `θ` (descending),
 * `tpr(θ) = TP(score ≥ θ) / P` and `fpr(θ) = FP(score ≥ θ) / N`, starting from (0, 0).
 *
 * @remarks
 * The first threshold is `Infinity` (scikit-learn ≥ 1.3; 1.2 used `max(score) + 1`). Tied scores
 * form one step. When yTrue has no negatives (positives) the curve is undefined and throws
 * (scikit-learn returns all-NaN rates with a warning; this library has no warnings).
 * @throws InvalidParameterError for an unknown option, a non-boolean `dropIntermediate`, or when
 * `posLabel` is needed and missing.
 * @throws DataValidationError on empty input, a length mismatch, NaN / infinite scores, sample
 * weights summing to 0, or yTrue without a positive or a negative sample (of positive weight).
 * @example
 * ```ts
 * const { fpr, tpr, thresholds } = rocCurve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], { posLabel: 2 });
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [Infinity, 0.8, 0.4, 0.35, 0.1]
 * ```
 * @see scikit-learn `sklearn.metrics.roc_curve`; Fawcett (2006), "An introduction to ROC analysis".
 */
export function rocCurve(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | Float64Array,
  options: RocCurveOptions = {},
): RocCurve {
  const who = 'rocCurve';
  const o = checkOptions(who, options, OPTIONS);
  const dropIntermediate = checkBoolean(who, 'dropIntermediate', o.dropIntermediate, true);
  const { positive, score, weight } = binaryProblem(who, yTrue, yScore, o.posLabel, o.sampleWeight);
  const c = binaryClfCurve(positive, score, weight);
  let fps = Array.from(c.fps);
  let tps = Array.from(c.tps);
  let thr = Array.from(c.thresholds);
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = (fps[i + 1] as number) - 2 * (fps[i] as number) + (fps[i - 1] as number);
      const d2t = (tps[i + 1] as number) - 2 * (tps[i] as number) + (tps[i - 1] as number);
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = keep.map((i) => fps[i] as number);
    tps = keep.map((i) => tps[i] as number);
    thr = keep.map((i) => thr[i] as number);
  }
  const N = fps[fps.length - 1] ?? 0;
  const P = tps[tps.length - 1] ?? 0;
  if (N === 0 || P === 0) {
    throw new DataValidationError(
      `${who}: yTrue has no ${P === 0 ? 'positive' : 'negative'} sample${weight ? ' of positive weight' : ''}, so ` +
        `the ${P === 0 ? 'true' : 'false'}-positive rate is 0/0 at every threshold (scikit-learn returns NaN ` +
        'there, with a warning). Evaluate on data with both classes.',
      { param: 'yTrue' },
    );
  }
  fps.unshift(0);
  tps.unshift(0);
  thr.unshift(Number.POSITIVE_INFINITY);
  return { fpr: fps.map((v) => v / N), tpr: tps.map((v) => v / P), thresholds: thr };
}
