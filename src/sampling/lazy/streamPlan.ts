/**
 * The lazy form of a sampler, as a sampler author writes it: {@link Sampler.fitStream} validates the
 * data and resolves the plan, hands the sampler's `streamPlan` hook a {@link StreamContext}, and turns
 * the {@link StreamPlan} it returns — per class, how many original and synthetic rows the resampled
 * data has and how to make a synthetic row — into the mini-batch stream.
 *
 * @module
 */
import type { FitStreamOptions } from '../../core/batchSource.js';
import type { Label } from '../../core/matrix.js';
import type { Random } from '../../core/Random.js';
import type { RowSource } from '../../core/rowSource.js';
import type { PlanContext, SamplingType } from '../samplingStrategy.js';

/**
 * The options of a sampler's {@link Sampler.fitStream}: the contract's `rows` and `onProgress`, and
 * the size of an epoch and of a neighbour-search block.
 */
export interface SamplerStreamOptions extends FitStreamOptions {
  /**
   * Rows in one epoch. An epoch never has more rows than the training data by default, so that
   * "one epoch" costs what it costs without resampling; the resampled data is seen over
   * `resampled total / epochRows` epochs.
   * @defaultValue min(number of selected rows, rows of the resampled data)
   */
  readonly epochRows?: number;
  /**
   * Rows per block of a neighbour search over all rows (ADASYN's difficulty search), and per chunk
   * of its queries: the search index is built on one block at a time and the per-block nearest
   * neighbours are merged exactly, so a block's float64 copy is all the memory it takes.
   * @defaultValue ⌊2²³ / columns⌋ (a 64 MiB float64 block), at least 1024
   */
  readonly blockRows?: number;
}

/**
 * How the original rows of a class are drawn each epoch:
 * - `'cycle'`: consecutive stretches of a sequence of random permutations of the class's rows (one
 *   permutation after the other), so over successive epochs every row is seen once per cycle;
 * - `'fresh'`: a uniformly random subset drawn afresh each epoch (without replacement; when an
 *   epoch wants more rows than the class has, whole permutations first);
 * - `'replacement'`: uniform draws with replacement, afresh each epoch.
 */
export type OriginalDraw = 'cycle' | 'fresh' | 'replacement';

/**
 * Synthetic rows drawn for one batch: the rows of X they read, and how to write each of them.
 * The batch source gathers the `sources` of every class of a batch in one
 * {@link RowSource.gatherRows} call, then calls `write` once per synthetic row.
 */
export interface SyntheticBatch {
  /** Rows of X the synthetic rows read, in any order the generator chose (may repeat; may be empty). */
  readonly sources: ArrayLike<number>;
  /**
   * Writes synthetic row `t` (`0 ≤ t < m`) into row `outRow` of `out` (`nFeatures` wide, float32).
   * `gathered` holds the `sources` rows, row-major, from row `offset` on.
   */
  write(t: number, gathered: Float32Array, offset: number, out: Float32Array, outRow: number): void;
  /**
   * Set when every synthetic row is a point of a segment: `sources` then holds the `m` base rows
   * followed by their `m` neighbour rows, and synthetic row `t` is
   * `x_base + steps[t] · (x_neighbour − x_base)`, interpolated in float64 and rounded to float32 —
   * what `write` writes. The batch source may then write the rows without gathering `sources` (an
   * Encoder's compact output writes each from its codes); the rows are the same bits either way.
   */
  readonly steps?: ArrayLike<number>;
}

/** Makes the synthetic rows of one class, batch by batch. */
export interface SyntheticGenerator {
  /**
   * Draws `m` synthetic rows from `rng` (the batch's own seeded stream: draw only from it, in a
   * documented order, so that a seed replays the batch) and returns what they read and how to write
   * them. Called once per class per batch, classes in sorted order.
   */
  draw(rng: Random, m: number): SyntheticBatch;
}

