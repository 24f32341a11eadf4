import type { Matrix } from 'ml-matrix';
import type { Label, MatrixInput } from './matrix.js';
import type { Envelope } from './serialization.js';

/** Anything that serializes to an {@link Envelope}. */
export interface Serializable {
  /** The JSON form: `{ format, version, params, state }`. */
  toJSON(): Envelope;
}

/**
 * A transformer: learns from `X` in `fit`, maps inputs to a numeric `Matrix` in `transform`.
 * Encoder and Scaler implement it; Pipeline steps that are not samplers must.
 */
export interface Transformer<In = MatrixInput> extends Serializable {
  /** Learns from `X` (labels are ignored by unsupervised transformers). */
  fit(X: In, y?: ReadonlyArray<Label>): this;
  /** Maps `X` to a fresh numeric matrix. */
  transform(X: In): Matrix;
  /** `fit(X).transform(X)`, sometimes faster. */
  fitTransform(X: In, y?: ReadonlyArray<Label>): Matrix;
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
 * A sampler: anything with `fitResample`. This is imbalanced-learn's rule, and the Pipeline's: a
 * step with `fitResample` is a sampler and runs only while fitting.
 */
export interface SamplerLike {
  /** Resamples `(X, y)` and returns new arrays; inputs are never modified. */
  fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult;
}

/** A probabilistic classifier (e.g. MLPClassifier). */
export interface ClassifierLike {
  /** Trains on `(X, y)`. */
  fit(X: MatrixInput, y: ReadonlyArray<Label>): Promise<this>;
  /** Class probabilities, one row per input row, columns in `classes` order. */
  predictProba(X: MatrixInput): Matrix;
  /** The most probable class per row. */
  predict(X: MatrixInput): Label[];
  /** Sorted class labels seen in fit. */
  readonly classes: Label[];
}
