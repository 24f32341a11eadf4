import type { Matrix } from 'ml-matrix';
import type { ClassifierLike } from '../core/contracts.js';
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { checkLabels, uniqueSorted } from '../core/labels.js';
import { getOwn, setOwn } from '../core/ownProperties.js';
import type { Label } from '../core/matrix.js';
import { rowCount, takeRows } from '../core/table.js';
import type { RowsInput } from '../core/table.js';
import { checkBoolean, checkFunction, checkLabelList, checkOptions } from '../core/validate.js';
import { cloneEstimator } from '../core/clone.js';
import { SCORERS, alignProba } from './scorers.js';
import type { ScorerFn, ScorerName, ScoringContext } from './scorers.js';
import { StratifiedKFold } from '../core/StratifiedKFold.js';

/**
 * Scoring for {@link crossValidate}: one built-in name, several, or named scorers (built-in names
 * or functions).
 */
export type Scoring = ScorerName | ReadonlyArray<ScorerName> | Readonly<Record<string, ScorerName | ScorerFn>>;

/** One train/test pair of row indices. */
export interface FoldIndexPair {
  /** Training row indices. */
  readonly train: ArrayLike<number>;
  /** Test row indices. */
  readonly test: ArrayLike<number>;
}

/** Train/test index pairs, e.g. from {@link StratifiedKFold.split}. */
export type FoldIndices = ReadonlyArray<FoldIndexPair>;

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions<E> {
  /**
   * The folds: a number of stratified folds (`StratifiedKFold` without shuffling, as
   * scikit-learn does for classifiers), a {@link StratifiedKFold}, or explicit index pairs.
   * @defaultValue 5
   */
  cv?: number | StratifiedKFold | FoldIndices;
  /**
   * What to measure on each fold's test rows.
   * @defaultValue 'accuracy'
   */
  scoring?: Scoring;
  /**
   * The class set passed to the metrics and used for probability columns.
   * @defaultValue the sorted distinct labels of the whole `y`
   */
  labels?: ReadonlyArray<Label>;
  /**
   * Called after each fold with its result (progress reporting); awaited when it returns a Promise.
   */
  onFold?: (result: FoldResult<E>, total: number) => void | Promise<void>;
  /**
   * Keep each fold's fitted estimator in the result. When false, an estimator with `dispose()`
   * (e.g. a pipeline ending in an MLPClassifier) is disposed after scoring.
   * @defaultValue false
   */
  returnEstimators?: boolean;
}

/** One fold's outcome. */
export interface FoldResult<E> {
  /** Zero-based fold number. */
  fold: number;
  /** Score per scorer name. */
  scores: Record<string, number>;
  /** Seconds spent cloning and fitting. */
  fitSeconds: number;
  /** Seconds spent predicting and scoring. */
  scoreSeconds: number;
  /** Training row indices. */
  train: Int32Array;
  /** Test row indices. */
  test: Int32Array;
  /** The fitted estimator, with `returnEstimators: true`. */
  estimator?: E;
}

/** The outcome of {@link crossValidate}. */
export interface CrossValidateResult<E> {
  /** One entry per fold, in order. */
  folds: FoldResult<E>[];
  /** Mean score over folds, per scorer name. */
  mean: Record<string, number>;
  /** Population standard deviation (ddof 0, as NumPy's `std`) over folds, per scorer name. */
  std: Record<string, number>;
  /** The class set used for scoring. */
  labels: Label[];
}

const OPTIONS = ['cv', 'scoring', 'labels', 'onFold', 'returnEstimators'];

