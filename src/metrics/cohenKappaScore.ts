import type { Label } from '../core/matrix.js';
import { DataValidationError } from '../core/errors.js';
import { checkNumber, checkOneOf, checkOptions } from '../core/validate.js';
import { confusionCounts } from './counts.js';
import { checkTargets, checkWeights, indexIn, resolveLabels } from './targets.js';

/** Options of {@link cohenKappaScore}. */
export interface CohenKappaOptions {
  /**
   * Classes, in order (the order matters for weighted kappa).
   * @defaultValue the sorted union of both raters' labels
   */
  labels?: ReadonlyArray<Label>;
  /**
   * Disagreement weights: unweighted (`undefined`, 1 off the diagonal), `'linear'` `|i − j|` or
   * `'quadratic'` `(i − j)²`.
   * @defaultValue undefined
   */
  weights?: 'linear' | 'quadratic';
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
  /**
   * The value returned when kappa is undefined — the expected disagreement is 0 (both raters give
   * one and the same label), or no sample has a label in `labels` — as scikit-learn ≥ 1.7's
   * `replace_undefined_by`: a number in [−1, 1], or `'nan'` for scikit-learn's default NaN.
   * @defaultValue undefined (a DataValidationError is thrown)
   */
  replaceUndefinedBy?: number | 'nan';
}

const OPTIONS: ReadonlyArray<keyof CohenKappaOptions> = ['labels', 'weights', 'sampleWeight', 'replaceUndefinedBy'];

/**
 * Cohen's kappa, agreement between two raters corrected for chance:
 * `κ = 1 − Σ W∘C / Σ W∘E` with C the confusion matrix, `E = outer(rowSums, colSums) / total`
 * and W the disagreement weights.
 *
 * @remarks
 * Symmetric in its two arguments. Undefined when the expected disagreement is 0 (both raters
 * always give the same single label) or no sample has a label in `labels`: scikit-learn returns
 * NaN there (with a warning); this library throws, unless `replaceUndefinedBy` says what to
 * return (`'nan'` gives scikit-learn's NaN).
 * @throws InvalidParameterError for an unknown option, an unknown `weights`, bad `labels` or a bad
 * `replaceUndefinedBy`.
 * @throws DataValidationError on empty input, a length mismatch, mixed label types, sample weights
 * summing to 0, or an undefined kappa without `replaceUndefinedBy`.
 * @example
 * ```ts
 * cohenKappaScore(['a', 'b', 'b', 'c'], ['a', 'b', 'c', 'c']); // 0.636…
 * ```
 * @see scikit-learn `sklearn.metrics.cohen_kappa_score`; Cohen (1960), "A coefficient of agreement for
 * nominal scales".
 */
export function cohenKappaScore(
  y1: ReadonlyArray<Label>,
  y2: ReadonlyArray<Label>,
  options: CohenKappaOptions = {},
): number {
  const who = 'cohenKappaScore';
  const o = checkOptions(who, options, OPTIONS);
  const weights = o.weights === undefined ? undefined : checkOneOf(who, 'weights', o.weights, ['linear', 'quadratic']);
  const undefinedValue =
    o.replaceUndefinedBy === undefined || o.replaceUndefinedBy === 'nan'
      ? o.replaceUndefinedBy
      : checkNumber(who, 'replaceUndefinedBy', o.replaceUndefinedBy, { ge: -1, le: 1 });
  const { yTrue: t, yPred: p, n } = checkTargets(who, y1, y2, 'y2');
  const sw = checkWeights(who, o.sampleWeight, n);
  const labels = resolveLabels(who, o.labels, t, p);
  const k = labels.length;
  const c = confusionCounts(indexIn(t, labels), indexIn(p, labels), k, sw);
  const s0 = new Float64Array(k); // column sums
  const s1 = new Float64Array(k); // row sums
  let total = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = c[i * k + j] as number;
      s1[i] += v;
      s0[j] += v;
      total += v;
    }
  }
  if (total === 0) return undefinedKappa(who, undefinedValue, 'no sample has a label in labels');
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const d = Math.abs(i - j);
      const w = weights === undefined ? (i === j ? 0 : 1) : weights === 'linear' ? d : d * d;
      // scikit-learn: expected = outer(sum0, sum1) / sum(sum0), indexed [i][j] = sum0[i]·sum1[j]
      const e = ((s0[i] as number) * (s1[j] as number)) / total;
      num += w * (c[i * k + j] as number);
      den += w * e;
    }
  }
  if (den === 0) {
    return undefinedKappa(
      who,
      undefinedValue,
      'the expected disagreement is 0 (both raters give one and the same label)',
    );
  }
  return 1 - num / den;
}

/** The value of an undefined kappa: `replaceUndefinedBy`, or a DataValidationError saying why. */
function undefinedKappa(who: string, value: number | 'nan' | undefined, why: string): number {
  if (value === 'nan') return Number.NaN;
  if (value !== undefined) return value;
  throw new DataValidationError(
    `${who}: kappa is undefined because ${why}. Pass replaceUndefinedBy (a number in [−1, 1], or 'nan' ` +
      "for scikit-learn's NaN) to get a value.",
  );
}
