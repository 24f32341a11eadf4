import { DataValidationError, describe } from '../core/errors.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { checkBoolean, checkOptions } from '../core/validate.js';
import { checkProbabilities, checkScoreMatrix, checkScores, isVector } from './scores.js';
import { checkTrue, checkWeights, resolveColumnLabels, trueIndexIn } from './targets.js';

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Classes, in the order of the probability columns; must be sorted (as a classifier's `classes`).
   * @defaultValue the sorted distinct labels of yTrue
   */
  labels?: ReadonlyArray<Label>;
  /** Per-sample weights (weighted mean). @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
  /** Return the mean loss (`true`) or the (weighted) sum (`false`). @defaultValue true */
  normalize?: boolean;
}

const OPTIONS: ReadonlyArray<keyof LogLossOptions> = ['labels', 'sampleWeight', 'normalize'];

/** Machine epsilon of float64, the clipping margin. */
const EPS = 2.220446049250313e-16;

/**
 * Logistic (cross-entropy) loss: `−(1/n) Σᵢ ln p̂ᵢ,yᵢ`, each probability clipped to
 * `[ε, 1 − ε]` with ε the float64 machine epsilon.
 *
 * @remarks
 * `yProb` is an `n × k` probability matrix whose columns follow `labels` (sorted by default), or,
 * for two classes, a 1-D vector of P(`labels[1]`). Rows are **not** renormalised (scikit-learn
 * ≥ 1.5 behaviour; 1.2–1.4 divided each row by its sum): a value outside [0, 1] or a row that
 * does not sum to 1 (within 1e-5, NumPy's `allclose`) is an error — scikit-learn ≥ 1.5 raises for
 * the first and warns for the second, and this library has no warnings. Pass `labels` when a test
 * fold lacks a class the model knows; it must be sorted, like a classifier's `classes` (scikit-learn
 * sorts it, so an unsorted `labels` would silently pair columns with other classes there).
 * @throws InvalidParameterError for an unknown option, a non-boolean `normalize` or unsorted `labels`.
 * @throws DataValidationError on empty input, a length mismatch, NaN probabilities, values outside
 * [0, 1], rows not summing to 1, a column count that differs from the number of labels, a single
 * label, a yTrue label missing from `labels`, or sample weights summing to 0.
 * @example
 * ```ts
 * logLoss(['spam', 'ham', 'ham', 'spam'], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]);
 * // 0.216…
 * logLoss([0, 1], [0.2, 0.7]); // 1-D: P(class 1)
 * ```
 * @see scikit-learn `sklearn.metrics.log_loss`
 */
export function logLoss(
  yTrue: ReadonlyArray<Label>,
  yProb: MatrixInput | ReadonlyArray<number>,
  options: LogLossOptions = {},
): number {
  const who = 'logLoss';
  const o = checkOptions(who, options, OPTIONS);
  const normalize = checkBoolean(who, 'normalize', o.normalize, true);
  const t = checkTrue(who, yTrue);
  const n = t.length;
  const w = checkWeights(who, o.sampleWeight, n);
  const labels = resolveColumnLabels(who, o.labels, t);
  if (labels.length < 2) {
    throw new DataValidationError(
      `${who}: yTrue contains only one label (${describe(labels[0])}); pass labels listing every class the ` +
        'model knows (probability columns follow it).',
      { param: 'labels' },
    );
  }
  const ti = trueIndexIn(who, t, labels);
  const k = labels.length;
  let get: (i: number, c: number) => number;
  if (isVector(yProb)) {
    if (k !== 2) {
      throw new DataValidationError(
        `${who}: a 1-D yProb holds P(labels[1]) and needs exactly 2 labels, but there are ${k}. ` +
          `Pass an n × ${k} matrix.`,
        { param: 'yProb' },
      );
    }
    const s = checkScores(who, yProb, n, 'yProb');
    checkProbabilities(who, s, n, 1, 'yProb', 'log loss');
    get = (i, c) => (c === 1 ? (s[i] as number) : 1 - (s[i] as number));
  } else {
    const d = checkScoreMatrix(who, yProb as MatrixInput, n, undefined, 'yProb');
    checkProbabilities(who, d.data, n, d.cols, 'yProb', 'log loss');
    if (d.cols === 1 && k === 2) {
      get = (i, c) => (c === 1 ? (d.data[i] as number) : 1 - (d.data[i] as number));
    } else {
      if (d.cols !== k) {
        throw new DataValidationError(
          `${who}: yTrue and yProb contain different numbers of classes: ${k} labels vs ${d.cols} columns. ` +
            'Pass labels listing every class, in column order ' +
            `(classes found: ${labels.map((l) => describe(l)).join(', ')}).`,
          { param: 'yProb' },
        );
      }
      get = (i, c) => d.data[i * k + c] as number;
    }
  }
  let sum = 0;
  let ws = 0;
  for (let i = 0; i < n; i++) {
    let pr = get(i, ti[i] as number);
    if (pr < EPS) pr = EPS;
    else if (pr > 1 - EPS) pr = 1 - EPS;
    const wi = w ? (w[i] as number) : 1;
    sum -= wi * Math.log(pr);
    ws += wi;
  }
  return normalize ? sum / ws : sum;
}
