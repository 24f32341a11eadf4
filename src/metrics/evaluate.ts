/**
 * `evaluate`: every metric of a set of predictions in one call, as plain JSON.
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { checkInteger, checkNumber, checkOptions } from '../core/validate.js';
import { accuracyScore } from './accuracyScore.js';
import { averagePrecisionScore } from './averagePrecisionScore.js';
import { balancedAccuracyScore } from './balancedAccuracyScore.js';
import { classificationReport } from './classificationReport.js';
import { classificationReportImbalanced } from './classificationReportImbalanced.js';
import { cohenKappaScore } from './cohenKappaScore.js';
import { confusionMatrix } from './confusionMatrix.js';
import { geometricMeanScore } from './geometricMeanScore.js';
import { logLoss } from './logLoss.js';
import { matthewsCorrcoef } from './matthewsCorrcoef.js';
import { precisionRecallFscoreSupport } from './precisionRecallFscoreSupport.js';
import { rocAucScore } from './rocAucScore.js';
import { checkProbabilities, checkScoreMatrix, checkScores, isVector } from './scores.js';
import { checkSortedLabels, checkTargets, indexIn, resolveLabels, trueIndexIn } from './targets.js';
import { checkZeroDivision, type ZeroDivision } from './zeroDivision.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /**
   * Every class the model knows, in the order of the score columns (pass the fitted classifier's
   * `classes`, so folds lacking a class still line up). Every class of yTrue must be listed, and
   * with `yScore` the list must be sorted (as `classes` are). A listed class absent from both yTrue and
   * yPred gets precision / recall / F1 = `zeroDivision` and counts in the macro averages, as in
   * scikit-learn; pass `zeroDivision: 'nan'` to leave such classes out.
   * @defaultValue the sorted union of yTrue and yPred
   */
  labels?: ReadonlyArray<Label>;
  /** Value of undefined precision / recall / F1. @defaultValue 0 */
  zeroDivision?: ZeroDivision;
  /** α of the index balanced accuracy. @defaultValue 0.1 */
  alpha?: number;
  /** Decimal places of the two text reports. @defaultValue 2 */
  digits?: number;
}

const OPTIONS: ReadonlyArray<keyof EvaluateOptions> = ['labels', 'zeroDivision', 'alpha', 'digits'];

/** One class of an {@link Evaluation}. */
export interface EvaluationClass {
  /** The class. */
  label: Label;
  /** Precision. */
  precision: number;
  /** Recall (sensitivity). */
  recall: number;
  /** F1 score. */
  f1Score: number;
  /** Specificity (one-vs-rest). */
  specificity: number;
  /** `√(recall·specificity)` (one-vs-rest). */
  geometricMean: number;
  /** Index balanced accuracy (α = `alpha`). */
  iba: number;
  /** Number of true samples. */
  support: number;
  /** Number of samples predicted as this class. */
  predicted: number;
  /** One-vs-rest ROC AUC, `null` without scores or when the class is absent from yTrue (or is the only one). */
  rocAuc: number | null;
  /** One-vs-rest average precision, `null` without scores or when the class is absent from yTrue. */
  averagePrecision: number | null;
}

/**
 * Everything {@link evaluate} measured. Only plain numbers, strings, `null` and arrays —
 * `JSON.stringify(evaluation)` is the JSON form (NaN, e.g. from `zeroDivision: 'nan'`, becomes
 * `null` there, as JSON has no NaN).
 */
