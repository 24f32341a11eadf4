import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { uniqueSorted } from '../core/labels.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { checkOptions } from '../core/validate.js';
import { checkAverage } from './average.js';
import { checkScoreMatrix, checkScores, isVector } from './scores.js';
import { checkTrue, checkWeights, indexIn, resolveLabels } from './targets.js';
import { apFromCurve, binaryClfCurve, flattenOneVsRest } from './thresholdSweep.js';

/** Options of {@link averagePrecisionScore}. */
export interface AveragePrecisionOptions {
  /**
   * Multiclass averaging over the one-vs-rest columns: `'macro'`, `'weighted'` (by support),
   * `'micro'` (pooled) or `null` (a Map per class). Ignored for a 1-D score.
   * @defaultValue 'macro'
   */
  average?: 'macro' | 'weighted' | 'micro' | null;
  /** Binary (1-D score) only: the positive class. @defaultValue 1 */
  posLabel?: Label;
  /**
   * Multiclass only: the classes, in the order of the score columns.
   * @defaultValue the sorted distinct labels of yTrue
   */
  labels?: ReadonlyArray<Label>;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

const OPTIONS: ReadonlyArray<keyof AveragePrecisionOptions> = ['average', 'posLabel', 'labels', 'sampleWeight'];
const AVERAGES = ['macro', 'weighted', 'micro', null] as const;

/**
 * Average precision, the step-wise area under the precision–recall curve:
 * `AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ` over the distinct thresholds in decreasing order (no interpolation).
 *
 * @remarks
 * A 1-D `yScore` is a binary problem (scores of `posLabel`). An `n × k` matrix is scored one
 * column per class against the rest and averaged; a class listed in `labels` but absent from
 * yTrue scores 0 (scikit-learn's value for a column with no positives), which lowers the macro
 * mean. This is not the trapezoidal area, which is optimistic.
 * @throws InvalidParameterError for an unknown option, a bad `average` or an invalid `posLabel`.
 * @throws DataValidationError on empty input, length or column mismatches, NaN scores, or a yTrue
 * label missing from `labels`.
 * @example
 * ```ts
 * averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333…
 * ```
 * @see scikit-learn `sklearn.metrics.average_precision_score`
 */
export function averagePrecisionScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options: AveragePrecisionOptions & { average: null },
): Map<Label, number>;
export function averagePrecisionScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options?: AveragePrecisionOptions & { average?: 'macro' | 'weighted' | 'micro' },
): number;
export function averagePrecisionScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options?: AveragePrecisionOptions,
): number | Map<Label, number>;
export function averagePrecisionScore(
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | MatrixInput,
  options: AveragePrecisionOptions = {},
): number | Map<Label, number> {
  const who = 'averagePrecisionScore';
  const o = checkOptions(who, options, OPTIONS);
  const average = checkAverage(who, o.average, AVERAGES, 'macro');
  const t = checkTrue(who, yTrue);
  const n = t.length;
  const w = checkWeights(who, o.sampleWeight, n);
  if (isVector(yScore)) {
    const s = checkScores(who, yScore, n);
    const present = uniqueSorted(t);
    if (present.length > 2) {
      throw new DataValidationError(
        `${who}: yTrue has ${present.length} classes but yScore is 1-D; pass an n × k score matrix whose ` +
          'columns follow labels.',
        { param: 'yScore' },
      );
    }
    const pos = o.posLabel ?? 1;
    if (present.length === 2 && !present.includes(pos)) {
      throw new InvalidParameterError(
        'posLabel',
        `${who}: posLabel=${describe(pos)} is not a valid label; ` +
          `it should be one of [${present.map((l) => describe(l)).join(', ')}].`,
      );
    }
    const positive = new Uint8Array(n);
    for (let i = 0; i < n; i++) positive[i] = t[i] === pos ? 1 : 0;
    return apFromCurve(binaryClfCurve(positive, s, w));
  }
  const labels = resolveLabels(who, o.labels, t);
  const d = checkScoreMatrix(who, yScore as MatrixInput, n, labels.length);
  const k = d.cols;
  const ti = indexIn(t, labels);
  const bad = ti.indexOf(-1);
  if (bad >= 0)
    throw new DataValidationError(`${who}: yTrue[${bad}] = ${describe(t[bad])} is not in labels; add it to labels.`, {
      param: 'yTrue',
      row: bad,
    });
  if (average === 'micro') {
    const { positive, weight } = flattenOneVsRest(ti, k, w);
    return apFromCurve(binaryClfCurve(positive, d.data, weight));
  }
  const scores = new Float64Array(k);
  const support = new Float64Array(k);
  const col = new Float64Array(n);
  const positive = new Uint8Array(n);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) {
      col[i] = d.data[i * k + c] as number;
      positive[i] = ti[i] === c ? 1 : 0;
      if (positive[i]) support[c] += w ? (w[i] as number) : 1;
    }
    scores[c] = apFromCurve(binaryClfCurve(positive, col, w));
  }
  if (average === null) return new Map(labels.map((l, c) => [l, scores[c] as number]));
  let s = 0;
  let ws = 0;
  for (let c = 0; c < k; c++) {
    const wc = average === 'weighted' ? (support[c] as number) : 1;
    s += (scores[c] as number) * wc;
    ws += wc;
  }
  return ws === 0 ? 0 : s / ws;
}