/** One class of a {@link StreamPlan}: its share of the resampled data and how its rows are made. */
export interface StreamClass {
  /** The class. */
  readonly label: Label;
  /** Rows of X the epoch's original rows are drawn from (the class's selected rows, in order). */
  readonly rows: Int32Array;
  /** Original rows of the class in the resampled data (the class count, or the rows kept). */
  readonly originals: number;
  /** Synthetic rows of the class in the resampled data (0 for an untouched class). */
  readonly synthetic: number;
  /** How each epoch's originals are drawn from `rows`. @defaultValue 'cycle' */
  readonly draw?: OriginalDraw;
  /** Makes the synthetic rows (required when `synthetic > 0`). */
  readonly generator?: SyntheticGenerator;
}

/** An epoch's replacement for some fields of a {@link StreamClass} (see {@link StreamPlan.epoch}). */
export interface EpochClass {
  /** Rows the epoch's originals are drawn from. */
  readonly rows?: Int32Array;
  /** How they are drawn. */
  readonly draw?: OriginalDraw;
  /** The epoch's generator. */
  readonly generator?: SyntheticGenerator;
}

/**
 * What a sampler's `streamPlan` hook returns: per class (sorted, every class of the selected rows)
 * its rows and generator; the batch source does the rest (epoch targets, the draw of originals,
 * shuffling, batching, gathering).
 *
 * @typeParam Extra - Extra fields recorded in the sampler's `fitted`, as the eager hook returns.
 */
export interface StreamPlan<Extra extends object = object> {
  /** One entry per class of the selected rows, in sorted class order. */
  readonly classes: ReadonlyArray<StreamClass>;
  /** Extra fields recorded in `fitted` (ADASYN's `rowCounts`, SMOTE's `kNeighbors` …). */
  readonly fitted: Extra;
  /**
   * Per-epoch state, for a sampler whose rows change from epoch to epoch in ways a generator
   * cannot express (the base class's fallback runs the eager hook here): called once when an
   * epoch's batches start, it returns one entry per class (same order) overriding `rows`, `draw`
   * and `generator` for that epoch. The class counts stay those of `classes`.
   */
  readonly epoch?: (epoch: number) => ReadonlyArray<EpochClass>;
}

/**
 * Everything a sampler's `streamPlan` hook needs: X as a {@link RowSource}, the selected rows and
 * their labels, the class counts and resolved plan, the seed, and helpers to densify rows and
 * report progress.
 */
export interface StreamContext extends PlanContext {
  /** Whether the sampler adds rows or keeps a subset. */
  readonly samplingType: SamplingType;
  /** The data, read by gathering rows (already checked finite on the selected rows). */
  readonly X: RowSource;
  /** The selected rows of X, in order: position `p` of the data being resampled is row `selection[p]`. */
  readonly selection: Int32Array;
  /** The seed of the stream (recorded in `fitted.seed`). */
  readonly seed: number;
  /** Rows per block of a search over all rows (see {@link SamplerStreamOptions.blockRows}). */
  readonly blockRows: number;
  /** Positions (indices into `selection`) of the rows of a class, in order. */
  positionsOf(label: Label): Int32Array;
  /** Rows of X of a class (`selection` at its positions), in order. */
  rowsOf(label: Label): Int32Array;
  /** The rows `rows` of X as a fresh float64 row-major matrix (`rows.length × cols`). */
  dense(rows: ArrayLike<number>): Float64Array;
  /**
   * The rows `rows` of X as a float64 row-major matrix in one buffer that every call reuses (grown
   * to the largest request): valid until the next call. The way to densify one class or one block
   * at a time without leaving a copy per class for the garbage collector.
   */
  denseBlock(rows: ArrayLike<number>): Float64Array;
  /**
   * The default entry of every class: `originals` = the class count and `synthetic` = the plan's
   * count (over-samplers), or `originals` = the rows kept, drawn `'fresh'` each epoch
   * (under-samplers); no generator. Spread an entry to add yours: `{ ...c, generator }`.
   */
  classes(): StreamClass[];
  /** Reports progress to the caller's `onProgress`, if any. */
  progress(phase: string, done: number, total: number | undefined, unit: string): void;
}
