import type { BatchSource, LazySampler } from '../core/batchSource.js';
import { DataValidationError, NotFittedError, describe } from '../core/errors.js';
import type { ResampleResult, SamplerLike, Serializable } from '../core/contracts.js';
import { checkLabels, classCounts } from '../core/labels.js';
import { rowCountOf, toDense, type Label, type MatrixInput } from '../core/matrix.js';
import { Random, checkSeed } from '../core/Random.js';
import { isRowSource, type RowSource } from '../core/rowSource.js';
import type { Envelope } from '../core/serialization.js';
import { checkOptions } from '../core/validate.js';
import { assembleResult, checkOutputSize, type HookInput, outputBuffer, runHook } from './eagerResample.js';
import { runFitStream } from './lazy/fitStream.js';
import { selectionStreamPlan } from './lazy/fitTimeStream.js';
import { hookStreamPlan } from './lazy/hookStream.js';
import type { SamplerStreamOptions, StreamContext, StreamPlan } from './lazy/streamPlan.js';
import { checkRowSource, readDense } from './readRows.js';
import { borrowDense } from './lentDense.js';
import { samplerFromJSON, samplerOptionsFromJSON, samplerToJSON } from './samplerJSON.js';
import {
  checkSamplingStrategy,
  type PlanContext,
  resolveSamplingStrategy,
  type SamplingStrategy,
  type SamplingType,
} from './samplingStrategy.js';

/** Options every sampler accepts. */
export interface SamplerOptions {
  /**
   * What to resample, with imbalanced-learn's meaning (see {@link SamplingStrategy}).
   * @defaultValue 'auto'
   */
  samplingStrategy?: SamplingStrategy;
  /**
   * Seed of the one random stream used per `fitResample`. When omitted a seed is drawn and
   * recorded in `fitted.seed`, so the run can be replayed.
   */
  seed?: number;
}

/** The validated, frozen options of a sampler (`samplingStrategy` resolved to its default). */
export interface SamplerParams {
  /** The strategy as given (defaults to `'auto'`). */
  readonly samplingStrategy: SamplingStrategy;
  /** The seed, or undefined for a fresh seed per call. */
  readonly seed: number | undefined;
}

/** What a sampler records about its last `fitResample` (or `fitStream`) call. */
export interface FittedSampler {
  /**
   * The resolved strategy, sorted by class: rows to add (over-samplers) or to keep
   * (under-samplers) per targeted class — what {@link Sampler.plan} returned.
   */
  readonly samplingStrategy: ReadonlyMap<Label, number>;
  /** The seed actually used (drawn when the `seed` option was omitted). */
  readonly seed: number;
  /**
   * Rows actually added (over-samplers) or kept (under-samplers) per targeted class. Equal to
   * `samplingStrategy` except for ADASYN, whose per-row rounding can give more or fewer.
   */
  readonly realized: ReadonlyMap<Label, number>;
  /** Class counts of the output (of the resampled data a `fitStream` streams), sorted by class. */
  readonly counts: ReadonlyMap<Label, number>;
  /** Number of features of the input. */
  readonly nFeaturesIn: number;
}

/** Synthetic rows reserved by {@link SamplerContext.allocate}: views into the one output buffer. */
export interface SyntheticRows {
  /**
   * The block of a class's new rows (row-major, `count × cols`, zero-filled): write into it.
   * @throws Error when the class was not allocated.
   */
  rows(label: Label): Float64Array;
  /**
   * The source row index of each new row of the class (pre-filled with `-1`); write the index of
   * the copied row when a new row is a copy. Returned as `sampleIndices` only when the sampler
   * was constructed with `sampleIndices: true`.
   */
  sources(label: Label): Int32Array;
}

/**
 * Everything a sampler's hook needs: the validated data, labels, class counts, resolved plan and
 * the seeded stream, plus the output builders.
 */
