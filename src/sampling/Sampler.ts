import { DataValidationError, NotFittedError, describe } from '../core/errors.js';
import type { ResampleResult, SamplerLike, Serializable } from '../core/contracts.js';
import { checkLabels, classCounts } from '../core/labels.js';
import { fromDense, rowCountOf, toDense, type Label, type MatrixInput } from '../core/matrix.js';
import { Random, checkSeed } from '../core/random.js';
import type { Envelope } from '../core/serialization.js';
import { checkOptions } from '../core/validate.js';
import { samplerOptionsFromJSON, samplerToJSON } from './samplerJSON.js';
import {
  checkSamplingStrategy,
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

/** What a sampler records about its last `fitResample` call. */
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
  /** Class counts of the output, sorted by class. */
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
export interface SamplerContext {
  /** `ClassName.fitResample`, for error messages. */
  readonly who: string;
  /** Validated copy of X, row-major (`rows × cols`). Never modify it. */
  readonly data: Float64Array;
  /** Number of rows of X. */
  readonly rows: number;
  /** Number of columns of X. */
  readonly cols: number;
  /** Validated copy of y. */
  readonly y: ReadonlyArray<Label>;
  /** Class counts, sorted by class. */
  readonly counts: ReadonlyMap<Label, number>;
  /** The resolved strategy: rows to add (over) or keep (under) per targeted class, sorted. */
  readonly plan: ReadonlyMap<Label, number>;
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
 *     return new Duplicate(Sampler.optionsFromJSON(json, 'Duplicate'));
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
  implements SamplerLike, Serializable
{
  /** The validated, frozen options. */
  readonly params: Readonly<P>;
  /** Whether this sampler adds rows (`'over-sampling'`) or keeps a subset (`'under-sampling'`). */
  readonly samplingType: SamplingType;
  private readonly className: string;
  private readonly withIndices: boolean;
  private lastFit: (FittedSampler & Extra) | undefined;

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
   *   return new Jitter(Sampler.optionsFromJSON(json, 'Jitter'));
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
   * @param X - Rows as `number[][]`, typed-array rows or an ml-matrix `Matrix` (finite values).
   * @param y - One label per row (strings or numbers), at least two classes.
   * @returns `{ X, y }` (and `sampleIndices` for samplers that copy or select rows).
   * @throws {@link DataValidationError} for invalid `X` or `y`, a single class, or a strategy that does
   * not fit the data.
   */
  fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult {
    const who = `${this.className}.fitResample`;
    const over = this.samplingType === 'over-sampling';
    // The plan comes first so that an over-sampler's copy of X can be made with room for the new
    // rows after it: allocate() then writes them there, and X is copied once, not twice.
    const n = rowCountOf(X);
    if (n === undefined || n < 1) toDense(X, { who }); // throws the matrix error for what X is
    const labels = checkLabels(y, who, 'y', n);
    const counts = classCounts(labels);
    const plan = this.resolve(who, labels, counts);
    const dense = toDense(X, { who, ...(over ? { spareRows: this.maxNewRows(plan, counts) } : {}) });
    const rng = Random.from(this.params.seed);
    const { data, rows, cols, room } = dense;

    const byClass = new Map<Label, Int32Array>();
    const indicesOf = (label: Label): Int32Array => {
      let idx = byClass.get(label);
      if (idx) return idx;
      const n = counts.get(label);
      if (n === undefined) throw new Error(`${who}: class ${describe(label)} is not in y.`);
      idx = new Int32Array(n);
      let t = 0;
      for (let i = 0; i < rows; i++) if (labels[i] === label) idx[t++] = i;
      byClass.set(label, idx);
      return idx;
    };

    let outData: Float64Array | undefined;
    let outSources: Int32Array | undefined;
    let added: Map<Label, number> | undefined;
    const kept = new Map<Label, Int32Array>();
    const ctx: SamplerContext = {
      who,
      data,
      rows,
      cols,
      y: labels,
      counts,
      plan,
      rng,
      indicesOf,
      allocate: (want = plan) => {
        if (!over) throw new Error(`${who}: allocate() is for over-samplers; under-samplers call keep().`);
        if (outData) throw new Error(`${who}: allocate() may be called only once per fitResample.`);
        added = new Map();
        const ordered = [...counts.keys()].filter((c) => (want.get(c) ?? 0) > 0);
        for (const c of want.keys()) {
          if (!counts.has(c)) throw new Error(`${who}: allocate() got class ${describe(c)} which is not in y.`);
        }
        let total = rows;
        const offsets = new Map<Label, number>();
        for (const c of ordered) {
          const n = want.get(c) as number;
          if (!Number.isSafeInteger(n) || n < 0)
            throw new Error(`${who}: allocate() got ${String(n)} rows for class ${describe(c)}.`);
          offsets.set(c, total);
          added.set(c, n);
          total += n;
        }
        let buf: Float64Array;
        if (room && total * cols <= room.length) {
          buf = room.subarray(0, total * cols); // the originals are already its prefix
        } else {
          buf = new Float64Array(total * cols);
          buf.set(data);
        }
        outData = buf;
        const src = new Int32Array(total);
        for (let i = 0; i < rows; i++) src[i] = i;
        src.fill(-1, rows);
        outSources = src;
        return {
          rows: (label: Label) => {
            const o = offsets.get(label);
            if (o === undefined) throw new Error(`${who}: no rows were allocated for class ${describe(label)}.`);
            return buf.subarray(o * cols, (o + (added as Map<Label, number>).get(label)!) * cols);
          },
          sources: (label: Label) => {
            const o = offsets.get(label);
            if (o === undefined) throw new Error(`${who}: no rows were allocated for class ${describe(label)}.`);
            return src.subarray(o, o + (added as Map<Label, number>).get(label)!);
          },
        };
      },
      keep: (label, indices) => {
        if (over) throw new Error(`${who}: keep() is for under-samplers; over-samplers call allocate().`);
        if (!counts.has(label)) throw new Error(`${who}: keep() got class ${describe(label)} which is not in y.`);
        kept.set(label, indices);
      },
    };

    const extra = this.resample(ctx);

    let result: ResampleResult;
    let realized: Map<Label, number>;
    const outCounts = new Map<Label, number>();
    if (over) {
      if (!outData) {
        let planned = 0;
        for (const n of plan.values()) planned += n;
        if (planned > 0)
          throw new Error(
            `${who}: the resample hook did not call ctx.allocate() although the plan asks for ${planned} new rows.`,
          );
        ctx.allocate(new Map());
      }
      const a = added as Map<Label, number>;
      realized = new Map([...plan.keys()].map((c) => [c, a.get(c) ?? 0]));
      const total = (outSources as Int32Array).length;
      const yOut: Label[] = labels.slice();
      yOut.length = total;
      let p = rows;
      for (const [c, n] of a) for (let i = 0; i < n; i++) yOut[p++] = c;
      for (const [c, n] of counts) outCounts.set(c, n + (a.get(c) ?? 0));
      result = { X: fromDense(outData as Float64Array, total, cols), y: yOut };
      if (this.withIndices) result.sampleIndices = outSources as Int32Array;
    } else {
      realized = new Map();
      let total = 0;
      for (const c of counts.keys()) {
        const n = kept.get(c)?.length ?? (counts.get(c) as number);
        outCounts.set(c, n);
        if (plan.has(c)) realized.set(c, n);
        total += n;
      }
      const buf = new Float64Array(total * cols);
      const yOut: Label[] = new Array(total);
      const idxOut = new Int32Array(total);
      let p = 0;
      for (const c of counts.keys()) {
        const idx = kept.get(c) ?? indicesOf(c);
        for (let t = 0; t < idx.length; t++) {
          const i = idx[t] as number;
          if (!(i >= 0 && i < rows) || labels[i] !== c)
            throw new Error(`${who}: keep() for class ${describe(c)} got row ${i}, which is not a row of that class.`);
          buf.set(data.subarray(i * cols, (i + 1) * cols), p * cols);
          yOut[p] = c;
          idxOut[p++] = i;
        }
      }
      result = { X: fromDense(buf, total, cols), y: yOut };
      if (this.withIndices) result.sampleIndices = idxOut;
    }
    this.lastFit = Object.freeze({
      ...extra,
      samplingStrategy: plan,
      seed: rng.seed,
      realized,
      counts: outCounts,
      nFeaturesIn: cols,
    }) as FittedSampler & Extra;
    return result;
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
