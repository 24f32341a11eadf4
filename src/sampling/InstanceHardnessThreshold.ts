import type { Matrix } from 'ml-matrix';
import type { ClassifierLike, ResampleResult } from '../core/contracts.js';
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { fromRowViews, type Label, type MatrixInput, rowViews } from '../core/matrix.js';
import { Random, drawSeed } from '../core/Random.js';
import { percentileAt, percentileSorted } from '../core/stats/percentileSorted.js';
import { checkInteger, checkMethods, invalid } from '../core/validate.js';
import { cloneEstimator } from '../core/clone.js';
import { StratifiedKFold } from '../core/StratifiedKFold.js';
import {
  type FittedSampler,
  Sampler,
  type SamplerContext,
  type SamplerOptions,
  type SamplerParams,
} from './Sampler.js';
import { cloneSampler } from './cloneSampler.js';
import { kthSmallest } from './smallestInOrder.js';

/**
 * The classifier of {@link InstanceHardnessThreshold}: `fit` (synchronous for `fitResample`, or
 * returning a Promise for `fitResampleAsync`), `predictProba`, and `classes` (the columns of
 * `predictProba`) after `fit`. It is cloned once per fold (`clone()`, or its JSON, or its
 * `params`, as {@link cloneEstimator}), so the object passed is never fitted. The rows of the
 * matrices a fold's clone receives are views into the sampler's own copy of X, shared by every fold
 * (not copies): the clone may keep them, but must not modify their values.
 */
export interface HardnessEstimator extends ClassifierLike {
  /** Class probabilities of the rows, one column per class of `classes`. */
  predictProba(X: Matrix): Matrix;
}

/** Options of {@link InstanceHardnessThreshold}. */
export interface InstanceHardnessThresholdOptions extends SamplerOptions {
  /** The classifier whose cross-validated probabilities measure how hard each row is. Required. */
  estimator?: HardnessEstimator;
  /**
   * Number of stratified folds of the cross-validation.
   * @defaultValue 5
   */
  cv?: number;
}

/** The validated options of {@link InstanceHardnessThreshold}. */
export interface InstanceHardnessThresholdParams extends SamplerParams {
  /** The classifier. */
  readonly estimator: HardnessEstimator;
  /** Number of folds. */
  readonly cv: number;
}

/** What InstanceHardnessThreshold adds to `fitted`. */
export interface InstanceHardnessThresholdFitted {
  /**
   * Each input row's cross-validated probability of its own class (its instance hardness is
   * `1 −` this), from the model that did not see it.
   */
  readonly probability: Float64Array;
}

const WHO = 'InstanceHardnessThreshold';

/**
 * The rows of the folds' training and test sets, as matrices whose rows are views into the
 * sampler's own copy of X (made once, shared by every fold): a fold costs one array of row
 * references, not a copy of its values.
 */
class FoldRows {
  private readonly views: Float64Array[];
  constructor(
    data: Float64Array,
    rows: number,
    private readonly cols: number,
  ) {
    this.views = rowViews(data, rows, cols);
  }

  /** The rows `idx` as a Matrix over the shared row views. */
  gather(idx: Int32Array): Matrix {
    const views = this.views;
    const picked: Float64Array[] = new Array(idx.length);
    for (let t = 0; t < idx.length; t++) picked[t] = views[idx[t] as number] as Float64Array;
    return fromRowViews(picked, this.cols);
  }
}

