import { InvalidParameterError, DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkOptions, invalid } from '../core/validate.js';
import { type Average, checkAverage, nanAverage } from './average.js';
import { labelCounts } from './counts.js';
import { checkTargets, checkWeights, indexIn, resolveLabels } from './targets.js';
import { checkZeroDivision, divide, type ZeroDivision } from './zeroDivision.js';

/**
 * Options shared by {@link precisionRecallFscoreSupport}, {@link precisionScore},
 * {@link recallScore}, {@link f1Score} and {@link fbetaScore}.
 */
export interface PrfOptions {
  /**
   * How per-class values are combined: `'binary'` reports `posLabel` only (binary data only);
   * `'micro'` divides summed counts; `'macro'` is the unweighted mean over `labels`;
   * `'weighted'` weighs each class by its support; `null` returns per-class values.
   * @defaultValue `'binary'` for the `…Score` functions, `null` for {@link precisionRecallFscoreSupport}
   */
  average?: Average | null;
  /**
   * Classes to report and average over, in order; may include classes absent from the data. Ignored
   * with `average: 'binary'`.
   * @defaultValue the sorted union of yTrue and yPred
   */
  labels?: ReadonlyArray<Label>;
  /** The positive class for `average: 'binary'`. @defaultValue 1 */
  posLabel?: Label;
  /**
   * Value of a ratio whose denominator is 0 (precision with nothing predicted, recall with no true
   * sample, F with neither). `'nan'` entries are skipped by the averages.
   * @defaultValue 0
   */
  zeroDivision?: ZeroDivision;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

/** Options of {@link precisionRecallFscoreSupport} and {@link fbetaScore}. */
export interface FbetaOptions extends PrfOptions {
  /**
   * Weight of recall relative to precision in the F-score (`Infinity` → recall, 0 → precision).
   * @defaultValue 1
   */
  beta?: number;
}

/**
 * Per-class result of {@link precisionRecallFscoreSupport} (`average: null`); arrays are aligned
 * with `labels`.
 */
export interface PrfsPerClass {
  /** The classes, in the order of every array below. */
  labels: Label[];
  /** Precision per class. */
  precision: number[];
  /** Recall per class. */
  recall: number[];
  /** F-beta per class. */
  fScore: number[];
  /** (Weighted) number of true samples per class. */
  support: number[];
}

/** Averaged result of {@link precisionRecallFscoreSupport}. */
export interface PrfsAveraged {
  /** Averaged precision. */
  precision: number;
  /** Averaged recall. */
  recall: number;
  /** Averaged F-beta. */
  fScore: number;
}

interface Core {
  labels: Label[];
  precision: number[];
  recall: number[];
  fScore: number[];
  support: number[];
  average: Average | null;
}

const PRF_OPTIONS: ReadonlyArray<keyof PrfOptions> = ['average', 'labels', 'posLabel', 'zeroDivision', 'sampleWeight'];
const FBETA_OPTIONS: ReadonlyArray<keyof FbetaOptions> = [...PRF_OPTIONS, 'beta'];
const AVERAGES = ['binary', 'micro', 'macro', 'weighted', null] as const;

/** Precision, recall, F and support per label of already-checked options. @internal */
export function prfsCore(
  who: string,
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: FbetaOptions,
  defaultAverage: Average | null,
): Core {
  const average = checkAverage(who, options.average, AVERAGES, defaultAverage);
  const z = checkZeroDivision(who, options.zeroDivision);
  const beta = options.beta ?? 1;
  if (typeof beta !== 'number' || !(beta >= 0)) invalid(who, 'beta', 'a number ≥ 0 (Infinity for recall)', beta);
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, options.sampleWeight, n);
  let labels: Label[];
  if (average === 'binary') {
    const present = resolveLabels(who, undefined, t, p);
    if (present.length > 2) {
      throw new DataValidationError(
        `${who}: the targets are multiclass (${present.length} classes: ` +
          `${present.map((l) => describe(l)).join(', ')}) but average='binary'. ` +
          "Choose average 'micro', 'macro', 'weighted' or null.",
        { param: 'yTrue' },
      );
    }
    const pos = options.posLabel ?? 1;
    if (!present.includes(pos) && present.length >= 2) {
      throw new InvalidParameterError(
        'posLabel',
        `${who}: posLabel=${describe(pos)} is not a valid label; ` +
          `it should be one of [${present.map((l) => describe(l)).join(', ')}].`,
      );
    }
    labels = [pos];
  } else {
    labels = resolveLabels(who, options.labels, t, p);
  }
  const k = labels.length;
  const c = labelCounts(indexIn(t, labels), indexIn(p, labels), k, w);
  let tp: ArrayLike<number> = c.tp;
  let pred: ArrayLike<number> = c.pred;
  let truth: ArrayLike<number> = c.truth;
  if (average === 'micro') {
    let a = 0;
    let b = 0;
    let d = 0;
    for (let i = 0; i < k; i++) {
      a += c.tp[i] as number;
      b += c.pred[i] as number;
      d += c.truth[i] as number;
    }
    tp = [a];
    pred = [b];
    truth = [d];
  }
  const m = tp.length;
  const precision: number[] = new Array(m);
  const recall: number[] = new Array(m);
  const fScore: number[] = new Array(m);
  const b2 = beta * beta;
  for (let i = 0; i < m; i++) {
    precision[i] = divide(tp[i] as number, pred[i] as number, z);
    recall[i] = divide(tp[i] as number, truth[i] as number, z);
    if (beta === Number.POSITIVE_INFINITY) fScore[i] = recall[i] as number;
    else if (beta === 0) fScore[i] = precision[i] as number;
    else fScore[i] = divide((1 + b2) * (tp[i] as number), b2 * (truth[i] as number) + (pred[i] as number), z);
  }
  return { labels, precision, recall, fScore, support: Array.from(truth), average };
}

