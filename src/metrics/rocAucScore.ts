import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { uniqueSorted } from '../core/labels.js';
import type { Dense, Label, MatrixInput } from '../core/matrix.js';
import { checkOneOf, checkOptions } from '../core/validate.js';
import { checkAverage } from './average.js';
import { checkProbabilities, checkScoreMatrix, checkScores, isVector } from './scores.js';
import { checkSortedLabels, checkTrue, checkWeights, resolveLabels, trueIndexIn } from './targets.js';
import { binaryAuc, flattenOneVsRest } from './thresholdSweep.js';

/** Options of {@link rocAucScore}. */
export interface RocAucOptions {
  /**
   * Multiclass strategy (required when yTrue has more than two classes or yScore more than two
   * columns): `'ovr'` scores each class against the rest, `'ovo'` averages every pair of classes
   * (Hand & Till 2001). @defaultValue undefined (binary only)
   */
  multiClass?: 'ovr' | 'ovo';
  /**
   * Multiclass averaging: `'macro'` (unweighted mean), `'weighted'` (by class prevalence; for ovo
   * by pair prevalence), `'micro'` (ovr only: all one-vs-rest decisions pooled) or `null` (ovr
   * only: a Map of per-class AUCs). Ignored for binary problems. @defaultValue 'macro'
   */
  average?: 'macro' | 'weighted' | 'micro' | null;
  /**
   * Classes, in the order of the score columns; may include classes absent from yTrue. Multiclass:
   * must be sorted (scikit-learn: "Parameter 'labels' must be ordered").
   * @defaultValue the sorted distinct labels of yTrue
   */
  labels?: ReadonlyArray<Label>;
  /**
   * Binary only: the positive class, whose scores `yScore` holds.
   * @defaultValue the last of `labels` (the greater label when `labels` is omitted)
   */
  posLabel?: Label;
  /**
   * Per-sample weights (not with `multiClass: 'ovo'`).
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof RocAucOptions> = ['multiClass', 'average', 'labels', 'posLabel', 'sampleWeight'];
const AVERAGES = ['macro', 'weighted', 'micro', null] as const;

/**
 * Area under the ROC curve.
 *
 * Binary: `AUC = P(s⁺ > s⁻) + ½·P(s⁺ = s⁻)` over positive/negative pairs (the trapezoid over the
 * distinct thresholds of {@link rocCurve}). Multiclass `'ovr'`: the binary AUC of column c with
 * class c positive, averaged. Multiclass `'ovo'` (Hand & Till's M): for each pair {a, b} of
 * classes present in yTrue, restricted to their samples, `(AUC(a | b) + AUC(b | a)) / 2`, averaged
 * (macro) or weighted by the pair's share of samples (weighted).
 *
 * @remarks
 * Binary problems take a 1-D score of `posLabel` (default: the greater label); a two-column
 * probability matrix is also accepted and its `posLabel` column used. Multiclass scores must be
 * probabilities: values in [0, 1], rows summing to 1 within `|1 − Σ| ≤ 1e-8 + 1e-5·Σ` (NumPy's
 * `allclose`; scikit-learn checks the sums only). A class
 * with no positive or no negative sample has no AUC: binary and ovr problems then throw
 * `DataValidationError` (scikit-learn 1.2 raises; newer releases warn and return NaN, and this
 * library has no warnings). ovo skips classes absent from yTrue, like scikit-learn.
 * Cost: per class one native typed-array sort of the positives' and of the negatives' scores
 * and a linear merge — O(n log n) per class, no permutation, no comparator; ovo does the same on
 * each pair's samples.
 * @throws InvalidParameterError for an unknown option, a missing or unknown `multiClass`, a bad
 * `average`, `sampleWeight` with ovo, or (multiclass) unsorted `labels`.
 * @throws DataValidationError on empty input, length or column mismatches, NaN scores, probabilities
 * outside [0, 1] or rows not summing to 1 (multiclass, or a two-column binary yScore), a yTrue
 * label missing from `labels`, a single class, or (weighted) every positive or negative sample of
 * weight 0.
 * @example
 * ```ts
 * rocAucScore(['no', 'no', 'yes', 'yes'], [0.1, 0.4, 0.35, 0.8], { posLabel: 'yes' }); // 0.75
 * const proba = [[0.8, 0.1, 0.1], [0.3, 0.4, 0.3], [0.2, 0.2, 0.6], [0.1, 0.5, 0.4]];
 * rocAucScore([0, 1, 2, 2], proba, { multiClass: 'ovr', average: 'weighted' });
 * ```
 * @see scikit-learn `sklearn.metrics.roc_auc_score`; Hand & Till (2001), "A simple generalisation of
 * the area under the ROC curve for multiple class classification problems"; Provost & Domingos
 * (2000) for ovr.
 */
export function rocAucScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options: RocAucOptions & { multiClass: 'ovr'; average: null },
): Map<Label, number>;
export function rocAucScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options?: RocAucOptions & { average?: 'macro' | 'weighted' | 'micro' },
): number;
export function rocAucScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options?: RocAucOptions,
): number | Map<Label, number>;
export function rocAucScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options: RocAucOptions = {},
): number | Map<Label, number> {
  const who = 'rocAucScore';
  const o = checkOptions(who, options, OPTIONS);
  const multiClass =
    o.multiClass === undefined ? undefined : checkOneOf(who, 'multiClass', o.multiClass, ['ovr', 'ovo']);
  const average = checkAverage(who, o.average, AVERAGES, 'macro');
  const t = checkTrue(who, yTrue);
  const n = t.length;
  const w = checkWeights(who, o.sampleWeight, n);
  const present = uniqueSorted(t);
  const labels = resolveLabels(who, o.labels, t);
  const vector = isVector(yScore);
  let d: Dense | undefined;
  if (!vector) d = checkScoreMatrix(who, yScore as MatrixInput, n, undefined);
  const multiclass = present.length > 2 || labels.length > 2 || (d !== undefined && d.cols > 2);

  if (!multiclass) {
    if (present.length < 2) {
      throw new DataValidationError(
        `${who}: only one class (${describe(present[0])}) is present in yTrue; ROC AUC needs both a positive ` +
          'and a negative sample.',
        { param: 'yTrue' },
      );
    }
    const pos = o.posLabel ?? (labels[labels.length - 1] as Label);
    if (!present.includes(pos)) {
      throw new InvalidParameterError(
        'posLabel',
        `${who}: posLabel=${describe(pos)} is not one of the classes in yTrue ` +
          `[${present.map((l) => describe(l)).join(', ')}].`,
      );
    }
    let s: Float64Array;
    if (vector) s = checkScores(who, yScore as ReadonlyArray<number>, n);
    else {
      const m = d as Dense;
      if (m.cols === 1) s = m.data;
      else {
        const col = labels.indexOf(pos);
        if (labels.length !== 2 || col < 0) {
          throw new DataValidationError(
            `${who}: yScore has 2 columns but labels [${labels.map((l) => describe(l)).join(', ')}] do not name ` +
              '2 classes including posLabel.',
            { param: 'labels' },
          );
        }
        checkProbabilities(who, m.data, n, 2, 'yScore', 'ROC AUC of a two-column yScore');
        s = new Float64Array(n);
        for (let i = 0; i < n; i++) s[i] = m.data[i * 2 + col] as number;
      }
    }
    const positive = new Uint8Array(n);
    let wPos = 0;
    let wNeg = 0;
    for (let i = 0; i < n; i++) {
      positive[i] = t[i] === pos ? 1 : 0;
      const wi = w ? (w[i] as number) : 1;
      if (positive[i]) wPos += wi;
      else wNeg += wi;
    }
    if (wPos === 0 || wNeg === 0) {
      throw new DataValidationError(
        `${who}: every ${wPos === 0 ? 'positive' : 'negative'} sample of yTrue has sampleWeight 0, so only ` +
          'one class counts; ROC AUC needs both a positive and a negative sample of positive weight.',
        { param: 'sampleWeight' },
      );
    }
    return binaryAuc(positive, s, w);
  }

  if (multiClass === undefined) {
    throw new InvalidParameterError(
      'multiClass',
      `${who}: yTrue or yScore is multiclass (${labels.length} classes); choose multiClass 'ovr' or 'ovo'.`,
    );
  }
  if (d === undefined) {
    throw new DataValidationError(
      `${who}: yTrue is multiclass but yScore is 1-D; pass an n × k probability matrix whose columns ` +
        'follow labels.',
      { param: 'yScore' },
    );
  }
  const k = d.cols;
  if (labels.length !== k) {
    throw new DataValidationError(
      o.labels === undefined
        ? `${who}: yTrue has ${labels.length} classes but yScore has ${k} columns. ` +
            'Pass labels listing every class, in column order.'
        : `${who}: ${labels.length} labels were given but yScore has ${k} columns; columns follow labels.`,
      { param: 'yScore' },
    );
  }
  checkSortedLabels(who, labels);
  const ti = trueIndexIn(who, t, labels);
  checkProbabilities(who, d.data, n, k, 'yScore', 'multiclass ROC AUC');
  if (multiClass === 'ovo') {
    if (w)
      throw new InvalidParameterError(
        'sampleWeight',
        `${who}: sampleWeight is not supported with multiClass 'ovo' (as in scikit-learn); ` +
          "use 'ovr' or drop the weights.",
      );
    if (average !== 'macro' && average !== 'weighted') {
      throw new InvalidParameterError(
        'average',
        `${who}: multiClass 'ovo' supports average 'macro' or 'weighted', received ${describe(average)}.`,
      );
    }
    return ovo(who, ti, d, average);
  }
  return ovr(who, labels, ti, d, w, average);
}