/**
 * Instance hardness threshold: under-samples each targeted class by dropping the rows a
 * cross-validated classifier finds hardest — those given the lowest probability of their own class.
 *
 * @remarks
 * The rows are cut into `cv` stratified folds (scikit-learn's `StratifiedKFold` counts, shuffled
 * from the seeded stream, as imbalanced-learn's `shuffle=True`); a clone of `estimator` is trained
 * on the other folds and gives each row of a fold its probability of its own class. For a
 * targeted class with `n_c` rows cut to `n`, the threshold is NumPy's linear percentile
 * `(1 − n / n_c) · 100` of those probabilities, and every row at or above it is kept — **ties at the
 * threshold are all kept**, so a class may keep more than `n` rows (as imbalanced-learn). Output:
 * classes in sorted order, each in input order; `sampleIndices` as RandomUnderSampler.
 *
 * The base {@link Sampler} is synchronous, so `fitResample` needs an `estimator` whose `fit`
 * returns synchronously; for a classifier that trains asynchronously (the MLPClassifier of
 * `imbalanced-tabular/mlp`) call `await fitResampleAsync(X, y)`, which trains the folds one after
 * the other and gives the same result. `fitResample` throws when `fit` returns a Promise.
 *
 * Differences from imbalanced-learn 0.10: it has a default estimator (a random forest, which this
 * library does not have) — here `estimator` is required; it reads the probability column **by the
 * label's value** (`probabilities[range(n), y]`), right only for labels `0 … k − 1` and an
 * `IndexError` for strings — here the column of the row's class in `estimator.classes`; and it
 * sets the estimator's `random_state` from its own — here give the estimator its own seed.
 *
 * @throws {@link InvalidParameterError} for an unknown option, a missing `estimator` or one without
 * `fit` and `predictProba`, `cv` < 2, or (from `fitResample`) a `fit` that returns a Promise.
 * @throws {@link DataValidationError} (from `fitResample`) when `cv` exceeds the rows or every
 * class's count, or the estimator's probabilities do not have one row per row and one column per
 * class of `classes`.
 *
 * @example
 * ```ts no-run
 * const iht = new InstanceHardnessThreshold({ estimator: new MLPClassifier({ epochs: 5 }), seed: 0 });
 * const { X: Xr, y: yr } = await iht.fitResampleAsync(X, y);
 * ```
 * @see Smith, Martinez, Giraud-Carrier (2014). An instance level analysis of data complexity.
 * Machine Learning 95(2):225–256.
 * @see imbalanced-learn's `imblearn.under_sampling.InstanceHardnessThreshold`.
 */
export class InstanceHardnessThreshold extends Sampler<
  InstanceHardnessThresholdParams,
  InstanceHardnessThresholdFitted
