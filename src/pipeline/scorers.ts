import { Matrix } from 'ml-matrix';
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import * as metrics from '../metrics/index.js';
import type { RowsInput } from './rows.js';

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
 * | `rocAucOvr`, `rocAucOvrWeighted`, `rocAucOvo`, `rocAucOvoWeighted` | `rocAucScore(yTrue, proba, { multiClass, average, labels })`; with two classes, the binary AUC (as scikit-learn's scorers) |
 * | `averagePrecision` | binary, P(`labels[1]`) |
 * | `logLoss` | `logLoss(yTrue, proba, { labels })` — a loss: **lower is better** (scikit-learn's `neg_log_loss` is its negative) |
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

type MetricFn = (yTrue: ReadonlyArray<Label>, y: unknown, options?: Record<string, unknown>) => unknown;

/** Looks a metric up at call time, so this module does not fail to load while metrics are missing. */
function metric(name: string): MetricFn {
  const fn = (metrics as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function') {
    throw new InvalidParameterError('scoring', `crossValidate: this scorer needs ${name} from the metrics module, which this build does not provide.`);
  }
  return fn as MetricFn;
}

function num(v: unknown, name: string): number {
  if (typeof v !== 'number') throw new DataValidationError(`crossValidate: ${name} returned ${describe(v)}, expected a number.`);
  return v;
}

function positiveColumn(ctx: ScoringContext, scorer: string): number[] {
  if (ctx.labels.length !== 2) {
    throw new DataValidationError(
      `crossValidate: scorer '${scorer}' is for two classes, but y has ${ctx.labels.length}. Use e.g. '${scorer === 'rocAuc' ? 'rocAucOvr' : 'f1Macro'}'.`,
      { param: 'y' },
    );
  }
  return ctx.proba().getColumn(1);
}

function onPred(name: string, options: (ctx: ScoringContext) => Record<string, unknown>): ScorerFn {
  return (ctx) => num(metric(name)(ctx.yTrue, ctx.yPred(), options(ctx)), name);
}

function binaryPred(name: string, scorer: string): ScorerFn {
  return (ctx) => {
    if (ctx.labels.length !== 2) {
      throw new DataValidationError(`crossValidate: scorer '${scorer}' is for two classes, but y has ${ctx.labels.length}. Use '${scorer}Macro'.`, { param: 'y' });
    }
    return num(metric(name)(ctx.yTrue, ctx.yPred(), { average: 'binary', posLabel: ctx.labels[1] }), name);
  };
}

function rocAuc(multiClass: 'ovr' | 'ovo', average: 'macro' | 'weighted'): ScorerFn {
  return (ctx) => {
    const f = metric('rocAucScore');
    if (ctx.labels.length === 2) return num(f(ctx.yTrue, positiveColumn(ctx, 'rocAuc'), { posLabel: ctx.labels[1] }), 'rocAucScore');
    return num(f(ctx.yTrue, ctx.proba(), { multiClass, average, labels: ctx.labels }), 'rocAucScore');
  };
}

/** The built-in scorers. @internal */
export const SCORERS: Readonly<Record<ScorerName, ScorerFn>> = Object.freeze({
  accuracy: onPred('accuracyScore', () => ({})),
  balancedAccuracy: onPred('balancedAccuracyScore', () => ({})),
  f1: binaryPred('f1Score', 'f1'),
  precision: binaryPred('precisionScore', 'precision'),
  recall: binaryPred('recallScore', 'recall'),
  f1Macro: onPred('f1Score', (c) => ({ average: 'macro', labels: c.labels })),
  f1Weighted: onPred('f1Score', (c) => ({ average: 'weighted', labels: c.labels })),
  f1Micro: onPred('f1Score', (c) => ({ average: 'micro', labels: c.labels })),
  precisionMacro: onPred('precisionScore', (c) => ({ average: 'macro', labels: c.labels })),
  precisionWeighted: onPred('precisionScore', (c) => ({ average: 'weighted', labels: c.labels })),
  recallMacro: onPred('recallScore', (c) => ({ average: 'macro', labels: c.labels })),
  recallWeighted: onPred('recallScore', (c) => ({ average: 'weighted', labels: c.labels })),
  matthewsCorrcoef: onPred('matthewsCorrcoef', () => ({})),
  cohenKappa: onPred('cohenKappaScore', (c) => ({ labels: c.labels })),
  geometricMean: onPred('geometricMeanScore', (c) => ({ labels: c.labels })),
  rocAuc: (ctx) => num(metric('rocAucScore')(ctx.yTrue, positiveColumn(ctx, 'rocAuc'), { posLabel: ctx.labels[1] }), 'rocAucScore'),
  rocAucOvr: rocAuc('ovr', 'macro'),
  rocAucOvrWeighted: rocAuc('ovr', 'weighted'),
  rocAucOvo: rocAuc('ovo', 'macro'),
  rocAucOvoWeighted: rocAuc('ovo', 'weighted'),
  averagePrecision: (ctx) => num(metric('averagePrecisionScore')(ctx.yTrue, positiveColumn(ctx, 'averagePrecision'), { posLabel: ctx.labels[1] }), 'averagePrecisionScore'),
  logLoss: (ctx) => num(metric('logLoss')(ctx.yTrue, ctx.proba(), { labels: ctx.labels }), 'logLoss'),
});

/**
 * Aligns probability columns (in `classes` order) to `labels`; classes missing from `classes`
 * get zero columns. @internal
 */
export function alignProba(proba: Matrix, classes: ReadonlyArray<Label> | undefined, labels: ReadonlyArray<Label>): Matrix {
  if (classes === undefined) {
    if (proba.columns !== labels.length) {
      throw new DataValidationError(
        `crossValidate: predictProba returned ${proba.columns} columns for ${labels.length} labels, and the estimator has no classes to align them.`,
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
      throw new DataValidationError(`crossValidate: the estimator predicts class ${describe(c)}, which is not among labels. Add it to labels.`, { param: 'labels' });
    }
    for (let i = 0; i < proba.rows; i++) out.set(i, dest, proba.get(i, j));
  });
  return out;
}
