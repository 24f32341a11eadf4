import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { binaryClfCurve, checkScores, checkTrue, checkWeights, defaultPosLabel, uniqueSorted } from './_common.js';

/** Options of {@link rocCurve}. */
export interface RocCurveOptions {
  /** The positive class. @defaultValue 1 (only when yTrue is in {0, 1} or {−1, 1}; required otherwise) */
  posLabel?: Label;
  /** Per-sample weights; zero-weight samples are dropped first. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
  /** Drop thresholds whose point lies on a straight segment between its neighbours (does not change the area). @defaultValue true */
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

/** Validates a binary ranking problem: labels, scores, weights → 0/1 target. @internal */
export function binaryProblem(
  who: string,
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | Float64Array | Float32Array,
  posLabel: Label | undefined,
  sampleWeight: ReadonlyArray<number> | undefined,
): { positive: Uint8Array; score: Float64Array; weight: Float64Array | undefined; classes: Label[] } {
  const t = checkTrue(who, yTrue);
  const n = t.length;
  const score = checkScores(who, yScore, n);
  const weight = checkWeights(who, sampleWeight, n);
  const classes = uniqueSorted(t);
  if (posLabel === undefined) {
    if (classes.length > 2) {
      throw new DataValidationError(
        `${who}: yTrue has ${classes.length} classes; a binary curve needs posLabel to say which class is positive.`,
        { param: 'yTrue' },
      );
    }
    posLabel = defaultPosLabel(who, classes);
  } else if (typeof posLabel !== typeof t[0]) {
    throw new DataValidationError(
      `${who}: posLabel ${describe(posLabel)} is a ${typeof posLabel} but yTrue holds ${typeof t[0]}s.`,
      { param: 'posLabel' },
    );
  }
  const positive = new Uint8Array(n);
  for (let i = 0; i < n; i++) positive[i] = t[i] === posLabel ? 1 : 0;
  return { positive, score, weight, classes };
}

/**
 * Receiver operating characteristic: for every distinct score `θ` (descending),
 * `tpr(θ) = TP(score ≥ θ) / P` and `fpr(θ) = FP(score ≥ θ) / N`, starting from (0, 0).
 *
 * @remarks
 * The first threshold is `Infinity` (scikit-learn ≥ 1.3; 1.2 used `max(score) + 1`). Tied scores
 * form one step. When yTrue has no negatives (positives) `fpr` (`tpr`) is all NaN, as in
 * scikit-learn (which also warns).
 * @throws InvalidParameterError when `posLabel` is needed and missing.
 * @throws DataValidationError on empty input, a length mismatch or NaN / infinite scores.
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
  const { positive, score, weight } = binaryProblem(who, yTrue, yScore, options.posLabel, options.sampleWeight);
  const c = binaryClfCurve(positive, score, weight);
  let fps = Array.from(c.fps);
  let tps = Array.from(c.tps);
  let thr = Array.from(c.thresholds);
  if (options.dropIntermediate !== false && fps.length > 2) {
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
  fps.unshift(0);
  tps.unshift(0);
  thr.unshift(Number.POSITIVE_INFINITY);
  const N = fps[fps.length - 1] as number;
  const P = tps[tps.length - 1] as number;
  return {
    fpr: fps.map((v) => (N > 0 ? v / N : Number.NaN)),
    tpr: tps.map((v) => (P > 0 ? v / P : Number.NaN)),
    thresholds: thr,
  };
}