function averaged(core: Core): PrfsAveraged {
  const weights = core.average === 'weighted' ? core.support : undefined;
  return {
    precision: nanAverage(core.precision, weights),
    recall: nanAverage(core.recall, weights),
    fScore: nanAverage(core.fScore, weights),
  };
}

/**
 * Precision, recall, F-beta and support per class, or averaged.
 *
 * Per class, from weighted counts: `precision = tp / (tp + fp)`, `recall = tp / (tp + fn)`,
 * `F_β = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp)`, `support = tp + fn`.
 *
 * @remarks
 * F is computed from the counts (as scikit-learn ≥ 1.3 does), so it is only undefined when
 * `tp + fp + fn = 0`. Undefined ratios take `zeroDivision`; with `'nan'` they are skipped by the
 * averages (NaN when all are). `'weighted'` with zero total support falls back to the unweighted
 * mean, as scikit-learn's `_nanaverage` does. `'micro'` over all present labels equals accuracy.
 * @throws InvalidParameterError for an unknown option, a bad `average`, `beta`, `zeroDivision`,
 * `labels` or `posLabel`.
 * @throws DataValidationError on empty input, a length mismatch, or multiclass data with
 * `average: 'binary'`.
 * @example
 * ```ts
 * const r = precisionRecallFscoreSupport(['cat', 'dog', 'pig', 'cat'], ['cat', 'pig', 'dog', 'cat']);
 * r.labels;    // ['cat', 'dog', 'pig']
 * r.precision; // [1, 0, 0]
 * precisionRecallFscoreSupport(['cat', 'dog'], ['cat', 'cat'], { average: 'macro' }).fScore; // 0.333…
 * ```
 * @see scikit-learn `sklearn.metrics.precision_recall_fscore_support`
 */
export function precisionRecallFscoreSupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: FbetaOptions & { average?: null },
): PrfsPerClass;
export function precisionRecallFscoreSupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: FbetaOptions & { average: Average },
): PrfsAveraged;
export function precisionRecallFscoreSupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: FbetaOptions,
): PrfsPerClass | PrfsAveraged;
export function precisionRecallFscoreSupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: FbetaOptions = {},
): PrfsPerClass | PrfsAveraged {
  const who = 'precisionRecallFscoreSupport';
  const core = prfsCore(who, yTrue, yPred, checkOptions(who, options, FBETA_OPTIONS), null);
  if (core.average === null) {
    return {
      labels: core.labels,
      precision: core.precision,
      recall: core.recall,
      fScore: core.fScore,
      support: core.support,
    };
  }
  return averaged(core);
}

function pick(
  who: string,
  key: 'precision' | 'recall' | 'fScore',
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: FbetaOptions,
): number | Map<Label, number> {
  const core = prfsCore(who, yTrue, yPred, options, 'binary');
  if (core.average === null) return new Map(core.labels.map((l, i) => [l, core[key][i] as number]));
  return averaged(core)[key];
}

