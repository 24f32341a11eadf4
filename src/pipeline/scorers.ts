import { Matrix } from 'ml-matrix';
import { DataValidationError, describe } from '../core/errors.js';
import { uniqueSorted } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { accuracyScore } from '../metrics/accuracyScore.js';
import { averagePrecisionScore } from '../metrics/averagePrecisionScore.js';
import { balancedAccuracyScore } from '../metrics/balancedAccuracyScore.js';
import { cohenKappaScore } from '../metrics/cohenKappaScore.js';
import { geometricMeanScore } from '../metrics/geometricMeanScore.js';
import { logLoss } from '../metrics/logLoss.js';
import { matthewsCorrcoef } from '../metrics/matthewsCorrcoef.js';
import { f1Score, precisionScore, recallScore } from '../metrics/precisionRecallFscoreSupport.js';
import { rocAucScore } from '../metrics/rocAucScore.js';
import type { RowsInput } from '../core/table.js';

/**
 * Names of the built-in scorers of {@link crossValidate} (scikit-learn's scoring names in
 * camelCase).
 *
 * @remarks
 * | name | computes |
 * | --- | --- |
 * | `accuracy` | `accuracyScore(yTrue, yPred)` |
 * | `balancedAccuracy` | `balancedAccuracyScore(yTrue, yPred)` |
 * | `f1` / `precision` / `recall` | binary, positive class = `labels[1]` |
 * | `f1Macro`, `f1Weighted`, `f1Micro` | `f1Score(…, { average, labels })` |
 * | `precisionMacro`, `recallMacro`, `precisionWeighted`, `recallWeighted` | same averages |
 * | `matthewsCorrcoef`, `cohenKappa` | on predictions |
 * | `geometricMean` | `geometricMeanScore(yTrue, yPred, { labels })` |
 * | `rocAuc` | binary ROC-AUC of P(`labels[1]`) |
 * | `rocAucOvr`, `rocAucOvrWeighted`, `rocAucOvo`, `rocAucOvoWeighted` | `rocAucScore`, that `multiClass` ¹ |
 * | `averagePrecision` | binary, P(`labels[1]`) |
 * | `logLoss` | `logLoss(yTrue, proba, { labels })` — a loss: **lower is better** ² |
 *
 * ¹ `rocAucScore(yTrue, proba, { multiClass, average, labels })`; with two classes, the binary AUC
 * (as scikit-learn's scorers). ² scikit-learn's `neg_log_loss` is its negative.
 *
 * `labels` are the classes of the whole `y`, so a fold whose test rows miss a class still scores,
 * and probability columns are aligned to them.
 */
export type ScorerName =
  | 'accuracy'
  | 'balancedAccuracy'
  | 'f1'
  | 'precision'
  | 'recall'
  | 'f1Macro'
  | 'f1Weighted'
  | 'f1Micro'
  | 'precisionMacro'
  | 'precisionWeighted'
  | 'recallMacro'
  | 'recallWeighted'
  | 'matthewsCorrcoef'
  | 'cohenKappa'
  | 'geometricMean'
  | 'rocAuc'
  | 'rocAucOvr'
  | 'rocAucOvrWeighted'
  | 'rocAucOvo'
  | 'rocAucOvoWeighted'
  | 'averagePrecision'
  | 'logLoss';

/** What a scorer sees for one fold: the fitted estimator, the test rows, and cached predictions. */
export interface ScoringContext {
  /** The estimator fitted on the fold's training rows. */
  readonly estimator: unknown;
  /** The fold's test rows. */
  readonly X: RowsInput;
  /** The fold's true test labels. */
  readonly yTrue: Label[];
  /** The classes of the whole `y` (sorted, or as given to crossValidate). */
  readonly labels: Label[];
  /** Predicted labels of the test rows (computed once per fold, on first use). */
  yPred(): Label[];
  /**
   * Predicted probabilities of the test rows, one column per entry of `labels` (a class the
   * fold's estimator never saw gets a column of zeros). Computed once per fold, on first use.
   */
  proba(): Matrix;
}

/** A custom scorer: returns one number for a fold. */
export type ScorerFn = (ctx: ScoringContext) => number;

function twoClasses(ctx: ScoringContext, scorer: string, instead: string): void {
  if (ctx.labels.length !== 2) {
    throw new DataValidationError(
      `crossValidate: scorer '${scorer}' is for two classes, but y has ${ctx.labels.length}. Use '${instead}'.`,
      { param: 'y' },
    );
  }
}

/** P(`labels[1]`) of each test row, for the binary scorers. */
function positiveColumn(ctx: ScoringContext, scorer: string, instead: string): number[] {
  twoClasses(ctx, scorer, instead);
  return ctx.proba().getColumn(1);
}

function binaryPred(scorer: 'f1' | 'precision' | 'recall', fn: typeof f1Score): ScorerFn {
  return (ctx) => {
    twoClasses(ctx, scorer, `${scorer}Macro`);
    return fn(ctx.yTrue, ctx.yPred(), { average: 'binary', posLabel: ctx.labels[1] as Label });
  };
}