function ovr(
  who: string,
  labels: Label[],
  ti: Int32Array,
  d: Dense,
  w: Float64Array | undefined,
  average: 'macro' | 'weighted' | 'micro' | null,
): number | Map<Label, number> {
  const n = ti.length;
  const k = d.cols;
  if (average === 'micro') {
    const { positive, weight } = flattenOneVsRest(ti, k, w);
    return binaryAuc(positive, d.data, weight);
  }
  const scores = new Float64Array(k);
  const support = new Float64Array(k);
  const col = new Float64Array(n);
  const positive = new Uint8Array(n);
  const scratch = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    let pos = 0;
    let neg = 0;
    for (let i = 0; i < n; i++) {
      col[i] = d.data[i * k + c] as number;
      const p = ti[i] === c ? 1 : 0;
      positive[i] = p;
      const wi = w ? (w[i] as number) : 1;
      if (p) pos += wi;
      else neg += wi;
    }
    support[c] = pos;
    if (pos === 0 || neg === 0) {
      throw new DataValidationError(
        `${who}: class ${describe(labels[c])} has ${pos === 0 ? 'no positive' : 'no negative'} sample in ` +
          'yTrue, so its one-vs-rest ROC AUC is undefined. Evaluate on data containing every class, ' +
          "or use multiClass 'ovo', which skips absent classes.",
        { param: 'yTrue' },
      );
    }
    scores[c] = binaryAuc(positive, col, w, scratch);
  }
  if (average === null) return new Map(labels.map((l, c) => [l, scores[c] as number]));
  if (average === 'macro') {
    let s = 0;
    for (let c = 0; c < k; c++) s += scores[c] as number;
    return s / k;
  }
  let s = 0;
  let ws = 0;
  for (let c = 0; c < k; c++) {
    s += (scores[c] as number) * (support[c] as number);
    ws += support[c] as number;
  }
  return s / ws;
}

