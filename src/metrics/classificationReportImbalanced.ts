import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkInteger, checkNumber, checkOptions } from '../core/validate.js';
import { precisionRecallFscoreSupport } from './precisionRecallFscoreSupport.js';
import { pyFixed, pySupport, rjust } from './pythonFormat.js';
import { sssCore } from './sensitivitySpecificitySupport.js';
import { checkTargets, resolveLabels } from './targets.js';
import { checkZeroDivision, type ZeroDivision } from './zeroDivision.js';

/** Options of {@link classificationReportImbalanced}. */
export interface ClassificationReportImbalancedOptions {
  /**
   * Classes to report, in order; may include classes absent from the data.
   * @defaultValue the sorted union of yTrue and yPred
   */
  labels?: ReadonlyArray<Label>;
  /** Display names for the rows, aligned with `labels`. @defaultValue the labels as strings */
  targetNames?: ReadonlyArray<string>;
  /** Decimal places in the text. @defaultValue 2 */
  digits?: number;
  /** α of the index balanced accuracy. @defaultValue 0.1 */
  alpha?: number;
  /** Value of undefined precision / recall / F1 (specificity's is always 0). @defaultValue 0 */
  zeroDivision?: ZeroDivision;
  /** Per-sample weights. @defaultValue undefined (every sample weighs 1) */
  sampleWeight?: ReadonlyArray<number>;
}

/** The scores of one line of a {@link ClassificationReportImbalanced}. */
export interface ImbalancedScores {
  /** Precision. */
  pre: number;
  /** Recall (sensitivity). */
  rec: number;
  /** Specificity. */
  spe: number;
  /** F1 score. */
  f1: number;
  /** Geometric mean `√(rec·spe)`. */
  geo: number;
  /** Index balanced accuracy `(1 + α·(rec − spe))·geo²`. */
  iba: number;
}

/** A per-class line of a {@link ClassificationReportImbalanced}. */
export interface ImbalancedClassRow extends ImbalancedScores {
  /** The class. */
  label: Label;
  /** Its display name. */
  name: string;
  /** (Weighted) number of true samples. */
  sup: number;
}

/**
 * The result of {@link classificationReportImbalanced}: plain arrays and numbers, ready for
 * `JSON.stringify`.
 */
export interface ClassificationReportImbalanced {
  /** One row per class, in `labels` order. */
  classes: ImbalancedClassRow[];
  /** Support-weighted averages of every column ("avg / total"). */
  avg: ImbalancedScores;
  /** Total support. */
  totalSupport: number;
  /** The table as text, laid out like imbalanced-learn's. */
  text: string;
}

const OPTIONS: ReadonlyArray<keyof ClassificationReportImbalancedOptions> = [
  'labels',
  'targetNames',
  'digits',
  'alpha',
  'zeroDivision',
  'sampleWeight',
];

/**
 * imbalanced-learn's report: per class precision, recall, specificity, F1, geometric mean,
 * index balanced accuracy and support, then their support-weighted averages.
 *
 * Per class (one-vs-rest): `geo = √(rec·spe)`, `iba = (1 + α·(rec − spe))·geo²`.
 *
 * @remarks
 * The last line is **support-weighted** (imbalanced-learn's "avg / total"), not a macro average,
 * so at least one listed class must occur in yTrue. Text is rounded to `digits` (ties to even).
 * @throws InvalidParameterError for an unknown option, a bad `digits`, `alpha`, `zeroDivision`,
 * `labels` or `targetNames`.
 * @throws DataValidationError on empty input, a length mismatch, mixed label types, sample weights
 * summing to 0, or no listed class occurring in yTrue.
 * @example
 * ```ts
 * const r = classificationReportImbalanced([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);
 * console.log(r.text);
 * r.avg.geo; // support-weighted geometric mean
 * ```
 * @see imbalanced-learn `imblearn.metrics.classification_report_imbalanced`; García et al. (2009),
 * "Index of balanced accuracy".
 */
export function classificationReportImbalanced(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  options: ClassificationReportImbalancedOptions = {},
): ClassificationReportImbalanced {
  const who = 'classificationReportImbalanced';
  const o = checkOptions(who, options, OPTIONS);
  const digits = checkInteger(who, 'digits', o.digits, { min: 0, max: 20 }, 2);
  const alpha = checkNumber(who, 'alpha', o.alpha, {}, 0.1);
  const zeroDivision = checkZeroDivision(who, o.zeroDivision);
  const weighted = o.sampleWeight !== undefined;
  const { yTrue: t, yPred: p } = checkTargets(who, yTrue, yPred);
  const labels = resolveLabels(who, o.labels, t, p);
  const names = o.targetNames ? Array.from(o.targetNames, String) : labels.map(String);
  if (names.length !== labels.length) {
    throw new InvalidParameterError(
      'targetNames',
      `${who}: targetNames has ${names.length} names but there are ${labels.length} labels; pass one name per label.`,
    );
  }
  const sw = o.sampleWeight ? { sampleWeight: o.sampleWeight } : {};
  const prf = precisionRecallFscoreSupport(t, p, { labels, average: null, zeroDivision, ...sw });
  const ss = sssCore(who, t, p, { labels, average: null, ...sw });
  const classes: ImbalancedClassRow[] = labels.map((label, i) => {
    const sen = ss.sensitivity[i] as number;
    const spe = ss.specificity[i] as number;
    const geo = Math.sqrt(sen * spe);
    return {
      label,
      name: names[i] as string,
      pre: prf.precision[i] as number,
      rec: prf.recall[i] as number,
      spe,
      f1: prf.fScore[i] as number,
      geo,
      iba: (1 + alpha * (sen - spe)) * geo * geo,
      sup: prf.support[i] as number,
    };
  });
  const totalSupport = prf.support.reduce((a, b) => a + b, 0);
  if (totalSupport === 0) {
    throw new DataValidationError(
      `${who}: none of labels [${labels.map((l) => describe(l)).join(', ')}] occurs in yTrue, so the ` +
        'support-weighted "avg / total" line is 0/0 (imbalanced-learn raises "Weights sum to zero"). ' +
        'Include a class of yTrue in labels.',
      { param: 'labels' },
    );
  }
  const keys = ['pre', 'rec', 'spe', 'f1', 'geo', 'iba'] as const;
  const avg = {} as ImbalancedScores;
  for (const key of keys) avg[key] = classes.reduce((a, c) => a + c[key] * c.sup, 0) / totalSupport;

  const heading = 'avg / total';
  const width = Math.max(...names.map((s) => s.length), heading.length, digits);
  const row = (cells: string[]): string =>
    rjust(cells[0] as string, width) +
    '  ' +
    cells
      .slice(1)
      .map((c) => rjust(c, 9))
      .join(' ') +
    '\n';
  let text = `${row(['', ...keys, 'sup'])}\n`;
  for (const c of classes)
    text += row([c.name, ...keys.map((key) => pyFixed(c[key], digits)), pySupport(c.sup, weighted)]);
  text += '\n';
  text += row([heading, ...keys.map((key) => pyFixed(avg[key], digits)), pySupport(totalSupport, weighted)]);
  return { classes, avg, totalSupport, text };
}
