import type { Matrix } from 'ml-matrix';
import { DataValidationError, describe } from '../core/errors.js';
import { fromDense, type Label } from '../core/matrix.js';
import { checkOneOf, checkOptions } from '../core/validate.js';
import { confusionCounts } from './counts.js';
import { checkTargets, checkWeights, indexIn, resolveLabels } from './targets.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * Classes, in row / column order; may include classes absent from the data. Samples whose true or
   * predicted label is not listed are ignored.
   * @defaultValue the sorted union of yTrue and yPred
   */
  labels?: ReadonlyArray<Label>;
  /**
   * Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); 0/0 becomes 0.
   * @defaultValue undefined (counts)
   */
  normalize?: 'true' | 'pred' | 'all';
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof ConfusionMatrixOptions> = ['labels', 'normalize', 'sampleWeight'];
const NORMALIZE = ['true', 'pred', 'all'] as const;

/**
 * Confusion matrix `C[i][j]` = (weighted) number of samples of true class `labels[i]` predicted as
 * `labels[j]` — rows are true classes, columns predicted classes.
 *
 * @remarks
 * Returned as an ml-matrix `Matrix` (`k × k`, rows and columns follow `labels`, sorted by
 * default). With `normalize`, cells divided by a zero sum are 0, as scikit-learn does.
 * @throws InvalidParameterError for an unknown option, an unknown `normalize` or bad `labels`.
 * @throws DataValidationError on empty input, a length mismatch, or when no listed label occurs in yTrue.
 * @example
 * ```ts
 * confusionMatrix([0, 1, 1], [0, 0, 1]).to2DArray(); // [[1, 0], [1, 1]]
 * ```
 * @see scikit-learn `sklearn.metrics.confusion_matrix`
 */
export function confusionMatrix(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: ConfusionMatrixOptions = {},
): Matrix {
  const who = 'confusionMatrix';
  const o = checkOptions(who, options, OPTIONS);
  const normalize = o.normalize === undefined ? undefined : checkOneOf(who, 'normalize', o.normalize, NORMALIZE);
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, o.sampleWeight, n);
  const labels = resolveLabels(who, o.labels, t, p);
  const ti = indexIn(t, labels);
  if (o.labels !== undefined && !ti.some((v) => v >= 0)) {
    throw new DataValidationError(
      `${who}: none of labels [${labels.map((l) => describe(l)).join(', ')}] occurs in yTrue; at least one must.`,
      { param: 'labels' },
    );
  }
  const k = labels.length;
  const c = confusionCounts(ti, indexIn(p, labels), k, w);
  if (normalize) {
    const rowSum = new Float64Array(k);
    const colSum = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const v = c[i * k + j] as number;
        rowSum[i] += v;
        colSum[j] += v;
        total += v;
      }
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const d = normalize === 'true' ? (rowSum[i] as number) : normalize === 'pred' ? (colSum[j] as number) : total;
        c[i * k + j] = d === 0 ? 0 : (c[i * k + j] as number) / d;
      }
    }
  }
  return fromDense(c, k, k);
}