function resolveScoring(scoring: unknown): Array<[string, ScorerFn]> {
  const lookup = (name: unknown): ScorerFn => {
    if (typeof name !== 'string' || !Object.hasOwn(SCORERS, name)) {
      throw new InvalidParameterError(
        'scoring',
        `crossValidate: unknown scorer ${describe(name)}. Known scorers: ${Object.keys(SCORERS).join(', ')}; ` +
          'or pass { name: (ctx) => number }.',
      );
    }
    return SCORERS[name as ScorerName];
  };
  if (typeof scoring === 'string') return [[scoring, lookup(scoring)]];
  if (Array.isArray(scoring)) {
    if (scoring.length === 0)
      throw new InvalidParameterError('scoring', 'crossValidate: scoring is an empty array; name at least one scorer.');
    if (new Set(scoring).size !== scoring.length)
      throw new InvalidParameterError('scoring', 'crossValidate: scoring names a scorer twice.');
    return scoring.map((s) => [s as string, lookup(s)]);
  }
  if (scoring !== null && typeof scoring === 'object') {
    const entries = Object.entries(scoring as Record<string, unknown>);
    if (entries.length === 0)
      throw new InvalidParameterError(
        'scoring',
        'crossValidate: scoring is an empty object; name at least one scorer.',
      );
    return entries.map(([k, v]) => [k, typeof v === 'function' ? (v as ScorerFn) : lookup(v)]);
  }
  throw new InvalidParameterError(
    'scoring',
    'crossValidate: scoring must be a scorer name, an array of names or an object of scorers, ' +
      `received ${describe(scoring)}.`,
  );
}

function resolveFolds(cv: unknown, X: RowsInput, y: Label[]): Array<{ train: Int32Array; test: Int32Array }> {
  const n = y.length;
  let pairs: FoldIndices;
  if (cv === undefined || typeof cv === 'number') {
    pairs = new StratifiedKFold({ nSplits: cv ?? 5 }).split(X, y);
  } else if (cv instanceof StratifiedKFold) {
    pairs = cv.split(X, y);
  } else if (Array.isArray(cv)) {
    pairs = cv as FoldIndices;
  } else {
    throw new InvalidParameterError(
      'cv',
      'crossValidate: cv must be a number of folds, a StratifiedKFold or an array of { train, test } index ' +
        `pairs, received ${describe(cv)}.`,
    );
  }
  if (pairs.length === 0) throw new InvalidParameterError('cv', 'crossValidate: cv gives no folds.');
  return pairs.map((p, f) => {
    const conv = (a: ArrayLike<number> | undefined, side: string): Int32Array => {
      if (a == null || typeof a.length !== 'number' || a.length === 0) {
        throw new InvalidParameterError('cv', `crossValidate: fold ${f} has no ${side} indices.`);
      }
      const out = Int32Array.from(a as ArrayLike<number>);
      for (let i = 0; i < out.length; i++) {
        const v = out[i] as number;
        if (v !== (a[i] as number) || v < 0 || v >= n) {
          throw new InvalidParameterError(
            'cv',
            `crossValidate: fold ${f} ${side}[${i}] = ${describe(a[i])} is not a row index in 0..${n - 1}.`,
          );
        }
      }
      return out;
    };
    return { train: conv(p?.train, 'train'), test: conv(p?.test, 'test') };
  });
}

function callPredictProba(estimator: ClassifierLike<unknown>, X: unknown): Matrix {
  if (typeof estimator.predictProba !== 'function') {
    throw new InvalidParameterError(
      'scoring',
      'crossValidate: this scorer needs probabilities, but the estimator has no predictProba.',
    );
  }
  return estimator.predictProba(X);
}

/**
 * Cross-validates an estimator — typically a {@link Pipeline} with samplers — by fitting a fresh
 * clone on each fold's training rows and scoring it on the fold's test rows.
 *
 * @remarks
 * - Each fold fits {@link cloneEstimator}`(estimator)`, so nothing learned leaks between folds and
 *   the estimator passed in is left untouched. Inside a pipeline, samplers resample **only the
 *   fold's training rows**; the test rows are never resampled — the honest estimate that
 *   oversampling before splitting would inflate.
 * - Scores use `labels` = the classes of the whole `y` (sorted), so a fold whose test rows miss a
 *   rare class still scores, and probability columns are aligned to `labels` (a class absent from
 *   a fold's training rows gets a zero column).
 * - Folds run one after another (no parallelism); times are wall-clock seconds.
 *
 * @param estimator - A pipeline or classifier to clone and fit per fold.
 * @param X - All rows (any array of rows, or a Matrix).
 * @param y - All labels.
 * @param options - Folds, scorers, labels, progress callback.
 * @returns Per-fold scores and timings, and the mean and standard deviation of each score.
 * @throws {@link InvalidParameterError} for an unknown scorer, bad folds, or an estimator that
 * cannot be cloned; {@link DataValidationError} when `y` does not match `X`. Errors from fitting
 * or scoring a fold are passed through.
 *
 * @example
 * ```ts
 * const pipe = new Pipeline([['scale', new Scaler()], ['smote', new SMOTE({ seed: 1 })], ['clf', clf]]);
 * const cv = new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 0 });
 * const res = await crossValidate(pipe, X, y, { cv, scoring: ['f1Macro', 'rocAucOvr'] });
 * res.mean.f1Macro; res.std.f1Macro;
 * ```
 * @see scikit-learn `sklearn.model_selection.cross_validate`.
 */