export interface SamplerContext extends PlanContext {
  /** Validated copy of X, row-major (`rows × cols`). Never modify it. */
  readonly data: Float64Array;
  /** Number of rows of X. */
  readonly rows: number;
  /** The one seeded random stream of this call. */
  readonly rng: Random;
  /** Row indices of a class, in input order. */
  indicesOf(label: Label): Int32Array;
  /**
   * Over-samplers: reserves the output once, with `counts` new rows per class (default: the
   * plan) placed after the originals in sorted class order, and returns views to fill.
   */
  allocate(counts?: ReadonlyMap<Label, number>): SyntheticRows;
  /**
   * Under-samplers: the rows of `label` to keep, in output order. Classes never passed here are
   * kept whole, in input order.
   */
  keep(label: Label, indices: Int32Array): void;
}

/** Configuration a concrete sampler passes to the {@link Sampler} constructor. */
export interface SamplerConfig {
  /** Class name used in messages and in the JSON envelope. */
  name: string;
  /** Whether the sampler adds rows or keeps a subset. */
  type: SamplingType;
  /**
   * Whether `fitResample` returns `sampleIndices`.
   * @defaultValue false for over-samplers, true for under-samplers
   */
  sampleIndices?: boolean;
  /**
   * The names of the sampler's own options, accepted besides `samplingStrategy` and `seed`. Any
   * other key of the options object throws {@link InvalidParameterError} naming the closest known
   * name (`new SMOTE({ k_neighbors: 3 })`: "did you mean 'kNeighbors'?"), because a misspelt
   * option that is silently ignored gives a wrong result nobody sees.
   *
   * Each option is stored in `params` under its own name — {@link Sampler.toJSON} writes the params
   * and {@link Sampler.optionsFromJSON} passes them back to the constructor as options — so the
   * default, the keys of the `own` params given to the constructor, is the right list. Give it to
   * keep the list explicit (the built-in samplers do); it must then name every key of `own` (the
   * constructor throws otherwise).
   * @defaultValue the keys of the constructor's `own` argument
   */
  options?: ReadonlyArray<string>;
  /**
   * Whether the sampler draws random numbers (and takes a `seed` option). A sampler that draws
   * nothing (TomekLinks, EditedNearestNeighbours…) passes `false`: its lazy stream, which still
   * shuffles its batches, then uses the seed 0, so the same data give the same batches.
   * @defaultValue true
   */
  seeded?: boolean;
}

/** The option names every sampler accepts. @internal */
export const SAMPLER_OPTIONS: ReadonlyArray<keyof SamplerOptions> = ['samplingStrategy', 'seed'];

/**
 * The base class of every sampler, and the contract for writing your own: it checks the options
 * object (unknown keys rejected, see {@link SamplerConfig.options}), validates `X` and `y`, resolves
 * `samplingStrategy` into one sorted Map, creates the seeded random stream, calls one protected hook
 * ({@link Sampler.resample}) and assembles the output; {@link Sampler.toJSON} and
 * {@link Sampler.optionsFromJSON} give it a JSON form and a one-line `fromJSON`.
 *
 * @remarks
 * Output order: for over-samplers, every original row first, untouched and in input order, then
 * the new rows grouped by class in sorted class order. For under-samplers, the kept rows class by
 * class in sorted class order (within a class, in the order the hook chose them; untouched classes
 * in input order) — imbalanced-learn's order.
 * Samplers hold no learned state between calls apart from `fitted`, the record of the last call.
 * Every sampler also has a lazy form, {@link Sampler.fitStream}, which streams mini-batches of the
 * resampled data instead of building it: a sampler gets it for free (an over-sampler's `resample`
 * hook run once per epoch on a dense copy, an under-sampler's selection made once at fit) and
 * scales to data that does not fit by overriding {@link Sampler.streamPlan}, as the built-in
 * samplers do.
 * `X` must be finite (NaN and ±Infinity are rejected, unlike imbalanced-learn's random samplers).
 *
 * @typeParam P - The frozen params type of the concrete sampler.
 * @typeParam Extra - Extra fields the hook adds to `fitted`.
 *
 * @example
 * ```ts
 * class Duplicate extends Sampler<SamplerParams> {
 *   constructor(options: SamplerOptions = {}) {
 *     super({ name: 'Duplicate', type: 'over-sampling' }, options, {});
 *   }
 *   static fromJSON(json: unknown): Duplicate {
 *     return Sampler.loadJSON(json, 'Duplicate', Duplicate);
 *   }
 *   protected resample(ctx: SamplerContext): object {
 *     const out = ctx.allocate();
 *     for (const [label, n] of ctx.plan) {
 *       const rows = ctx.indicesOf(label);
 *       const block = out.rows(label);
 *       for (let i = 0; i < n; i++) {
 *         const src = rows[ctx.rng.int(rows.length)] as number;
 *         block.set(ctx.data.subarray(src * ctx.cols, (src + 1) * ctx.cols), i * ctx.cols);
 *       }
 *     }
 *     return {};
 *   }
 * }
 * ```
 * @see imbalanced-learn's `BaseSampler` / `BaseOverSampler` / `BaseUnderSampler`.
 */
