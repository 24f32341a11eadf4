import { DataValidationError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkOptions, invalid } from '../core/validate.js';
import type { NeighborSearch } from './neighbors/types.js';
import { SAMPLER_OPTIONS, Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { drawPairs, interpolateRow } from './interpolate.js';
import { checkClassSizes, checkKNeighbors, kFor } from './neighborCount.js';
import { checkNeighborSearch, defaultNeighbors, selfNeighbors } from './neighborSearch.js';

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
 * The median over continuous columns of the population standard deviation of the given rows. @internal
 */
export function medianStd(
  data: Float64Array,
  cols: number,
  idx: Int32Array,
  continuous: ReadonlyArray<number>,
): number {
  const n = idx.length;
  const stds = new Float64Array(continuous.length);
  continuous.forEach((f, t) => {
    let mean = 0;
    for (let s = 0; s < n; s++) mean += data[(idx[s] as number) * cols + f] as number;
    mean /= n;
    let v = 0;
    for (let s = 0; s < n; s++) {
      const d = (data[(idx[s] as number) * cols + f] as number) - mean;
      v += d * d;
    }
    stds[t] = Math.sqrt(v / n);
  });
  stds.sort();
  const m = stds.length;
  return m % 2 === 1 ? (stds[(m - 1) / 2] as number) : ((stds[m / 2 - 1] as number) + (stds[m / 2] as number)) / 2;
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
    return new SMOTENC(Sampler.optionsFromJSON(json, 'SMOTENC'));
  }

  private categorical(who: string, cols: number): number[] {
    const cf = this.params.categoricalFeatures as ReadonlyArray<number | boolean>;
    let cat: number[];
    if (cf.length > 0 && typeof cf[0] === 'boolean') {
      if (cf.length !== cols) {
        throw new DataValidationError(
          `${who}: the categoricalFeatures mask has ${cf.length} entries but X has ${cols} columns. ` +
            'Give one boolean per column.',
          { param: 'categoricalFeatures' },
        );
      }
      cat = [];
      cf.forEach((b, j) => b && cat.push(j));
    } else {
      const bad = (cf as number[]).filter((j) => j >= cols);
      if (bad.length > 0) {
        throw new DataValidationError(
          `${who}: categoricalFeatures ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} out of range for X ` +
            `with ${cols} columns. Some of the categorical indices are out of range. Indices should be ` +
            `between 0 and ${cols - 1}.`,
          { param: 'categoricalFeatures' },
        );
      }
      cat = [...new Set(cf as number[])].sort((a, b) => a - b);
    }
    if (cat.length === 0) {
      throw new DataValidationError(
        `${who}: categoricalFeatures selects no column. SMOTE-NC is not designed to work only with ` +
          'numerical features. It requires some categorical features; use SMOTE for all-numeric data.',
        { param: 'categoricalFeatures' },
      );
    }
    if (cat.length === cols) {
      throw new DataValidationError(
        `${who}: every column is categorical. SMOTE-NC is not designed to work only with categorical ` +
          'features. It requires some numerical features; use RandomOverSampler (or a categorical-only ' +
          "method such as imbalanced-learn's SMOTEN) instead.",
        { param: 'categoricalFeatures' },
      );
    }
    return cat;
  }

  protected resample(ctx: SamplerContext): SMOTENCFitted {
    const { who, data, cols, rng } = ctx;
    const kOpt = this.params.kNeighbors;
    const cat = this.categorical(who, cols);
    const isCat = new Uint8Array(cols);
    for (const j of cat) isCat[j] = 1;
    const cont: number[] = [];
    for (let j = 0; j < cols; j++) if (!isCat[j]) cont.push(j);
    checkClassSizes(who, 'kNeighbors', kOpt, ctx.plan, ctx.counts);
    const out = ctx.allocate();
    const med = new Map<Label, number>();
    const kUsed = new Map<Label, number>();
    let kMax = 0;
    for (const [c, G] of ctx.plan) if (G > 0) kMax = Math.max(kMax, kFor(kOpt, ctx.counts.get(c) as number));
    const vals = new Float64Array(kMax);
    const cnt = new Int32Array(kMax);
    const tied = new Float64Array(kMax);
    for (const [label, G] of ctx.plan) {
      if (G <= 0) continue;
      const idx = ctx.indicesOf(label);
      const nc = idx.length;
      const k = kFor(kOpt, nc);
      kUsed.set(label, k);
      const m = medianStd(data, cols, idx, cont);
      med.set(label, m);
      // Encoded class matrix: continuous columns, then one slot per (categorical feature, value present in the class).
      const slots: Array<Map<number, number>> = cat.map(() => new Map());
      let width = cont.length;
      cat.forEach((f, t) => {
        const s = slots[t] as Map<number, number>;
        for (let r = 0; r < nc; r++) {
          const v = data[(idx[r] as number) * cols + f] as number;
          if (!s.has(v)) s.set(v, width++);
        }
      });
      const enc = new Float64Array(nc * width);
      const w = m / Math.SQRT2;
      for (let r = 0; r < nc; r++) {
        const src = (idx[r] as number) * cols;
        const dst = r * width;
        for (let t = 0; t < cont.length; t++) enc[dst + t] = data[src + (cont[t] as number)] as number;
        cat.forEach((f, t) => {
          enc[dst + ((slots[t] as Map<number, number>).get(data[src + f] as number) as number)] = w;
        });
      }
      const nn = selfNeighbors(who, this.params.neighbors ?? defaultNeighbors(), enc, nc, width, k);
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
        for (const f of cat) {
          let distinct = 0;
          let best = 0;
          for (let t = 0; t < k; t++) {
            const v = data[(idx[nn[base * k + t] as number] as number) * cols + f] as number;
            let s = 0;
            while (s < distinct && vals[s] !== v) s++;
            if (s === distinct) {
              vals[distinct] = v;
              cnt[distinct++] = 0;
            }
            const c = (cnt[s] as number) + 1;
            cnt[s] = c;
            if (c > best) best = c;
          }
          let nt = 0;
          for (let s = 0; s < distinct; s++) if (cnt[s] === best) tied[nt++] = vals[s] as number;
          let choice: number;
          if (nt === 1) choice = tied[0] as number;
          else {
            const sorted = tied.subarray(0, nt).sort();
            choice = sorted[rng.int(nt)] as number;
          }
          block[oo + f] = choice;
        }
      }
    }
    return { medianStd: med, categoricalFeatures: Object.freeze(cat), kNeighbors: kUsed };
  }
}