export async function crossValidate<E extends ClassifierLike<never>>(
  estimator: E,
  X: RowsInput,
  y: ReadonlyArray<Label>,
  options: CrossValidateOptions<E> = {},
): Promise<CrossValidateResult<E>> {
  const who = 'crossValidate';
  const o = checkOptions(who, options, OPTIONS);
  const scorers = resolveScoring(o.scoring ?? 'accuracy');
  const keep = checkBoolean(who, 'returnEstimators', o.returnEstimators, false);
  const onFold = checkFunction<NonNullable<CrossValidateOptions<E>['onFold']>>(who, 'onFold', o.onFold);
  const n = rowCount(X, who);
  const yAll = checkLabels(y, who, 'y', n);
  if (n === 0) throw new DataValidationError(`${who}: X has no rows.`, { param: 'X' });
  // Duplicate labels would give two probability columns one class (alignProba keeps the last).
  const labels =
    o.labels === undefined ? uniqueSorted(yAll) : checkLabels(checkLabelList(who, 'labels', o.labels), who, 'labels');
  const folds = resolveFolds(o.cv, X, yAll);
  const clock = (): number => globalThis.performance.now() / 1000;
  // Fail early (before any fitting) when the estimator cannot be cloned.
  const probe = cloneEstimator(estimator);
  const results: FoldResult<E>[] = [];
  for (let f = 0; f < folds.length; f++) {
    const { train, test } = folds[f] as { train: Int32Array; test: Int32Array };
    const t0 = clock();
    const est = f === 0 ? probe : cloneEstimator(estimator);
    const clf = est as ClassifierLike<unknown>;
    const dispose = (): void => clf.dispose?.();
    let t1: number;
    const scores: Record<string, number> = {};
    try {
      await clf.fit(
        takeRows(X, train),
        Array.from(train, (i) => yAll[i] as Label),
      );
      t1 = clock();
      const Xte = takeRows(X, test);
      let pred: Label[] | undefined;
      let proba: Matrix | undefined;
      const ctx: ScoringContext = {
        estimator: est,
        X: Xte,
        yTrue: Array.from(test, (i) => yAll[i] as Label),
        labels: [...labels],
        yPred: () => (pred ??= clf.predict(Xte)),
        proba: () => (proba ??= alignProba(callPredictProba(clf, Xte), clf.classes, labels)),
      };
      for (const [name, fn] of scorers) {
        const v: unknown = fn(ctx);
        if (typeof v !== 'number') {
          throw new InvalidParameterError(
            'scoring',
            `${who}: scorer ${describe(name)} returned ${describe(v)} on fold ${f}; a scorer returns a number.`,
          );
        }
        setOwn(scores, name, v);
      }
    } catch (e) {
      dispose();
      throw e;
    }
    if (!keep) dispose();
    const t2 = clock();
    const result: FoldResult<E> = { fold: f, scores, fitSeconds: t1 - t0, scoreSeconds: t2 - t1, train, test };
    if (keep) result.estimator = est;
    results.push(result);
    if (onFold) await onFold(result, folds.length);
  }
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const [name] of scorers) {
    const v = results.map((r) => getOwn(r.scores, name) as number);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    setOwn(mean, name, m);
    setOwn(std, name, Math.sqrt(v.reduce((a, b) => a + (b - m) * (b - m), 0) / v.length));
  }
  return { folds: results, mean, std, labels: [...labels] };
}
