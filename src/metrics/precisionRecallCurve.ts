import type { Label } from '../core/matrix.js';
import { checkOptions } from '../core/validate.js';
import { binaryProblem } from './binaryProblem.js';
import { binaryClfCurve } from './thresholdSweep.js';

/** Options of {@link precisionRecallCurve}. */
export interface PrecisionRecallCurveOptions {
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
}

/** The precision–recall curve; `precision` and `recall` have one more entry than `thresholds`. */
export interface PrecisionRecallCurve {
  /** Precision at each threshold, then a final 1. */
  precision: number[];
  /** Recall at each threshold (decreasing), then a final 0. */
  recall: number[];
  /** Increasing distinct scores. */
  thresholds: number[];
}

const OPTIONS: ReadonlyArray<keyof PrecisionRecallCurveOptions> = ['posLabel', 'sampleWeight'];

/**
 * Precision–recall pairs for every distinct score `θ`: `precision(θ) = TP / (TP + FP)` and
 * `recall(θ) = TP / P` over the samples with score ≥ θ; thresholds increase, and a final point
 * (precision 1, recall 0) without threshold ends the curve.
 *
 * @remarks
 * Every distinct threshold is kept (no truncation after full recall). Precision is 0 where
 * nothing is predicted positive. With no positive sample, recall is 1 at every threshold (as
 * scikit-learn, which also warns).
 * @throws InvalidParameterError for an unknown option, or when `posLabel` is needed and missing.
 * @throws DataValidationError on empty input, a length mismatch or NaN / infinite scores.
 * @example
 * ```ts
 * precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // precision [0.5, 0.666…, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 * ```
 * @see scikit-learn `sklearn.metrics.precision_recall_curve`
 */
export function precisionRecallCurve(
  yTrue: ReadonlyArray<Label>,
  probasPred: ReadonlyArray<number> | Float64Array,
  options: PrecisionRecallCurveOptions = {},
): PrecisionRecallCurve {
  const who = 'precisionRecallCurve';
  const o = checkOptions(who, options, OPTIONS);
  const { positive, score, weight } = binaryProblem(who, yTrue, probasPred, o.posLabel, o.sampleWeight);
  const c = binaryClfCurve(positive, score, weight);
  const k = c.tps.length;
  const P = c.tps[k - 1] as number;
  const precision: number[] = [];
  const recall: number[] = [];
  const thresholds: number[] = [];
  for (let i = k - 1; i >= 0; i--) {
    const tp = c.tps[i] as number;
    const ps = tp + (c.fps[i] as number);
    precision.push(ps === 0 ? 0 : tp / ps);
    recall.push(P === 0 ? 1 : tp / P);
    thresholds.push(c.thresholds[i] as number);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds };
}