export interface Evaluation {
  /** Number of samples. */
  nSamples: number;
  /** The classes, in the order of `perClass`, `confusionMatrix` rows / columns and the score columns. */
  labels: Label[];
  /** {@link accuracyScore}. */
  accuracy: number;
  /** {@link balancedAccuracyScore}. */
  balancedAccuracy: number;
  /**
   * {@link balancedAccuracyScore} with `adjusted: true`; `null` (with a note) when yTrue holds a
   * single class, where it is undefined.
   */
  balancedAccuracyAdjusted: number | null;
  /** Macro-averaged precision over `labels`. */
  macroPrecision: number;
  /** Macro-averaged recall over `labels`. */
  macroRecall: number;
  /** Macro-averaged F1 over `labels`. */
  macroF1: number;
  /** Support-weighted F1 over `labels`. */
  weightedF1: number;
  /** Micro-averaged F1 over `labels` (= accuracy when labels cover the data). */
  microF1: number;
  /** {@link matthewsCorrcoef}. */
  mcc: number;
  /**
   * {@link cohenKappaScore} (unweighted); `null` (with a note) when it is undefined — yTrue and
   * yPred hold one and the same single class.
   */
  kappa: number | null;
  /**
   * {@link geometricMeanScore} (`'multiclass'`) over the classes seen in yTrue or yPred
   * (imbalanced-learn's default label set), so a class of `labels` absent from the fold does not
   * force 0.
   */
  geometricMean: number;
  /** Per-class scores, in `labels` order. */
  perClass: EvaluationClass[];
  /** Confusion counts, rows = true class, columns = predicted, both in `labels` order. */
  confusionMatrix: number[][];
  /** Binary problems with scores: ROC AUC of `labels[1]`. `null` otherwise or when undefined. */
  rocAuc: number | null;
  /**
   * One-vs-rest ROC AUC, macro. For two classes equal to `rocAuc`. `null` without scores or when a
   * class of `labels` is absent from yTrue.
   */
  rocAucOvrMacro: number | null;
  /** One-vs-rest ROC AUC weighted by prevalence. */
  rocAucOvrWeighted: number | null;
  /** One-vs-one ROC AUC (Hand & Till), macro, over the classes present in yTrue. */
  rocAucOvoMacro: number | null;
  /** One-vs-one ROC AUC weighted by pair prevalence. */
  rocAucOvoWeighted: number | null;
  /** Mean average precision over the classes present in yTrue (binary: AP of `labels[1]`). */
  averagePrecisionMacro: number | null;
  /** Average precision weighted by support. */
  averagePrecisionWeighted: number | null;
  /** {@link logLoss} over `labels`, `null` without scores. */
  logLoss: number | null;
  /** Why a metric is `null`, when one is. */
  notes: string[];
  /** scikit-learn-style text report. */
  report: string;
  /** imbalanced-learn-style text report. */
  reportImbalanced: string;
}

/**
 * One call for every metric that applies to a set of predictions — what an evaluation script
 * prints and saves: every classification metric for `yPred`, and every ranking metric and the log
 * loss when `yScore` (probabilities, columns following `labels`) is given. `Metrics.evaluate` is
 * the same function.
 *
 * @remarks
 * Per-class and matrix results are arrays aligned with `labels`, so the result is plain JSON.
 * No field is NaN unless `zeroDivision: 'nan'` asks for it: a metric that is undefined on this
 * data (kappa or adjusted balanced accuracy on a single class, ROC AUC without both classes) is
 * `null`, and `notes` says why.
 * A one-vs-rest ROC AUC needs every class of `labels` in yTrue; when one is missing the ovr
 * fields are `null` with a note (ovo skips absent classes and is still reported). For two
 * classes `yScore` may be the 1-D probability of `labels[1]`; the ovr / ovo fields then equal
 * the binary AUC.
 * @param yTrue - True labels.
 * @param yPred - Predicted labels.
 * @param yScore - Optional class probabilities (`n × k`, columns follow `labels`), or a 1-D
 *   P(`labels[1]`) for two classes.
 * @param options - Labels, zero-division value, IBA α, report digits.
 * @returns An {@link Evaluation}.
 * @throws InvalidParameterError for an unknown option or a bad `labels` (unsorted with `yScore`),
 * `zeroDivision`, `alpha` or `digits`.
 * @throws DataValidationError on empty input, length mismatches, a yTrue class missing from
 * `labels`, NaN scores, probabilities outside [0, 1] or rows not summing to 1, or a score column
 * count that differs from the number of labels.
 * @example
 * ```ts
 * const ev = evaluate([0, 1, 1, 0], [0, 1, 0, 0], [0.2, 0.9, 0.4, 0.1]);
 * ev.rocAuc; // 1
 * console.log(ev.report);
 * writeFileSync('metrics.json', JSON.stringify(ev, null, 2));
 * ```
 * @see scikit-learn `sklearn.metrics`; imbalanced-learn `imblearn.metrics`.
 */
