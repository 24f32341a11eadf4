import type { Label } from '../core/matrix.js';
import { checkOptions } from '../core/validate.js';
import { type Average, averageLabels, checkAverage } from './average.js';
import { labelCounts } from './counts.js';
import { checkTargets, checkWeights, indexIn } from './targets.js';

/** Options of {@link sensitivitySpecificitySupport}. */
export interface SensitivitySpecificityOptions {
  /**
   * `'binary'` (posLabel only), `'micro'`, `'macro'`, `'weighted'` (by support) or `null` (per class).
   * @defaultValue null
   */
  average?: Average | null;
  /**
   * Classes to report, in order; may include classes absent from the data.
   * @defaultValue the sorted union of yTrue and yPred
   */
  labels?: ReadonlyArray<Label>;
  /** The positive class for `average: 'binary'`. @defaultValue 1 */
  posLabel?: Label;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

/** Per-class result of {@link sensitivitySpecificitySupport}; arrays are aligned with `labels`. */
export interface SensitivitySpecificityPerClass {
  /** The classes, in the order of every array below. */
  labels: Label[];
  /** Sensitivity (recall) `tp / (tp + fn)` per class. */
  sensitivity: number[];
  /** Specificity `tn / (tn + fp)` per class. */
  specificity: number[];
  /** (Weighted) number of true samples per class. */
  support: number[];
}

/** Averaged result of {@link sensitivitySpecificitySupport}. */
export interface SensitivitySpecificityAveraged {
  /** Averaged sensitivity. */
  sensitivity: number;
  /** Averaged specificity. */
  specificity: number;
}

const OPTIONS: ReadonlyArray<keyof SensitivitySpecificityOptions> = ['average', 'labels', 'posLabel', 'sampleWeight'];
const AVERAGES = ['binary', 'micro', 'macro', 'weighted', null] as const;

/** Sensitivity, specificity and support per label of already-checked options. @internal */
export function sssCore(
  who: string,
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: SensitivitySpecificityOptions,
): { labels: Label[]; sensitivity: number[]; specificity: number[]; support: number[]; average: Average | null } {
  const average = checkAverage(who, options.average, AVERAGES, null);
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const w = checkWeights(who, options.sampleWeight, n);
  const labels = averageLabels(who, average, options.posLabel, options.labels, t, p);
  if (average === 'binary' && !t.includes(labels[0] as Label) && !p.includes(labels[0] as Label)) {
    // imbalanced-learn 0.10: posLabel absent from a single-class input → (0, 0, 0), not the
    // specificity 1 that the counts would give.
    return { labels, sensitivity: [0], specificity: [0], support: [0], average };
  }
  const k = labels.length;
  const c = labelCounts(indexIn(t, labels), indexIn(p, labels), k, w);
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? (w[i] as number) : 1;
  let tp = Array.from(c.tp);
  let pred = Array.from(c.pred);
  let truth = Array.from(c.truth);
  // Weighted sums may round the difference to a tiny negative number: tn is a count, ≥ 0 (a
  // negative tn made the specificity negative and √(sensitivity · specificity) NaN).
  let tn = tp.map((v, i) => Math.max(0, total - ((pred[i] as number) + (truth[i] as number) - v)));
  if (average === 'micro') {
    const sum = (a: number[]): number[] => [a.reduce((x, y) => x + y, 0)];
    tp = sum(tp);
    pred = sum(pred);
    truth = sum(truth);
    tn = sum(tn);
  }
  const sensitivity = tp.map((v, i) => ((truth[i] as number) === 0 ? 0 : v / (truth[i] as number)));
  const specificity = tn.map((v, i) => {
    const d = v + (pred[i] as number) - (tp[i] as number);
    return d === 0 ? 0 : v / d;
  });
  return { labels, sensitivity, specificity, support: truth, average };
}

/** The averaged sensitivity and specificity of a {@link sssCore} result. @internal */
export function averageSss(r: ReturnType<typeof sssCore>): SensitivitySpecificityAveraged {
  const weights = r.average === 'weighted' ? r.support : undefined;
  const ws = weights ? weights.reduce((a, b) => a + b, 0) : r.sensitivity.length;
  if (weights && ws === 0) return { sensitivity: 0, specificity: 0 };
  const avg = (v: number[]): number => v.reduce((a, x, i) => a + x * (weights ? (weights[i] as number) : 1), 0) / ws;
  return { sensitivity: avg(r.sensitivity), specificity: avg(r.specificity) };
}

/**
 * Sensitivity (`tp / (tp + fn)`, the recall), specificity (`tn / (tn + fp)`) and support per
 * class (one-vs-rest), or averaged.
 *
 * @remarks
 * A ratio with a zero denominator is 0 (imbalanced-learn's behaviour). `tn` is the total minus
 * the samples predicted or labelled as the class; with sample weights the total is the sum of the
 * weights (imbalanced-learn 0.10 mixes in the unweighted sample count — we do not copy that).
 * `'weighted'` with zero total support gives 0 and 0, as imbalanced-learn. With `average:
 * 'binary'` on a single-class input that lacks `posLabel`, sensitivity and specificity are both 0
 * (imbalanced-learn 0.10's rule; the counts alone would give specificity 1).
 * @throws InvalidParameterError for an unknown option, a bad `average`, `labels` or `posLabel`.
 * @throws DataValidationError on empty input, a length mismatch, or multiclass data with
 * `average: 'binary'`.
 * @example
 * ```ts
 * const r = sensitivitySpecificitySupport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);
 * r.sensitivity; // [1, 0, 0]
 * r.specificity; // [0.75, 0.5, 0.75]
 * ```
 * @see imbalanced-learn `imblearn.metrics.sensitivity_specificity_support`
 */
export function sensitivitySpecificitySupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: SensitivitySpecificityOptions & { average?: null },
): SensitivitySpecificityPerClass;
export function sensitivitySpecificitySupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: SensitivitySpecificityOptions & { average: Average },
): SensitivitySpecificityAveraged;
export function sensitivitySpecificitySupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options?: SensitivitySpecificityOptions,
): SensitivitySpecificityPerClass | SensitivitySpecificityAveraged;
export function sensitivitySpecificitySupport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: SensitivitySpecificityOptions = {},
): SensitivitySpecificityPerClass | SensitivitySpecificityAveraged {
  const who = 'sensitivitySpecificitySupport';
  const r = sssCore(who, yTrue, yPred, checkOptions(who, options, OPTIONS));
  if (r.average === null)
    return { labels: r.labels, sensitivity: r.sensitivity, specificity: r.specificity, support: r.support };
  return averageSss(r);
}
