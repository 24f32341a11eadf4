import { DataValidationError } from '../core/errors.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { checkBoolean, checkInteger, checkOptions } from '../core/validate.js';
import { checkScoreMatrix, checkScores, isVector } from './scores.js';
import { checkTrue, checkWeights, resolveColumnLabels, trueIndexIn } from './targets.js';

/** Options of {@link topKAccuracyScore}. */
export interface TopKAccuracyOptions {
  /** How many of the highest-scored classes may contain the true one. @defaultValue 2 */
  k?: number;
  /**
   * Classes, in the order of the score columns; must be sorted.
   * @defaultValue the sorted distinct labels of yTrue
   */
  labels?: ReadonlyArray<Label>;
  /** Return the fraction (`true`) or the (weighted) count (`false`) of hits. @defaultValue true */
  normalize?: boolean;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof TopKAccuracyOptions> = ['k', 'labels', 'normalize', 'sampleWeight'];

/**
 * Fraction of samples whose true class is among the `k` highest scores:
 * `Σ wᵢ·[yᵢ ∈ top_k(ŝᵢ)] / Σ wᵢ`.
 *
 * @remarks
 * Ties are broken as scikit-learn does (a stable ascending argsort, reversed): among equal
 * scores, the class with the larger column index ranks first. Binary problems take a 1-D score
 * of the greater class: with `k = 1` the prediction is `score > 0.5` (or `> 0` when scores leave
 * [0, 1]); with `k ≥ 2` every sample is a hit. Columns follow `labels`, which must be sorted
 * (as scikit-learn requires: "Parameter 'labels' must be ordered").
 * @throws InvalidParameterError for an unknown option, `k` < 1, a non-boolean `normalize` or bad
 * (e.g. unsorted) `labels`.
 * @throws DataValidationError on empty input, length or column mismatches, NaN scores, a 2-D
 * score of more than one column for binary data, or a yTrue label missing from `labels`.
 * @example
 * ```ts
 * const scores = [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]];
 * topKAccuracyScore([0, 1, 2, 2], scores, { k: 2 }); // 0.75
 * ```
 * @see scikit-learn `sklearn.metrics.top_k_accuracy_score`
 */
export function topKAccuracyScore(
  yTrue: ReadonlyArray<Label>,
  yScore: MatrixInput | ReadonlyArray<number>,
  options: TopKAccuracyOptions = {},
): number {
  const who = 'topKAccuracyScore';
  const o = checkOptions(who, options, OPTIONS);
  const k = checkInteger(who, 'k', o.k, { min: 1 }, 2);
  const normalize = checkBoolean(who, 'normalize', o.normalize, true);
  const t = checkTrue(who, yTrue);
  const n = t.length;
  const w = checkWeights(who, o.sampleWeight, n);
  const labels = resolveColumnLabels(who, o.labels, t);
  const present = new Set(t).size;
  const binary = present <= 2 && !(o.labels !== undefined && labels.length > 2);
  const ti = trueIndexIn(who, t, labels);
  const hits = new Uint8Array(n);
  if (binary) {
    let s: Float64Array;
    if (isVector(yScore)) s = checkScores(who, yScore, n);
    else {
      const d = checkScoreMatrix(who, yScore as MatrixInput, n, undefined);
      if (d.cols !== 1) {
        throw new DataValidationError(
          `${who}: yTrue is binary while yScore is 2-D with ${d.cols} columns. Pass the 1-D score of the ` +
            'greater class, or labels listing all classes when yTrue lacks some.',
          { param: 'yScore' },
        );
      }
      s = d.data;
    }
    if (labels.length !== 2) {
      throw new DataValidationError(
        `${who}: the number of classes (${labels.length}) does not match the 2 classes a 1-D yScore implies. ` +
          'Pass labels with both classes.',
        { param: 'labels' },
      );
    }
    if (k === 1) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of s) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const thr = lo >= 0 && hi <= 1 ? 0.5 : 0;
      for (let i = 0; i < n; i++) hits[i] = ((s[i] as number) > thr ? 1 : 0) === ti[i] ? 1 : 0;
    } else hits.fill(1);
  } else {
    const d = checkScoreMatrix(who, yScore as MatrixInput, n, labels.length);
    const c = d.cols;
    for (let i = 0; i < n; i++) {
      const ci = ti[i] as number;
      const st = d.data[i * c + ci] as number;
      let ahead = 0;
      for (let j = 0; j < c; j++) {
        const v = d.data[i * c + j] as number;
        if (v > st || (v === st && j > ci)) ahead++;
      }
      hits[i] = ahead < k ? 1 : 0;
    }
  }
  let hit = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? (w[i] as number) : 1;
    total += wi;
    if (hits[i]) hit += wi;
  }
  return normalize ? hit / total : hit;
}