> {
  /**
   * How the template's hook runs for `fitResampleAsync`: `'validate'` (hand the validated data over
   * in `validated`, keep nothing) or the probabilities computed with the awaited estimators.
   */
  private pending: 'validate' | Float64Array | undefined;
  /** The validated data of `fitResampleAsync`'s first pass. */
  private validated: { data: Float64Array; rows: number; cols: number; labels: Label[] } | undefined;
  /** The record of the last `fitResampleAsync` when its seed was drawn (the base drew another). */
  private asyncRecord: (FittedSampler & InstanceHardnessThresholdFitted) | undefined;

  /**
   * @param options - `estimator` (required), `cv`, `samplingStrategy`, `seed`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: InstanceHardnessThresholdOptions = {}) {
    super({ name: WHO, type: 'under-sampling', options: ['estimator', 'cv'] }, options, {
      estimator: checkEstimator(options?.estimator),
      cv: checkInteger(WHO, 'cv', options?.cv, { min: 2 }, 5, 'Cross-validation needs at least 2 folds.'),
    });
  }

  /**
   * Rebuilds an InstanceHardnessThreshold from {@link Sampler.toJSON} output — which it cannot
   * write, the estimator being an object: this method exists for the pipeline's loader.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): InstanceHardnessThreshold {
    return Sampler.loadJSON(json, 'InstanceHardnessThreshold', InstanceHardnessThreshold);
  }

  /** An unfitted copy with the same options (objects in them are shared), for cross-validation. */
  clone(): InstanceHardnessThreshold {
    return cloneSampler(this);
  }

  /**
   * What the last `fitResample` or `fitResampleAsync` did, with each row's probability.
   * @throws {@link NotFittedError} before the first call.
   */
  override get fitted(): FittedSampler & InstanceHardnessThresholdFitted {
    return this.asyncRecord ?? super.fitted;
  }

  /**
   * Under-samples `(X, y)` with a synchronous estimator (see the class remarks).
   * @throws {@link InvalidParameterError} when the estimator's `fit` returns a Promise (use
   * {@link InstanceHardnessThreshold.fitResampleAsync}); {@link DataValidationError} for invalid
   * data or estimator output.
   */
  override fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult {
    this.asyncRecord = undefined;
    return super.fitResample(X, y);
  }

  /**
   * Under-samples `(X, y)` with an estimator whose `fit` may return a Promise (awaited fold by
   * fold); the same result as {@link InstanceHardnessThreshold.fitResample} for the same seed.
   * @throws the errors of `fitResample`, as a rejected Promise.
   */
  async fitResampleAsync(X: MatrixInput, y: ReadonlyArray<Label>): Promise<ResampleResult> {
    this.asyncRecord = undefined;
    const seed = this.params.seed ?? drawSeed();
    // First pass through the template: the same validation as fitResample, before any training.
    this.pending = 'validate';
    try {
      super.fitResample(X, y);
    } finally {
      this.pending = undefined;
    }
    const { data, rows, cols, labels } = this.validated as NonNullable<typeof this.validated>;
    this.validated = undefined;
    const probability = new Float64Array(rows);
    const rowsOf = new FoldRows(data, rows, cols);
    // the folds the hook would draw first from Random(seed): same seed, same folds as fitResample
    for (const fold of this.folds(labels, new Random(seed))) {
      const est = cloneEstimator(this.params.estimator);
      await est.fit(rowsOf.gather(fold.train), labelsOf(labels, fold.train));
      this.record(est, fold.test, rowsOf.gather(fold.test), labels, probability);
    }
    this.pending = probability;
    try {
      const out = super.fitResample(X, y);
      if (this.params.seed === undefined) this.asyncRecord = Object.freeze({ ...super.fitted, seed });
      return out;
    } finally {
      this.pending = undefined;
    }
  }

  protected resample(ctx: SamplerContext): InstanceHardnessThresholdFitted {
    const { data, rows, cols } = ctx;
    const pending = this.pending;
    if (pending === 'validate') {
      this.checkFolds(ctx.who, ctx.counts, rows);
      // ctx.data is this call's own copy of X, which the template drops after the hook: kept, not copied
      this.validated = { data, rows, cols, labels: [...ctx.y] };
      for (const label of ctx.counts.keys()) ctx.keep(label, new Int32Array(0)); // an empty output, cheap
      return { probability: new Float64Array(0) };
    }
    let probability = pending;
    if (probability === undefined) {
      this.checkFolds(ctx.who, ctx.counts, rows);
      probability = new Float64Array(rows);
      const rowsOf = new FoldRows(data, rows, cols);
      for (const fold of this.folds(ctx.y, ctx.rng)) {
        const est = cloneEstimator(this.params.estimator);
        const r = est.fit(rowsOf.gather(fold.train), labelsOf(ctx.y, fold.train));
        if (r !== null && typeof (r as { then?: unknown })?.then === 'function') {
          (r as Promise<unknown>).then(undefined, () => undefined);
          throw new InvalidParameterError(
            'estimator',
            `${ctx.who}: the estimator's fit returned a Promise (it trains asynchronously, as the MLPClassifier). ` +
              'Call await fitResampleAsync(X, y) instead.',
          );
        }
        this.record(est, fold.test, rowsOf.gather(fold.test), ctx.y, probability);
      }
    }
    for (const [label, n] of ctx.plan) {
      const idx = ctx.indicesOf(label);
      const threshold = percentileOf(valuesAt(probability, idx), (1 - n / idx.length) * 100);
      ctx.keep(label, rowsAtLeast(probability, idx, threshold));
    }
    return { probability };
  }

  /** Refuses more folds than rows or than the largest class has (scikit-learn's StratifiedKFold rule). */
  private checkFolds(who: string, counts: ReadonlyMap<Label, number>, rows: number): void {
    const cv = this.params.cv;
    let largest = 0;
    for (const n of counts.values()) if (n > largest) largest = n;
    if (cv > rows || cv > largest) {
      throw new DataValidationError(
        `${who}: cv = ${cv} folds need at least ${cv} rows in some class (largest class: ${largest} rows). Lower cv.`,
        { param: 'cv' },
      );
    }
  }

  /** The folds' training and test rows, from one draw of `rng`. */
  private folds(y: ReadonlyArray<Label>, rng: Random): Array<{ train: Int32Array; test: Int32Array }> {
    const kfold = new StratifiedKFold({ nSplits: this.params.cv, shuffle: true, seed: rng.childSeed() });
    return kfold.split(null, y);
  }

  /** Writes each test row's probability of its own class, from the fold's fitted estimator. */
  private record(
    est: HardnessEstimator,
    test: Int32Array,
    rowsOfTest: Matrix,
    y: ReadonlyArray<Label>,
    out: Float64Array,
  ): void {
    const who = `${WHO}.fitResample`;
    const classes = est.classes;
    if (!Array.isArray(classes)) {
      throw new DataValidationError(
        `${who}: the estimator has no classes after fit (received ${describe(classes)}); they name the columns of ` +
          'predictProba.',
        { param: 'estimator' },
      );
    }
    const P = est.predictProba(rowsOfTest);
    if (P === null || typeof P !== 'object' || P.rows !== test.length || P.columns !== classes.length) {
      throw new DataValidationError(
        `${who}: predictProba returned ${describe(P)} for ${test.length} rows; expected a Matrix of ${test.length} ` +
          `rows × ${classes.length} columns (one per class of estimator.classes).`,
        { param: 'estimator' },
      );
    }
    const column = new Map<Label, number>(classes.map((c, j) => [c as Label, j]));
    for (let t = 0; t < test.length; t++) {
      const i = test[t] as number;
      const j = column.get(y[i] as Label);
      out[i] = j === undefined ? 0 : (P.get(t, j) as number);
    }
  }
}