export function evaluate(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  yScore?: MatrixInput | ReadonlyArray<number>,
  options: EvaluateOptions = {},
): Evaluation {
  const who = 'evaluate';
  const o = checkOptions(who, options, OPTIONS);
  const z = checkZeroDivision(who, o.zeroDivision);
  const alpha = checkNumber(who, 'alpha', o.alpha, {}, 0.1);
  const digits = checkInteger(who, 'digits', o.digits, { min: 0, max: 20 }, 2);
  const { yTrue: t, yPred: p, n } = checkTargets(who, yTrue, yPred);
  const labels = resolveLabels(who, o.labels, t, p);
  trueIndexIn(who, t, labels);
  const k = labels.length;
  const prf = precisionRecallFscoreSupport(t, p, { labels, average: null, zeroDivision: z });
  const imb = classificationReportImbalanced(t, p, { labels, alpha, digits, zeroDivision: z });
  const rep = classificationReport(t, p, { labels, digits, zeroDivision: z });
  const cm = confusionMatrix(t, p, { labels });
  const predicted = new Array<number>(k).fill(0);
  for (const v of indexIn(p, labels)) if (v >= 0) (predicted[v] as number)++;
  const notes: string[] = [];
  const single = new Set(t).size === 1;
  if (single)
    notes.push(`Only one class (${describe(t[0])}) occurs in yTrue: adjusted balanced accuracy is undefined.`);
  const kappa = cohenKappaScore(t, p, { labels, replaceUndefinedBy: 'nan' });
  if (Number.isNaN(kappa))
    notes.push("yTrue and yPred hold one and the same single class: Cohen's kappa is undefined.");
  const { scored, perAuc, perAp } = scoreMetrics(who, t, labels, yScore, notes);
  const macro = precisionRecallFscoreSupport(t, p, { labels, average: 'macro', zeroDivision: z });
  return {
    nSamples: n,
    labels,
    accuracy: accuracyScore(t, p),
    balancedAccuracy: balancedAccuracyScore(t, p),
    balancedAccuracyAdjusted: single ? null : balancedAccuracyScore(t, p, { adjusted: true }),
    macroPrecision: macro.precision,
    macroRecall: macro.recall,
    macroF1: macro.fScore,
    weightedF1: precisionRecallFscoreSupport(t, p, { labels, average: 'weighted', zeroDivision: z }).fScore,
    microF1: precisionRecallFscoreSupport(t, p, { labels, average: 'micro', zeroDivision: z }).fScore,
    mcc: matthewsCorrcoef(t, p),
    kappa: Number.isNaN(kappa) ? null : kappa,
    geometricMean: geometricMeanScore(t, p),
    perClass: labels.map((label, i) => {
      const r = imb.classes[i]!;
      return {
        label,
        precision: prf.precision[i] as number,
        recall: prf.recall[i] as number,
        f1Score: prf.fScore[i] as number,
        specificity: r.spe,
        geometricMean: r.geo,
        iba: r.iba,
        support: prf.support[i] as number,
        predicted: predicted[i] as number,
        rocAuc: perAuc[i] ?? null,
        averagePrecision: perAp[i] ?? null,
      };
    }),
    confusionMatrix: cm.to2DArray(),
    ...scored,
    notes,
    report: rep.text,
    reportImbalanced: imb.text,
  };
}

/** The score-based fields of an {@link Evaluation}. */
type ScoredFields = Pick<
  Evaluation,
  | 'rocAuc'
  | 'rocAucOvrMacro'
  | 'rocAucOvrWeighted'
  | 'rocAucOvoMacro'
  | 'rocAucOvoWeighted'
  | 'averagePrecisionMacro'
  | 'averagePrecisionWeighted'
  | 'logLoss'
>;

/**
 * The ranking metrics and the log loss of `yScore` (all `null` without it) and the per-class AUC
 * and average precision; pushes to `notes` why one is `null`. `yScore` must hold probabilities
 * whose columns follow the (sorted) `labels`.
 */
