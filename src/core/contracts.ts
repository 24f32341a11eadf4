/**
 * The estimator contracts: the one place that says what a transformer, a sampler and a classifier
 * are. The library's estimators `implements` them, the {@link Pipeline} and {@link crossValidate}
 * accept anything that satisfies them, and the conformance suites of `imbalanced-tabular/testing`
 * check them.
 *
 * @remarks
 * Each contract has the verbs every implementation must have and marks optional what a pipeline
 * step may lack (a small classifier written for one experiment need not serialize). The library's
 * own estimators always provide the optional members too. `In` is the type of rows the estimator
 * accepts: numeric matrices ({@link MatrixInput}) by default, table rows for the Encoder.
 *
 * Methods are declared with method syntax on purpose: TypeScript then compares their parameters
 * bivariantly, so an estimator of table rows is still a pipeline step, whose input type is only
 * known at run time.
 *
 * @module
 */
import type { Matrix } from 'ml-matrix';
import type { LazySampler } from './batchSource.js';
import type { Label, MatrixInput } from './matrix.js';
import type { Envelope } from './serialization.js';

/**
 * Anything that serializes to a tagged, versioned {@link Envelope} (and whose class has a static
 * `fromJSON` that reads it back).
 *
 * @example
 * ```ts
 * const text = JSON.stringify(new Scaler().fit([[1], [2]]).toJSON());
 * ```
 */
export interface Serializable {
  /** The JSON form: `{ format, version, params, state }`. */
  toJSON(): Envelope;
}

/**
 * A transformer: learns from `X` in `fit`, maps rows to a fresh numeric `Matrix` in `transform`.
 * The Encoder (`Transformer<TableInput>`) and the Scaler (`Transformer`) implement it; every
 * intermediate pipeline step that is not a sampler must.
 *
 * @typeParam In - The rows the transformer accepts.
 * @example
 * ```ts
 * class Center implements Transformer {
 *   private mean: number[] = [];
 *   fit(X: MatrixInput): this { ...; return this; }
 *   transform(X: MatrixInput): Matrix { ... }
 * }
 * ```
 * @see scikit-learn's `TransformerMixin`.
 */
export interface Transformer<In = MatrixInput, Out = Matrix> {
  /**
   * Learns from `X` (unsupervised transformers ignore `y`), synchronously. The library's
   * transformers return `this`; callers (the pipeline, the conformance suite) ignore the result.
   */
  fit(X: In, y?: ReadonlyArray<Label>): unknown;
  /**
   * Maps `X` with what `fit` learned: a fresh numeric matrix, or — for large data — a compact
   * `RowSource` (e.g. the Encoder's `output: 'compact'`).
   */
  transform(X: In): Out;
  /** `fit(X, y).transform(X)`, sometimes faster; the pipeline uses it while fitting when present. */
  fitTransform?(X: In, y?: ReadonlyArray<Label>): Out;
  /** The JSON envelope (needed to save a pipeline holding this step). */
  toJSON?(): Envelope;
}

/** The output of {@link SamplerLike.fitResample}. */
export interface ResampleResult {
  /** Resampled rows: for over-samplers the original rows first, untouched, then the synthetic ones. */
  X: Matrix;
  /** Labels of the rows of `X`. */
  y: Label[];
  /**
   * For samplers that select or copy rows: the index into the input of each output row
   * (`-1` for a synthetic row that is not a copy).
   */
  sampleIndices?: Int32Array;
}

/**
 * A sampler: anything with `fitResample`. This is imbalanced-learn's rule, and the pipeline's: a
 * step with `fitResample` is a sampler and runs only while fitting. Every sampler of the library
 * (subclasses of `Sampler`) implements it.
 *
 * @typeParam In - The rows the sampler accepts.
 * @see imbalanced-learn's `BaseSampler`.
 */
export interface SamplerLike<In = MatrixInput> {
  /** Resamples `(X, y)` and returns new arrays; inputs are never modified. */
  fitResample(X: In, y: ReadonlyArray<Label>): ResampleResult;
  /** The JSON envelope (needed to save a pipeline holding this step). */
  toJSON?(): Envelope;
}

/**
 * A classifier: `fit` (synchronous or returning a Promise) and `predict`. The final step of a
 * pipeline, and what {@link crossValidate} evaluates; a {@link Pipeline} is one itself.
 *
 * @typeParam In - The rows the classifier accepts.
 * @see scikit-learn's `ClassifierMixin`.
 */
export interface ClassifierLike<In = MatrixInput> {
  /**
   * Trains on `(X, y)`, synchronously or returning a Promise (the MLP trains asynchronously). The
   * library's classifiers return a Promise of `this`; callers await the result and ignore it.
   */
  fit(X: In, y: ReadonlyArray<Label>): unknown;
  /** The predicted class of each row. */
  predict(X: In): Label[];
  /** Class probabilities, one row per input row, columns in `classes` order. */
  predictProba?(X: In): Matrix;
  /** Sorted class labels seen in `fit`: the columns of `predictProba`. */
  readonly classes?: ReadonlyArray<Label>;
  /** The JSON envelope (needed to save a pipeline holding this step). */
  toJSON?(): Envelope;
  /** Frees resources the classifier holds (tensors); called by the pipeline's `dispose`. */
  dispose?(): void;
}

/**
 * A classifier that also gives class probabilities, e.g. the `MLPClassifier` and a
 * {@link Pipeline}: the contract of `classifierChecks` and of the probability scorers.
 *
 * @typeParam In - The rows the classifier accepts.
 */
export interface ProbabilisticClassifier<In = MatrixInput> extends ClassifierLike<In> {
  /** Class probabilities, one row per input row, columns in `classes` order. */
  predictProba(X: In): Matrix;
  /** Sorted class labels seen in `fit`: the columns of `predictProba`. */
  readonly classes: ReadonlyArray<Label>;
}

/**
 * A classifier that can resample lazily while it trains: `fit(X, y, { sampler })` takes its
 * validation rows from the original rows, then trains on the sampler's stream of mini-batches
 * (`LazySampler.fitStream`), so the resampled matrix never exists. `MLPClassifier` is one; the
 * Pipeline's `resampling: 'lazy'` needs one as its final step.
 */
export interface LazyResamplingClassifier<In = MatrixInput> extends ClassifierLike<In> {
  /** Marks the capability (the Pipeline checks it before it streams). */
  readonly acceptsLazySampler: true;
  /** Trains on `(X, y)`, resampled on the fly by `options.sampler` when given. */
  fit(X: In, y: ReadonlyArray<Label>, options?: { readonly sampler?: LazySampler }): unknown;
}

/** Whether `c` is a {@link LazyResamplingClassifier}. @internal */
export function acceptsLazySampler(c: unknown): c is LazyResamplingClassifier<never> {
  return (
    c !== null &&
    typeof c === 'object' &&
    (c as { acceptsLazySampler?: unknown }).acceptsLazySampler === true &&
    typeof (c as { fit?: unknown }).fit === 'function'
  );
}