/**
 * NumPy's linear percentile of `values` (which it reorders): the value `percentileSorted` gives on
 * their sort (but for the sign of a zero, which the threshold's `>=` does not see), from the two
 * order statistics it reads, found by a selection instead of a sort.
 * With a NaN (sorted last by a sort, which a selection cannot order) it sorts. @internal
 */
export function percentileOf(values: Float64Array, q: number): number {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) return percentileSorted(values.sort(), q);
  }
  let selected = -1;
  return percentileAt(values.length, q, (i) => {
    if (i === selected) return values[i] as number;
    if (selected >= 0 && i === selected + 1) {
      // every value after the selected one is at least it: the smallest of them is the next
      let next = Infinity;
      for (let t = i; t < values.length; t++) if ((values[t] as number) < next) next = values[t] as number;
      return next;
    }
    selected = i;
    return kthSmallest(values, i);
  });
}

/**
 * `values[idx[t]]` for each `t`. This and {@link rowsAtLeast} are leaves of their own: written inside
 * `resample` (called once) their loops ran in on-stack-replaced code.
 */
function valuesAt(values: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let t = 0; t < idx.length; t++) out[t] = values[idx[t] as number] as number;
  return out;
}

/** The rows of `idx` (in order) whose `values` are at least `threshold`. */
function rowsAtLeast(values: Float64Array, idx: Int32Array, threshold: number): Int32Array {
  let kept = 0;
  for (let t = 0; t < idx.length; t++) if ((values[idx[t] as number] as number) >= threshold) kept++;
  const keep = new Int32Array(kept);
  kept = 0;
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t] as number;
    if ((values[i] as number) >= threshold) keep[kept++] = i;
  }
  return keep;
}

/** The labels of the rows `idx`. */
function labelsOf(y: ReadonlyArray<Label>, idx: Int32Array): Label[] {
  const out: Label[] = new Array(idx.length);
  for (let t = 0; t < idx.length; t++) out[t] = y[idx[t] as number] as Label;
  return out;
}

function checkEstimator(value: unknown): HardnessEstimator {
  if (value === undefined) {
    return invalid(
      WHO,
      'estimator',
      'a classifier with fit and predictProba',
      value,
      'imbalanced-learn defaults to a random forest, which this library does not have: pass one, e.g. the ' +
        'MLPClassifier of imbalanced-tabular/mlp (with fitResampleAsync).',
    );
  }
  const est = checkMethods(WHO, 'estimator', value, ['fit', 'predictProba'], 'a classifier') as HardnessEstimator;
  cloneEstimator(est); // fails now, not at the first fold, when no unfitted copy can be made
  return est;
}
