import { DataValidationError, describe } from '../core/errors.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { checkBoolean, checkOptions } from '../core/validate.js';
import { checkScoreMatrix, checkScores, isVector } from './scores.js';
import { checkTrue, checkWeights, indexIn, resolveLabels } from './targets.js';

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Classes, in the order of the probability columns.
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
 * ≥ 1.5 behaviour; 1.2–1.4 divided each row by its sum). Pass `labels` when a test fold lacks a
 * class the model knows. Columns follow `labels` as given; scikit-learn sorts `labels` first
 * (the same thing when they are sorted, as a classifier's `classes` are).
 * @throws InvalidParameterError for an unknown option or a non-boolean `normalize`.
 * @throws DataValidationError on empty input, a length mismatch, NaN probabilities, a column count
 * that differs from the number of labels, a single label, or a yTrue label missing from `labels`.
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
  const labels = resolveLabels(who, o.labels, t);
  if (labels.length < 2) {
    throw new DataValidationError(
      `${who}: yTrue contains only one label (${describe(labels[0])}); pass labels listing every class the ` +
        'model knows (probability columns follow it).',
      { param: 'labels' },
    );
  }
  const ti = indexIn(t, labels);
  const bad = ti.indexOf(-1);
  if (bad >= 0) {
    throw new DataValidationError(`${who}: yTrue[${bad}] = ${describe(t[bad])} is not in labels; add it to labels.`, {
      param: 'yTrue',
      row: bad,
    });
  }
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
    get = (i, c) => (c === 1 ? (s[i] as number) : 1 - (s[i] as number));
  } else {
    const d = checkScoreMatrix(who, yProb as MatrixInput, n, undefined, 'yProb');
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