function averaged(fn: typeof f1Score, average: 'macro' | 'weighted' | 'micro'): ScorerFn {
  return (ctx) => fn(ctx.yTrue, ctx.yPred(), { average, labels: ctx.labels });
}

/**
 * The fold's probabilities with columns in sorted label order, for the metrics whose columns must
 * follow sorted labels (multiclass ROC AUC, log loss) — `labels` given to crossValidate may be in
 * any order, and the columns are ours to arrange.
 */
function sortedColumns(ctx: ScoringContext): { labels: Label[]; proba: Matrix } {
  const labels = uniqueSorted(ctx.labels);
  return { labels, proba: alignProba(ctx.proba(), ctx.labels, labels) };
}

function rocAuc(multiClass: 'ovr' | 'ovo', average: 'macro' | 'weighted'): ScorerFn {
  return (ctx) => {
    // With two classes scikit-learn's roc_auc_ovr/ovo scorers score P(labels[1]): the binary AUC.
    if (ctx.labels.length === 2)
      return rocAucScore(ctx.yTrue, positiveColumn(ctx, 'rocAuc', 'rocAuc'), {
        posLabel: ctx.labels[1] as Label,
        labels: ctx.labels,
      });
    const { labels, proba } = sortedColumns(ctx);
    return rocAucScore(ctx.yTrue, proba, { multiClass, average, labels });
  };
}

/** The built-in scorers. @internal */
export const SCORERS: Readonly<Record<ScorerName, ScorerFn>> = Object.freeze({
  accuracy: (ctx) => accuracyScore(ctx.yTrue, ctx.yPred()),
  balancedAccuracy: (ctx) => balancedAccuracyScore(ctx.yTrue, ctx.yPred()),
  f1: binaryPred('f1', f1Score),
  precision: binaryPred('precision', precisionScore),
  recall: binaryPred('recall', recallScore),
  f1Macro: averaged(f1Score, 'macro'),
  f1Weighted: averaged(f1Score, 'weighted'),
  f1Micro: averaged(f1Score, 'micro'),
  precisionMacro: averaged(precisionScore, 'macro'),
  precisionWeighted: averaged(precisionScore, 'weighted'),
  recallMacro: averaged(recallScore, 'macro'),
  recallWeighted: averaged(recallScore, 'weighted'),
  matthewsCorrcoef: (ctx) => matthewsCorrcoef(ctx.yTrue, ctx.yPred()),
  cohenKappa: (ctx) => cohenKappaScore(ctx.yTrue, ctx.yPred(), { labels: ctx.labels }),
  geometricMean: (ctx) => geometricMeanScore(ctx.yTrue, ctx.yPred(), { labels: ctx.labels }),
  rocAuc: (ctx) =>
    rocAucScore(ctx.yTrue, positiveColumn(ctx, 'rocAuc', 'rocAucOvr'), {
      posLabel: ctx.labels[1] as Label,
      labels: ctx.labels,
    }),
  rocAucOvr: rocAuc('ovr', 'macro'),
  rocAucOvrWeighted: rocAuc('ovr', 'weighted'),
  rocAucOvo: rocAuc('ovo', 'macro'),
  rocAucOvoWeighted: rocAuc('ovo', 'weighted'),
  averagePrecision: (ctx) =>
    averagePrecisionScore(ctx.yTrue, positiveColumn(ctx, 'averagePrecision', 'f1Macro'), {
      posLabel: ctx.labels[1] as Label,
      labels: ctx.labels,
    }),
  logLoss: (ctx) => {
    const { labels, proba } = sortedColumns(ctx);
    return logLoss(ctx.yTrue, proba, { labels });
  },
});

/**
 * Aligns probability columns (in `classes` order) to `labels`; classes missing from `classes`
 * get zero columns. @internal
 */
export function alignProba(
  proba: Matrix,
  classes: ReadonlyArray<Label> | undefined,
  labels: ReadonlyArray<Label>,
): Matrix {
  if (classes === undefined) {
    if (proba.columns !== labels.length) {
      throw new DataValidationError(
        `crossValidate: predictProba returned ${proba.columns} columns for ${labels.length} labels, ` +
          'and the estimator has no classes to align them.',
      );
    }
    return proba;
  }
  if (classes.length === labels.length && classes.every((c, i) => c === labels[i])) return proba;
  const where = new Map<Label, number>();
  labels.forEach((l, i) => where.set(l, i));
  const out = Matrix.zeros(proba.rows, labels.length);
  classes.forEach((c, j) => {
    const dest = where.get(c);
    if (dest === undefined) {
      throw new DataValidationError(
        `crossValidate: the estimator predicts class ${describe(c)}, which is not among labels. Add it to labels.`,
        { param: 'labels' },
      );
    }
    for (let i = 0; i < proba.rows; i++) out.set(i, dest, proba.get(i, j));
  });
  return out;
}
