/**
 * Batch sources: streams of training mini-batches. A lazy sampler returns one instead of a
 * resampled matrix — original rows and synthetic rows generated on the fly, shuffled together —
 * and a classifier that can train from batches consumes it, so the resampled matrix never exists.
 *
 * @module
 */
import type { Label } from './matrix.js';
import type { RowSource } from './rowSource.js';

/** One mini-batch: `size` rows of `nFeatures` float32 values and their class indices. */
export interface Batch {
  /** Rows, row-major (`size × nFeatures` values from offset 0; the buffer may be longer). */
  readonly x: Float32Array;
  /** Class of each row as an index into {@link BatchSource.classes} (`size` values from offset 0). */
  readonly y: Int32Array;
  /** Number of rows in the batch. */
  readonly size: number;
}

/**
 * Mini-batches for training, epoch by epoch.
 *
 * @remarks
 * A source is deterministic: the same source, epoch number and batch size give the same batches.
 * The buffers of a yielded batch may be reused by the next one — copy what you keep. An epoch has
 * {@link BatchSource.epochRows} rows in all (the last batch may be smaller).
 */
export interface BatchSource {
  /** Number of features of every row. */
  readonly nFeatures: number;
  /** The classes, sorted; batch labels index into this list. */
  readonly classes: ReadonlyArray<Label>;
  /** Rows in one epoch. */
  readonly epochRows: number;
  /**
   * Expected rows per class in one epoch, in `classes` order (exact for deterministic plans; the
   * expectation where a sampler's per-row allocation is random). Class weights and priors read it.
   */
  readonly epochCounts: ReadonlyMap<Label, number>;
  /** The batches of epoch `epoch` (0-based), each of at most `batchSize` rows. */
  batches(epoch: number, batchSize: number): Iterable<Batch>;
}

/** What a long operation reports to an optional progress callback. */
export interface Progress {
  /** What is running, e.g. `'neighbors'`, `'fit'`, `'epoch'`. */
  readonly phase: string;
  /** Units done so far. */
  readonly done: number;
  /** Units in all (when known). */
  readonly total: number | undefined;
  /** What a unit is, e.g. `'rows'`, `'queries'`, `'batches'`. */
  readonly unit: string;
}

/**
 * A progress callback: long operations (neighbour search, a lazy sampler's fit, training) call it
 * now and then; the library itself never prints.
 */
export type ProgressCallback = (progress: Progress) => void;

/** Options of {@link LazySampler.fitStream}. */
export interface FitStreamOptions {
  /**
   * The rows of `X` (and `y`) to resample, e.g. a training split without its validation rows.
   * @defaultValue every row
   */
  readonly rows?: Int32Array;
  /** Called now and then during the fit (neighbour searches can take minutes on large data). */
  readonly onProgress?: ProgressCallback;
}

/**
 * A sampler with a streaming form: `fitStream` computes once only what the algorithm needs (the
 * class plan, neighbour tables, per-row counts) and returns a {@link BatchSource} whose epochs mix
 * original rows with synthetic rows generated on the fly, so the resampled matrix never exists.
 */
export interface LazySampler {
  /** Fits on the rows of `X` and returns the mini-batch stream of the resampled data. */
  fitStream(X: RowSource, y: ReadonlyArray<Label>, options?: FitStreamOptions): BatchSource;
}