function ovo(who: string, ti: Int32Array, d: Dense, average: 'macro' | 'weighted'): number {
  const n = ti.length;
  const k = d.cols;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[ti[i] as number]++;
  const present: number[] = [];
  for (let c = 0; c < k; c++) if ((counts[c] as number) > 0) present.push(c);
  if (present.length < 2) {
    throw new DataValidationError(
      `${who}: only one class is present in yTrue; one-vs-one ROC AUC needs at least two.`,
      { param: 'yTrue' },
    );
  }
  let sum = 0;
  let wsum = 0;
  let pairs = 0;
  const scratch = new Float64Array(n);
  for (let x = 0; x < present.length; x++) {
    for (let y = x + 1; y < present.length; y++) {
      const a = present[x] as number;
      const b = present[y] as number;
      const m = (counts[a] as number) + (counts[b] as number);
      const sa = new Float64Array(m);
      const sb = new Float64Array(m);
      const pa = new Uint8Array(m);
      const pb = new Uint8Array(m);
      for (let i = 0, j = 0; i < n; i++) {
        const c = ti[i] as number;
        if (c !== a && c !== b) continue;
        sa[j] = d.data[i * k + a] as number;
        sb[j] = d.data[i * k + b] as number;
        pa[j] = c === a ? 1 : 0;
        pb[j] = c === b ? 1 : 0;
        j++;
      }
      const score = (binaryAuc(pa, sa, undefined, scratch) + binaryAuc(pb, sb, undefined, scratch)) / 2;
      const prevalence = m / n;
      sum += average === 'weighted' ? score * prevalence : score;
      wsum += prevalence;
      pairs++;
    }
  }
  return average === 'weighted' ? sum / wsum : sum / pairs;
}