export abstract class Sampler<P extends SamplerParams = SamplerParams, Extra extends object = object>
  implements SamplerLike, LazySampler, Serializable
{
  /** The validated, frozen options. */
  readonly params: Readonly<P>;
  /** Whether this sampler adds rows (`'over-sampling'`) or keeps a subset (`'under-sampling'`). */
  readonly samplingType: SamplingType;
  private readonly className: string;
  private readonly withIndices: boolean;
  private readonly seeded: boolean;
  private lastFit: (FittedSampler & Extra) | undefined;
  /** Whether the output may reuse the copy of X (see `HookInput.consume`; cleaning samplers). @internal */
  protected readonly reusesInputCopy: boolean = false;

  /**
   * @param config - Name and kind of the concrete sampler, and the names of its own options.
   * @param options - The options object as the user passed it (`undefined` reads as `{}`): the base
   * checks that it is a plain object without unknown keys, and validates `samplingStrategy` and
   * `seed`.
   * @param own - The concrete sampler's own validated params (merged into `params`).
   * @throws {@link InvalidParameterError} for an options object that is not a plain object or has an
   * unknown key (the message suggests the closest known name), or an invalid `samplingStrategy` or
   * `seed`.
   */
  protected constructor(config: SamplerConfig, options: SamplerOptions, own: Omit<P, keyof SamplerParams>) {
    const ownNames = Object.keys(own);
    const missing = ownNames.filter((k) => config.options !== undefined && !config.options.includes(k));
    if (missing.length > 0) {
      throw new Error(
        `${config.name}: SamplerConfig.options must name every param the sampler stores (toJSON writes them ` +
          `and fromJSON passes them back as options); it lacks ${missing.join(', ')}.`,
      );
    }
    const known = [...(config.options ?? ownNames), ...SAMPLER_OPTIONS];
    const o = checkOptions<SamplerOptions>(config.name, options, known);
    this.className = config.name;
    this.samplingType = config.type;
    this.withIndices = config.sampleIndices ?? config.type === 'under-sampling';
    this.seeded = config.seeded ?? true;
    const samplingStrategy = checkSamplingStrategy(config.name, o.samplingStrategy, config.type);
    const seed = checkSeed(config.name, o.seed);
    this.params = Object.freeze({ ...own, samplingStrategy, seed } as unknown as P);
  }

  /**
   * The constructor options held by the JSON that {@link Sampler.toJSON} wrote for the sampler
   * class `name` (the object or its JSON text), Maps restored — what a sampler's `static fromJSON`
   * passes to its constructor, which validates them as any options:
   *
   * ```ts
   * static fromJSON(json: unknown): Jitter {
   *   return Sampler.loadJSON(json, 'Jitter', Jitter);
   * }
   * ```
   *
   * @typeParam O - The options type of the sampler (inferred from the constructor call).
   * @param json - An envelope `{ format: 'imbalanced-tabular/<name>', version: 1, params, state }`.
   * @param name - The sampler's class name, as given in its {@link SamplerConfig}.
   * @throws {@link SerializationError} for another format or version, or malformed params.
   */
  protected static optionsFromJSON<O extends object = SamplerOptions>(json: unknown, name: string): O {
    return samplerOptionsFromJSON(json, name) as O;
  }

  /**
   * Rebuilds a sampler of class `Class` (its constructor, named `name` in its
   * {@link SamplerConfig}) from the JSON that {@link Sampler.toJSON} wrote — the one-line
   * `fromJSON` of every sampler:
   *
   * ```ts
   * static fromJSON(json: unknown): Jitter {
   *   return Sampler.loadJSON(json, 'Jitter', Jitter);
   * }
   * ```
   *
   * Strict: an option the constructor refuses, a missing option it would fill with its default,
   * or any field that makes the document differ from what `toJSON` writes for the sampler built
   * throws a {@link SerializationError} naming the field — so a tampered document is refused,
   * never loaded as a silently different sampler.
   *
   * @typeParam S - The sampler class.
   * @param json - An envelope `{ format: 'imbalanced-tabular/<name>', version: 1, params, state }`
   * or its JSON text.
   * @param name - The sampler's class name, as given in its {@link SamplerConfig}.
   * @param Class - The sampler's constructor, called with the options read.
   * @throws {@link SerializationError} for a foreign, malformed or edited document.
   */
  protected static loadJSON<S extends Serializable>(json: unknown, name: string, Class: new (options: never) => S): S {
    return samplerFromJSON(json, name, (o) => new Class(o as never));
  }

  /**
   * The hook a concrete sampler implements: produce the new rows (call `ctx.allocate()` once and
   * fill the blocks) or choose the rows to keep (`ctx.keep`). Draw randomness only from `ctx.rng`.
   *
   * @returns Extra fields recorded in `fitted` (an empty object when there are none).
   */
  protected abstract resample(ctx: SamplerContext): Extra;

  /**
   * An upper bound on the rows an over-sampler's `resample` will allocate, given the plan (room for
   * them is reserved in the copy of X). The default is the plan's total; a sampler whose realized
   * counts can exceed the plan (ADASYN's rounding) returns more. Too small a bound costs one extra
   * copy of X, never a wrong result.
   */
  protected maxNewRows(plan: ReadonlyMap<Label, number>, counts: ReadonlyMap<Label, number>): number {
    void counts;
    let total = 0;
    for (const g of plan.values()) total += Math.max(0, g);
    return total;
  }

  /**
   * What the last {@link Sampler.fitResample} did: resolved strategy, seed used, realized counts.
   * @throws {@link NotFittedError} before the first `fitResample`.
   */
  get fitted(): FittedSampler & Extra {
    if (!this.lastFit) throw new NotFittedError(this.className, 'fitted');
    return this.lastFit;
  }

  /**
   * The per-class targets `fitResample` would use for these labels, before any resampling: rows to
   * add per class (over-samplers) or rows to keep (under-samplers), sorted by class.
   *
   * @param y - The labels.
   * @throws {@link DataValidationError} when `y` is invalid, has one class, or the strategy does not fit it.
   * @example
   * ```ts
   * new SMOTE({ samplingStrategy: new Map([['b', 50]]) }).plan(y); // Map { 'b' => 50 - count of 'b' }
   * ```
   */
  plan(y: ReadonlyArray<Label>): Map<Label, number> {
    const who = `${this.className}.plan`;
    const labels = checkLabels(y, who);
    return this.resolve(who, labels, classCounts(labels));
  }

  private resolve(who: string, y: ReadonlyArray<Label>, counts: ReadonlyMap<Label, number>): Map<Label, number> {
    if (counts.size < 2) {
      const classes = [...counts.keys()].map((c) => describe(c)).join(', ') || 'none';
      throw new DataValidationError(
        `${who}: y needs at least 2 classes to resample, received ${counts.size} (${classes}). The target 'y' ` +
          'needs to have more than 1 class. Pass labels of at least two classes.',
        { param: 'y' },
      );
    }
    return resolveSamplingStrategy(who, this.params.samplingStrategy, counts, y, this.samplingType);
  }

  /**
   * Resamples `(X, y)` and returns new arrays; the inputs are never modified.
   *
   * @param X - Rows as `number[][]`, typed-array rows, an ml-matrix `Matrix` or a {@link RowSource}
   * (read in chunks into a float64 copy; finite values).
   * @param y - One label per row (strings or numbers), at least two classes.
   * @returns `{ X, y }` (and `sampleIndices` for samplers that copy or select rows).
   * @throws {@link DataValidationError} for invalid `X` or `y`, a single class, or a strategy that does
   * not fit the data.
   */
  fitResample(X: MatrixInput | RowSource, y: ReadonlyArray<Label>): ResampleResult {
    const who = `${this.className}.fitResample`;
    const over = this.samplingType === 'over-sampling';
    // The plan first, so that an over-sampler's copy of X has room for allocate()'s rows: one copy.
    const lent = borrowDense(X); // a combination's own intermediate, read in place (see lentDense.ts)
    const source = !lent && isRowSource(X) ? X : undefined;
    const n = lent ? lent.rows : source ? source.rows : rowCountOf(X as MatrixInput);
    if (source) checkRowSource(who, source);
    else if (!lent && (n === undefined || n < 1)) toDense(X as MatrixInput, { who }); // throws the matrix error
    const labels = checkLabels(y, who, 'y', n);
    const counts = classCounts(labels);
    const plan = this.resolve(who, labels, counts);
    const spareRows = over ? this.maxNewRows(plan, counts) : 0;
    const width = lent ? lent.cols : source ? source.columns : columnCountOf(X as MatrixInput);
    checkOutputSize(who, n as number, spareRows, width);
    const dense =
      lent ??
      outputBuffer(who, n as number, spareRows, width, () =>
        source
          ? readDense(who, source, undefined, spareRows)
          : toDense(X as MatrixInput, { who, ...(over ? { spareRows } : {}) }),
      );
    const rng = Random.from(this.params.seed);
    const { data, rows, cols, room } = dense;
    const consume = this.reusesInputCopy && (lent === undefined || lent.consume === true);
    const input: HookInput = { who, over, data, rows, cols, room, labels, counts, plan, rng, consume };
    const out = runHook(input, (ctx) => this.resample(ctx));
    const { result, realized, outCounts } = assembleResult(input, out, this.withIndices);
    this.lastFit = Object.freeze({
      ...out.extra,
      samplingStrategy: plan,
      seed: rng.seed,
      realized,
      counts: outCounts,
      nFeaturesIn: cols,
    }) as FittedSampler & Extra;
    return result;
  }

  /**
   * Fits on the rows of `X` and returns the mini-batch stream of the resampled data: the resampled
   * matrix is never built. Original rows are gathered from `X`, synthetic rows generated batch by
   * batch by the same rules as {@link Sampler.fitResample}, fresh ones every epoch.
   *
   * @remarks
   * The plan is resolved on the selected rows exactly as `fitResample` resolves it, and `fitted`
   * records it with `counts` = the class counts of the resampled data (`realized` as `fitResample`
   * would report it). Then what the sampler's {@link Sampler.streamPlan} needs is computed once —
   * neighbour tables, per-row counts — in memory proportional to the rows × neighbours, one class
   * (or one block of rows) densified at a time.
   *
   * **Epochs.** An epoch has `epochRows` rows, by default min(selected rows, resampled total): never
   * more than the training data. Its class mix is the resampled data's, the `epochRows` split by
   * largest remainder in proportion to the resampled class counts `T_c` (`epochCounts`, the same
   * every epoch); within class c, `o_c = round(e_c · originals_c / T_c)` rows are original and the
   * rest synthetic. An over-sampler's originals are drawn by a permutation of the class that cycles
   * across epochs (epoch e takes the next `o_c` rows of it), so every original row is seen in the
   * first ⌈n_c / o_c⌉ epochs (and in any ⌈n_c / o_c⌉ + 1 in a row); an under-sampler draws a fresh
   * subset every epoch. The epoch's rows are
   * shuffled together and cut into batches; the last may be smaller. Same seed, epoch and batch size
   * → the same batches, whatever was iterated before.
   *
   * @param X - The data as a {@link RowSource} (e.g. `denseRowSource(data, rows, cols)` or an
   * Encoder's compact output): read by gathering rows, never copied whole.
   * @param y - One label per row of `X`.
   * @param options - `rows` (the rows to resample, e.g. a training split), `onProgress`, `epochRows`,
   * `blockRows`.
   * @returns The batch source (labels index into its sorted `classes`).
   * @throws {@link DataValidationError} for an invalid `X`, `y` or `rows`, a single class, a strategy
   * that does not fit, non-finite values in the selected rows, or what the sampler's own checks reject.
   * @throws {@link InvalidParameterError} for an unknown or invalid option.
   * @example
   * ```ts
   * const data = Float32Array.from({ length: 40 }, (_, i) => (i * 7) % 11); // 20 rows × 2 features
   * const y = Array.from({ length: 20 }, (_, i) => (i < 14 ? 'a' : 'b'));
   * const source = new SMOTE({ kNeighbors: 3, seed: 1 }).fitStream(denseRowSource(data, 20, 2), y);
   * for (const batch of source.batches(0, 8)) {
   *   // batch.x: batch.size × 2 float32 values; batch.y: indices into source.classes (['a', 'b'])
   * }
   * ```
   */
  fitStream(X: RowSource, y: ReadonlyArray<Label>, options?: SamplerStreamOptions): BatchSource {
    const input = {
      name: this.className,
      samplingType: this.samplingType,
      seed: this.seeded ? this.params.seed : 0,
      resolve: (who: string, labels: ReadonlyArray<Label>, counts: ReadonlyMap<Label, number>) =>
        this.resolve(who, labels, counts),
      hook: (ctx: StreamContext) => this.streamPlan(ctx),
    };
    const { source, plan, seed, ctx } = runFitStream(input, X, y, options);
    const realized = new Map<Label, number>();
    const counts = new Map<Label, number>();
    for (const c of plan.classes) {
      counts.set(c.label, c.originals + c.synthetic);
      if (ctx.plan.has(c.label))
        realized.set(c.label, this.samplingType === 'over-sampling' ? c.synthetic : c.originals);
    }
    this.lastFit = Object.freeze({
      ...plan.fitted,
      samplingStrategy: ctx.plan,
      seed,
      realized,
      counts,
      nFeaturesIn: ctx.cols,
    }) as FittedSampler & Extra;
    return source;
  }

  /**
   * The lazy form's hook: what {@link Sampler.fitStream} needs, computed once, as one
   * {@link StreamClass} per class (its rows, its original and synthetic counts, a
   * {@link SyntheticGenerator}). `ctx.classes()` gives the default entries to extend.
   *
   * The default for an over-sampler runs the eager {@link Sampler.resample} hook once per epoch on
   * a dense copy of the selected rows, each run with its own seed, and takes the epoch's synthetic
   * rows from that run: exact, but it holds the selected rows twice (float64) for the whole
   * training — override this hook for data that does not fit (see docs/extending-samplers.md). The
   * default for an under-sampler is its fit-time selection: the hook runs once, with the stream's
   * seed (so it keeps the rows `fitResample` keeps with that seed), the dense copy is released, and
   * every epoch draws its rows from the kept rows of X ("keep these indices").
   */
  protected streamPlan(ctx: StreamContext): StreamPlan<Extra> {
    const hook = (c: SamplerContext): Extra => this.resample(c);
    return this.samplingType === 'under-sampling' ? selectionStreamPlan(ctx, hook) : hookStreamPlan(ctx, hook);
  }

  /**
   * The JSON form of the sampler's params (`state` is `null`: samplers learn nothing that a later
   * call reuses). Maps are written as `{ "$map": [[key, value], …] }`. {@link Sampler.optionsFromJSON}
   * reads it back.
   *
   * @throws {@link SerializationError} when a param is a function or an object (e.g. a custom
   * `samplingStrategy` function or `neighbors` search), which JSON cannot hold.
   */
  toJSON(): Envelope {
    return samplerToJSON(this.className, this.params as unknown as Record<string, unknown>);
  }
}

/** The columns of a matrix input (its first row's length; 0 when it cannot be told, for the size check). */
function columnCountOf(X: MatrixInput): number {
  const first = Array.isArray(X) ? (X[0] as { length?: unknown } | undefined) : undefined;
  if (first !== undefined) return typeof first?.length === 'number' ? first.length : 0;
  const m = X as { columns?: unknown };
  return typeof m.columns === 'number' ? m.columns : 0;
}