function scoreMetrics(
  who: string,
  t: Label[],
  labels: Label[],
  yScore: MatrixInput | ReadonlyArray<number> | undefined,
  notes: string[],
): { scored: ScoredFields; perAuc: Array<number | null>; perAp: Array<number | null> } {
  const n = t.length;
  const k = labels.length;
  const perAuc: Array<number | null> = new Array<number | null>(k).fill(null);
  const perAp: Array<number | null> = new Array<number | null>(k).fill(null);
  const scored: ScoredFields = {
    rocAuc: null,
    rocAucOvrMacro: null,
    rocAucOvrWeighted: null,
    rocAucOvoMacro: null,
    rocAucOvoWeighted: null,
    averagePrecisionMacro: null,
    averagePrecisionWeighted: null,
    logLoss: null,
  };
  if (yScore !== undefined) {
    checkSortedLabels(who, labels);
    // Build an n × k probability matrix whose columns follow labels.
    let rows: Float64Array[];
    if (isVector(yScore)) {
      if (k !== 2)
        throw new DataValidationError(
          `${who}: a 1-D yScore holds P(labels[1]) and needs exactly 2 labels, but there are ${k}. ` +
            `Pass an n × ${k} matrix.`,
          { param: 'yScore' },
        );
      const s = checkScores(who, yScore, n);
      checkProbabilities(who, s, n, 1, 'yScore', 'evaluate');
      rows = Array.from(s, (v) => Float64Array.of(1 - v, v));
    } else {
      const d = checkScoreMatrix(who, yScore as MatrixInput, n, k);
      checkProbabilities(who, d.data, n, k, 'yScore', 'evaluate');
      rows = Array.from({ length: n }, (_, i) => d.data.subarray(i * k, (i + 1) * k));
    }
    const ti = indexIn(t, labels);
    const counts = new Array<number>(k).fill(0);
    for (const v of ti) (counts[v] as number)++;
    const presentIdx = counts.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
    const absent = labels.filter((_, i) => counts[i] === 0);
    scored.logLoss = logLoss(t, rows, { labels });
    if (presentIdx.length >= 2) {
      for (const c of presentIdx) {
        const positive = t.map((v) => (v === labels[c] ? 1 : 0));
        const col = rows.map((r) => r[c] as number);
        perAuc[c] = rocAucScore(positive, col);
        perAp[c] = averagePrecisionScore(positive, col);
      }
    } else
      notes.push(
        `Only one class (${describe(labels[presentIdx[0] as number])}) occurs in yTrue: ` +
          'ROC AUC and average precision are undefined.',
      );
    if (k === 2) {
      scored.rocAuc = perAuc[1] ?? null;
      scored.rocAucOvrMacro =
        scored.rocAucOvrWeighted =
        scored.rocAucOvoMacro =
        scored.rocAucOvoWeighted =
          scored.rocAuc;
      scored.averagePrecisionMacro = scored.averagePrecisionWeighted = perAp[1] ?? null;
    } else if (presentIdx.length >= 2) {
      if (absent.length === 0) {
        scored.rocAucOvrMacro = rocAucScore(t, rows, { multiClass: 'ovr', average: 'macro', labels });
        scored.rocAucOvrWeighted = rocAucScore(t, rows, { multiClass: 'ovr', average: 'weighted', labels });
      } else {
        notes.push(
          `Class${absent.length > 1 ? 'es' : ''} ${absent.map((l) => describe(l)).join(', ')} ` +
            `never occur${absent.length > 1 ? '' : 's'} in yTrue: one-vs-rest ROC AUC is undefined (null); ` +
            'one-vs-one and average precision use the classes present.',
        );
      }
      scored.rocAucOvoMacro = rocAucScore(t, rows, { multiClass: 'ovo', average: 'macro', labels });
      scored.rocAucOvoWeighted = rocAucScore(t, rows, { multiClass: 'ovo', average: 'weighted', labels });
      let s = 0;
      let sw = 0;
      for (const c of presentIdx) {
        s += perAp[c] as number;
        sw += (perAp[c] as number) * (counts[c] as number);
      }
      scored.averagePrecisionMacro = s / presentIdx.length;
      scored.averagePrecisionWeighted = sw / n;
    }
  }
  return { scored, perAuc, perAp };
}

/**
 * The documented grouping of {@link evaluate}: `Metrics.evaluate` is the same function.
 *
 * @example
 * ```ts
 * const ev = Metrics.evaluate(['a', 'b', 'c', 'a'], ['a', 'b', 'b', 'a']);
 * console.log(ev.report);
 * ```
 */
export const Metrics: {
  /** {@link evaluate}, the same function. */
  readonly evaluate: typeof evaluate;
} = Object.freeze({ evaluate });
