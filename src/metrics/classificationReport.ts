import { InvalidParameterError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkInteger, checkOptions } from '../core/validate.js';
import { precisionRecallFscoreSupport } from './precisionRecallFscoreSupport.js';
import { pyFixed, pySupport, rjust } from './pythonFormat.js';
import { checkTargets, resolveLabels } from './targets.js';
import { checkZeroDivision, type ZeroDivision } from './zeroDivision.js';

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  /**
   * Classes to report, in order; may include classes absent from the data.
   * @defaultValue the sorted union of yTrue and yPred
   */
  labels?: ReadonlyArray<Label>;
  /** Display names for the rows, aligned with `labels`. @defaultValue the labels as strings */
  targetNames?: ReadonlyArray<string>;
  /** Decimal places in the text. @defaultValue 2 */
  digits?: number;
  /** Value of undefined ratios (see {@link precisionRecallFscoreSupport}). @defaultValue 0 */
  zeroDivision?: ZeroDivision;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

/** One line of a {@link ClassificationReport}. */
export interface ReportRow {
  /** Precision. */
  precision: number;
  /** Recall. */
  recall: number;
  /** F1 score. */
  f1Score: number;
  /** (Weighted) number of true samples; the total on average lines. */
  support: number;
}

/** A per-class line of a {@link ClassificationReport}. */
export interface ReportClassRow extends ReportRow {
  /** The class. */
  label: Label;
  /** Its display name. */
  name: string;
}

/** The result of {@link classificationReport}: plain arrays and numbers, ready for `JSON.stringify`. */
export interface ClassificationReport {
  /** One row per class, in `labels` order. */
  classes: ReportClassRow[];
  /** Accuracy (= micro-averaged F1), present when the report covers every label seen in the data. */
  accuracy?: number;
  /**
   * Micro average, present instead of `accuracy` when `labels` is a proper subset or superset of the
   * labels seen.
   */
  microAvg?: ReportRow;
  /** Unweighted mean over the classes. */
  macroAvg: ReportRow;
  /** Support-weighted mean over the classes. */
  weightedAvg: ReportRow;
  /** The table as text, laid out like scikit-learn's. */
  text: string;
}

const OPTIONS: ReadonlyArray<keyof ClassificationReportOptions> = [
  'labels',
  'targetNames',
  'digits',
  'zeroDivision',
  'sampleWeight',
];

/**
 * Per-class precision, recall, F1 and support, plus accuracy and the macro / weighted averages,
 * as an object and as text laid out exactly like scikit-learn's `classification_report`.
 *
 * @remarks
 * The object keeps full precision; only `text` is rounded (to `digits`, ties to even as Python
 * does). When `labels` does not match the labels present, the `accuracy` line becomes a
 * `micro avg` line, as in scikit-learn.
 * @throws InvalidParameterError for an unknown option, a bad `digits`, `labels`, `zeroDivision`, or
 * `targetNames` of the wrong length.
 * @throws DataValidationError on empty input, a length mismatch or mixed label types.
 * @example
 * ```ts
 * const r = classificationReport(['a', 'b', 'b', 'c'], ['a', 'b', 'c', 'c']);
 * console.log(r.text);
 * r.macroAvg.f1Score; // 0.777…
 * ```
 * @see scikit-learn `sklearn.metrics.classification_report`
 */
export function classificationReport(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const who = 'classificationReport';
  const o = checkOptions(who, options, OPTIONS);
  const digits = checkInteger(who, 'digits', o.digits, { min: 0, max: 20 }, 2);
  const zeroDivision = checkZeroDivision(who, o.zeroDivision);
  const weighted = o.sampleWeight !== undefined;
  const { yTrue: t, yPred: p } = checkTargets(who, yTrue, yPred);
  const present = resolveLabels(who, undefined, t, p);
  const labels = resolveLabels(who, o.labels, t, p);
  const presentSet = new Set(present);
  const microIsAccuracy =
    o.labels === undefined || (labels.length === presentSet.size && labels.every((l) => presentSet.has(l)));
  const names = o.targetNames ? Array.from(o.targetNames, String) : labels.map(String);
  if (names.length !== labels.length) {
    throw new InvalidParameterError(
      'targetNames',
      `${who}: targetNames has ${names.length} names but there are ${labels.length} labels; pass one name per label.`,
    );
  }
  const base = { labels, zeroDivision, ...(o.sampleWeight ? { sampleWeight: o.sampleWeight } : {}) };
  const per = precisionRecallFscoreSupport(t, p, { ...base, average: null });
  const total = per.support.reduce((a, b) => a + b, 0);
  const avg = (average: 'micro' | 'macro' | 'weighted'): ReportRow => {
    const r = precisionRecallFscoreSupport(t, p, { ...base, average });
    return { precision: r.precision, recall: r.recall, f1Score: r.fScore, support: total };
  };
  const classes: ReportClassRow[] = labels.map((label, i) => ({
    label,
    name: names[i] as string,
    precision: per.precision[i] as number,
    recall: per.recall[i] as number,
    f1Score: per.fScore[i] as number,
    support: per.support[i] as number,
  }));
  const micro = avg('micro');
  const macroAvg = avg('macro');
  const weightedAvg = avg('weighted');

  const width = Math.max(...names.map((s) => s.length), 'weighted avg'.length, digits);
  const f = (x: number): string => ` ${rjust(pyFixed(x, digits), 9)}`;
  let text =
    rjust('', width) +
    ' ' +
    ['precision', 'recall', 'f1-score', 'support'].map((h) => ` ${rjust(h, 9)}`).join('') +
    '\n\n';
  const line = (name: string, r: ReportRow): string =>
    rjust(name, width) +
    ' ' +
    f(r.precision) +
    f(r.recall) +
    f(r.f1Score) +
    ' ' +
    rjust(pySupport(r.support, weighted), 9) +
    '\n';
  for (const c of classes) text += line(c.name, c);
  text += '\n';
  if (microIsAccuracy)
    text +=
      rjust('accuracy', width) +
      ' ' +
      ' '.repeat(20) +
      f(micro.f1Score) +
      ' ' +
      rjust(pySupport(total, weighted), 9) +
      '\n';
  else text += line('micro avg', micro);
  text += line('macro avg', macroAvg);
  text += line('weighted avg', weightedAvg);

  return {
    classes,
    ...(microIsAccuracy ? { accuracy: micro.f1Score } : { microAvg: micro }),
    macroAvg,
    weightedAvg,
    text,
  };
}