/**
 * Precision `tp / (tp + fp)`: of the samples predicted as a class, the fraction that belong to it.
 *
 * @remarks
 * With `average: null` returns a `Map` from label to precision, in `labels` order. See
 * {@link precisionRecallFscoreSupport} for averaging and `zeroDivision`.
 * @throws InvalidParameterError / DataValidationError as {@link precisionRecallFscoreSupport}.
 * @example
 * ```ts
 * precisionScore([0, 1, 1, 0], [1, 1, 1, 0]);                          // 0.666…
 * precisionScore(['a', 'b', 'c'], ['a', 'a', 'c'], { average: 'macro' }); // 0.5
 * ```
 * @see scikit-learn `sklearn.metrics.precision_score`
 */
export function precisionScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: PrfOptions & { average: null },
): Map<Label, number>;
export function precisionScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: PrfOptions & { average?: Average },
): number;
export function precisionScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: PrfOptions,
): number | Map<Label, number>;
export function precisionScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: PrfOptions = {},
): number | Map<Label, number> {
  const who = 'precisionScore';
  return pick(who, 'precision', yTrue, yPred, checkOptions(who, options, PRF_OPTIONS));
}

/**
 * Recall (sensitivity) `tp / (tp + fn)`: of the samples of a class, the fraction predicted as it.
 *
 * @remarks
 * With `average: null` returns a `Map` from label to recall, in `labels` order. Macro recall is
 * the balanced accuracy when every class is present in yTrue.
 * @throws InvalidParameterError / DataValidationError as {@link precisionRecallFscoreSupport}.
 * @example
 * ```ts
 * recallScore([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 * ```
 * @see scikit-learn `sklearn.metrics.recall_score`
 */
export function recallScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: PrfOptions & { average: null },
): Map<Label, number>;
export function recallScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: PrfOptions & { average?: Average },
): number;
export function recallScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: PrfOptions,
): number | Map<Label, number>;
export function recallScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: PrfOptions = {},
): number | Map<Label, number> {
  const who = 'recallScore';
  return pick(who, 'recall', yTrue, yPred, checkOptions(who, options, PRF_OPTIONS));
}

/**
 * F1 score `2·tp / (2·tp + fp + fn)`, the harmonic mean of precision and recall.
 *
 * @remarks
 * With `average: null` returns a `Map` from label to F1. `average: 'macro'` is the usual choice on
 * imbalanced data (every class counts the same).
 * @throws InvalidParameterError / DataValidationError as {@link precisionRecallFscoreSupport}.
 * @example
 * ```ts
 * f1Score(['a', 'b', 'b', 'c'], ['a', 'b', 'c', 'c'], { average: 'macro' }); // 0.777…
 * ```
 * @see scikit-learn `sklearn.metrics.f1_score`
 */
export function f1Score(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: PrfOptions & { average: null },
): Map<Label, number>;
export function f1Score(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: PrfOptions & { average?: Average },
): number;
export function f1Score(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: PrfOptions,
): number | Map<Label, number>;
export function f1Score(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: PrfOptions = {},
): number | Map<Label, number> {
  const who = 'f1Score';
  return pick(who, 'fScore', yTrue, yPred, { ...checkOptions(who, options, PRF_OPTIONS), beta: 1 });
}

/**
 * F-beta score `(1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp)`: β > 1 favours recall, β < 1 precision.
 *
 * @remarks
 * `beta: Infinity` gives recall, `beta: 0` precision. With `average: null` returns a `Map`.
 * @throws InvalidParameterError / DataValidationError as {@link precisionRecallFscoreSupport}.
 * @example
 * ```ts
 * fbetaScore([0, 1, 1, 0], [1, 1, 0, 0], { beta: 2 }); // 0.5
 * ```
 * @see scikit-learn `sklearn.metrics.fbeta_score`
 */
export function fbetaScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: FbetaOptions & { average: null },
): Map<Label, number>;
export function fbetaScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: FbetaOptions & { average?: Average },
): number;
export function fbetaScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: FbetaOptions,
): number | Map<Label, number>;
export function fbetaScore(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: FbetaOptions = {},
): number | Map<Label, number> {
  const who = 'fbetaScore';
  return pick(who, 'fScore', yTrue, yPred, checkOptions(who, options, FBETA_OPTIONS));
}
