import type { Label } from '../core/matrix.js';
import { checkOptions, invalid } from '../core/validate.js';
import type { NeighborSearch } from './neighbors/types.js';
import { SAMPLER_OPTIONS, Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { drawPairs, interpolateRow } from './interpolate.js';
import { checkClassSizes, checkKNeighbors, generatingClasses } from './neighborCount.js';
import { allRows } from './gatherRows.js';
import { perClassGenerators } from './lazy/perClassGenerators.js';
import { smotencGenerator } from './lazy/smotencGenerator.js';
import type { StreamContext, StreamPlan } from './lazy/streamPlan.js';
import { checkNeighborSearch, defaultNeighbors, selfNeighbors } from './neighborSearch.js';
import { categoricalColumns, categoricalTable, encodeClass, medianStd, vote, voteScratch } from './smotencEncoding.js';

/** Options of {@link SMOTENC}. */
export interface SMOTENCOptions extends SamplerOptions {
  /**
   * Which columns are categorical: column indices, or a boolean mask with one entry per column.
   * Categorical columns hold category codes (any finite numbers, e.g. the Encoder's ordinal
   * output); the other columns are continuous.
   */
  categoricalFeatures: ReadonlyArray<number> | ReadonlyArray<boolean>;
  /**
   * Number of nearest same-class neighbours. `'auto'` (opt-in) uses 5, clamped per class to the
   * class size − 1; the value used per class is recorded in `fitted.kNeighbors`.
   * @defaultValue 5
   */
  kNeighbors?: number | 'auto';
  /**
   * A custom neighbour search over the encoded class matrix (see remarks).
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link SMOTENC}. */
export interface SMOTENCParams extends SamplerParams {
  /** Categorical columns as given (indices or mask). */
  readonly categoricalFeatures: ReadonlyArray<number> | ReadonlyArray<boolean>;
  /** Number of same-class neighbours. */
  readonly kNeighbors: number | 'auto';
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

/** What SMOTENC adds to `fitted`. */
export interface SMOTENCFitted {
  /**
   * Per resampled class: the median, over continuous features, of the population standard
   * deviation within the class — each categorical mismatch adds its square to the squared distance.
   */
  readonly medianStd: ReadonlyMap<Label, number>;
  /** The categorical column indices, sorted. */
  readonly categoricalFeatures: ReadonlyArray<number>;
  /** The number of neighbours used per resampled class (differs from the option only with `'auto'`). */
  readonly kNeighbors: ReadonlyMap<Label, number>;
}

/** The options of SMOTENC besides samplingStrategy and seed. */
const OPTIONS: ReadonlyArray<keyof SMOTENCOptions> = ['categoricalFeatures', 'kNeighbors', 'neighbors'];

/** Validates `categoricalFeatures` (indices or a mask) without data, and returns a frozen copy. */
function checkCategoricalFeatures(value: unknown): ReadonlyArray<number> | ReadonlyArray<boolean> {
  const ok =
    Array.isArray(value) &&
    (value.every((v) => typeof v === 'boolean') ||
      value.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0));
  if (!ok) {
    invalid(
      'SMOTENC',
      'categoricalFeatures',
      'an array of column indices (integers ≥ 0) or a boolean mask with one entry per column',
      value,
      'E.g. new SMOTENC({ categoricalFeatures: [0, 3] }).',
    );
  }
  return Object.freeze([...(value as Array<number | boolean>)]) as ReadonlyArray<number>;
}

/**
 * SMOTE-NC: SMOTE for mixed continuous and categorical features — categorical values of new rows
 * are the most frequent among the neighbours instead of impossible interpolations.
 *
 * @remarks
 * For each targeted class c (sorted order) that needs `G` rows:
 * - `med_c` = median over continuous features of the population standard deviation within c;
 * - distance = Euclidean distance over the continuous features, where each categorical feature
 *   whose values differ adds `med_c²` to the squared distance (imbalanced-learn ≥ 0.11 encodes this
 *   as one-hot columns scaled by `med_c / √2`; here the one-hot block covers only the categories
 *   present in c, and no n_new × k × n_categories tensor is ever built). imbalanced-learn 0.10
 *   used one median for all classes (the minority's) and a mismatch weight of `med²/2`.
 *   When `med_c = 0` mismatches add nothing, as upstream;
 * - the k nearest same-class neighbours (self excluded) and the draws are as in {@link SMOTE}:
 *   `G` pairs (base, neighbour column) first; then for each new row in order: `u ~ U[0,1)`, the
 *   continuous features interpolated, and each categorical feature (in column order) set to the
 *   value most frequent among the k neighbours of the base row (the base itself not counted). A
 *   tie is broken uniformly at random with one integer draw among the tied values sorted
 *   ascending (imbalanced-learn also breaks ties at random); no draw is made without a tie.
 * Categorical columns keep their original values (codes), so the Encoder's ordinal output can be
 * passed directly and decoded afterwards.
 *
 * @throws {@link InvalidParameterError} when `categoricalFeatures` is missing or malformed.
 * @throws {@link DataValidationError} (from `fitResample`) for indices out of range, all columns
 * categorical (use a categorical-only method) or none, and classes smaller than `kNeighbors + 1`.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new SMOTENC({ categoricalFeatures: [0, 3], seed: 1 }).fitResample(X, y);
 * ```
 * @see Chawla, Bowyer, Hall, Kegelmeyer (2002). SMOTE: Synthetic Minority Over-sampling Technique.
 * JAIR 16:321–357 (section 6.1, SMOTE-NC).
 * @see imbalanced-learn's `imblearn.over_sampling.SMOTENC`.
 */
export class SMOTENC extends Sampler<SMOTENCParams, SMOTENCFitted> {
  /**
   * @param options - `categoricalFeatures` (required), `kNeighbors`, `samplingStrategy`, `seed`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid option.
   */
  constructor(options: SMOTENCOptions) {
    // Unknown keys first: a misspelt categoricalFeatures gets "did you mean", not "must be an array".
    const o = checkOptions<Partial<SMOTENCOptions>>('SMOTENC', options, [...OPTIONS, ...SAMPLER_OPTIONS]);
    super({ name: 'SMOTENC', type: 'over-sampling', options: OPTIONS }, options, {
      categoricalFeatures: checkCategoricalFeatures(o.categoricalFeatures),
      kNeighbors: checkKNeighbors('SMOTENC', o.kNeighbors),
      neighbors: checkNeighborSearch('SMOTENC', o.neighbors),
    });
  }

  /**
   * Rebuilds a SMOTENC from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): SMOTENC {
    return Sampler.loadJSON(json, 'SMOTENC', SMOTENC);
  }

  /** The categorical and continuous columns of a `cols`-wide X. */
  private columns(who: string, cols: number): { cat: number[]; cont: number[] } {
    return categoricalColumns(who, this.params.categoricalFeatures as ReadonlyArray<number | boolean>, cols);
  }

  protected resample(ctx: SamplerContext): SMOTENCFitted {
    const { who, data, cols, rng } = ctx;
    const kOpt = this.params.kNeighbors;
    const { cat, cont } = this.columns(who, cols);
    checkClassSizes(who, 'kNeighbors', kOpt, ctx.plan, ctx.counts);
    const out = ctx.allocate();
    const med = new Map<Label, number>();
    const kUsed = new Map<Label, number>();
    const nCat = cat.length;
    for (const { label, count: G, rows: idx, k } of generatingClasses(ctx.plan, (l) => ctx.indicesOf(l), kOpt, kUsed)) {
      const nc = idx.length;
      const m = medianStd(data, cols, idx, cont);
      med.set(label, m);
      const { enc, width } = encodeClass(data, cols, idx, cont, cat, m);
      const nn = selfNeighbors(who, this.params.neighbors ?? defaultNeighbors(), enc, nc, width, k);
      const table = categoricalTable(data, cols, idx, cat);
      const scratch = voteScratch(k);
      const pairs = drawPairs(rng, nn, k, G);
      const block = out.rows(label);
      for (let i = 0; i < G; i++) {
        // After all G pairs: per new row, its step, then its categorical ties (if any) in column order.
        const base = pairs.base[i] as number;
        const u = rng.float();
        interpolateRow(
          data,
          idx[base] as number,
          data,
          idx[pairs.neighbor[i] as number] as number,
          cols,
          u,
          block,
          i,
          cont,
        );
        const oo = i * cols;
        for (let t = 0; t < nCat; t++) block[oo + (cat[t] as number)] = vote(table, nCat, t, nn, base, k, rng, scratch);
      }
    }
    return { medianStd: med, categoricalFeatures: Object.freeze(cat), kNeighbors: kUsed };
  }

  /**
   * The lazy form: per class that generates, densified one at a time, its median standard
   * deviation, its encoded matrix and k-NN table, and its categorical columns (the vote inputs,
   * `n_c × categorical columns`) are kept; each batch draws pairs, steps and ties as `fitResample`
   * does and gathers the two rows of each new row from X.
   */
  protected override streamPlan(ctx: StreamContext): StreamPlan<SMOTENCFitted> {
    const { who, cols } = ctx;
    const { cat, cont } = this.columns(who, cols);
    const med = new Map<Label, number>();
    const { classes, kUsed } = perClassGenerators(ctx, this.params.kNeighbors, (c, k) => {
      const nc = c.rows.length;
      const block = ctx.denseBlock(c.rows);
      const idx = allRows(nc);
      const m = medianStd(block, cols, idx, cont);
      med.set(c.label, m);
      const { enc, width } = encodeClass(block, cols, idx, cont, cat, m);
      const nn = selfNeighbors(who, this.params.neighbors ?? defaultNeighbors(), enc, nc, width, k);
      return smotencGenerator(c.rows, cols, nn, k, categoricalTable(block, cols, idx, cat), cat, cont);
    });
    return { classes, fitted: { medianStd: med, categoricalFeatures: Object.freeze(cat), kNeighbors: kUsed } };
  }
}
