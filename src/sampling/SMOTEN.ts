import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { classCodes } from './cleaningStrategy.js';
import { checkClassSizes, checkNeighborCount } from './neighborCount.js';
import { fitValueDifference, vdmNeighbourhoods, writeModes } from './valueDifference.js';

/** Options of {@link SMOTEN}. */
export interface SMOTENOptions extends SamplerOptions {
  /**
   * Neighbours (of the same class, by the value difference metric) whose categories vote for the
   * values of a new row, besides the row itself.
   * @defaultValue 5
   */
  kNeighbors?: number;
}

/** The validated options of {@link SMOTEN}. */
export interface SMOTENParams extends SamplerParams {
  /** Neighbours that vote, besides the row itself. */
  readonly kNeighbors: number;
}

const WHO = 'SMOTEN';

/**
 * SMOTEN: SMOTE for data whose every column is categorical — a new row takes, column by column,
 * the most frequent category among a row and its nearest neighbours of the same class.
 *
 * @remarks
 * Every column is categorical: each distinct value of a column is a category (feed the Encoder's
 * **ordinal** codes, or any numeric codes; the output holds the same values, so
 * `Encoder.inverseTransform` maps them back). Nearness is the value difference metric, counted
 * on all rows: for column f, `δ_f(a, b) = Σ_c |P(c | a) − P(c | b)|` over the classes, and
 * `Δ(x, z) = Σ_f δ_f(x_f, z_f)²` — two categories are close when they predict the classes alike.
 *
 * For each targeted class c (sorted order) needing `G` rows: the neighbourhood of each row of c is
 * the row itself and its `kNeighbors` nearest other rows of c (ties: the smaller row index); then,
 * from the one seeded stream, `G` base rows of c uniformly with replacement, and each new row is
 * the per-column mode of its base row's neighbourhood (ties: the smallest value, as SciPy's `mode`
 * in imbalanced-learn). Nothing else is random. imbalanced-learn 0.10 does the same, except that
 * its neighbourhood is "the `k + 1` nearest rows", in scikit-learn's unspecified tie order (with
 * duplicates of a row, the row itself may be left out); its distances are equal to ours.
 *
 * Cost: `O(n_c² · columns)` time per class and `O(n_c · k)` memory (imbalanced-learn holds the
 * `n_c × n_c` distance matrix).
 *
 * @throws {@link InvalidParameterError} for an unknown option or `kNeighbors` < 1.
 * @throws {@link DataValidationError} (from `fitResample`) naming the class when a targeted class
 * has `kNeighbors` rows or fewer.
 *
 * @example
 * ```ts
 * // columns: colour code, size code
 * const X = [[0, 1], [0, 1], [1, 0], [0, 0], [1, 1], [2, 0], [2, 1], [2, 0]];
 * const y = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b'];
 * const { X: Xr, y: yr } = new SMOTEN({ kNeighbors: 2, seed: 0 }).fitResample(X, y);
 * ```
 * @see Chawla, Bowyer, Hall, Kegelmeyer (2002). SMOTE: Synthetic Minority Over-sampling Technique.
 * JAIR 16:321–357 (section 6.2, SMOTE-N).
 * @see Cost, Salzberg (1993). A weighted nearest neighbor algorithm for learning with symbolic
 * features. Machine Learning 10:57–78.
 * @see imbalanced-learn's `imblearn.over_sampling.SMOTEN`.
 */
export class SMOTEN extends Sampler<SMOTENParams> {
  /**
   * @param options - `samplingStrategy`, `seed`, `kNeighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: SMOTENOptions = {}) {
    super({ name: WHO, type: 'over-sampling', options: ['kNeighbors'] }, options, {
      kNeighbors: checkNeighborCount(WHO, 'kNeighbors', options?.kNeighbors),
    });
  }

  /**
   * Rebuilds a SMOTEN from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): SMOTEN {
    return Sampler.loadJSON(json, 'SMOTEN', SMOTEN);
  }

  protected resample(ctx: SamplerContext): object {
    const k = this.params.kNeighbors;
    checkClassSizes(ctx.who, 'kNeighbors', k, ctx.plan, ctx.counts);
    const out = ctx.allocate();
    const { rng, cols } = ctx;
    let vd: ReturnType<typeof fitValueDifference> | undefined;
    for (const [label, g] of ctx.plan) {
      if (g <= 0) continue;
      vd ??= fitValueDifference(ctx.data, ctx.rows, cols, classCodes(ctx.y, ctx.counts), ctx.counts.size);
      let most = 0;
      for (const c of vd.categories) if (c.length > most) most = c.length;
      const tally = new Int32Array(most);
      const idx = ctx.indicesOf(label);
      const n = idx.length;
      const w = k + 1;
      const nb = vdmNeighbourhoods(vd, idx, k);
      const block = out.rows(label);
      const members = new Int32Array(w);
      for (let t = 0; t < g; t++) {
        const base = rng.int(n);
        for (let s = 0; s < w; s++) members[s] = idx[nb[base * w + s] as number] as number;
        writeModes(vd, members, block, t, tally);
      }
    }
    return {};
  }
}
