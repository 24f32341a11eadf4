import type { Label } from '../core/matrix.js';
import type { NeighborSearch } from './neighbors/types.js';
import type { StreamContext, StreamPlan } from './lazy/streamPlan.js';
import { perClassGenerators } from './lazy/perClassGenerators.js';
import { segmentGenerator, uniformPairs } from './lazy/segmentGenerator.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { gatherRows } from './gatherRows.js';
import { drawPairs, drawSteps, interpolateRows } from './interpolate.js';
import { checkClassSizes, checkKNeighbors, generatingClasses } from './neighborCount.js';
import { checkNeighborSearch, defaultNeighbors, selfNeighbors } from './neighborSearch.js';

/** Options of {@link SMOTE}. */
export interface SMOTEOptions extends SamplerOptions {
  /**
   * Number of nearest same-class neighbours each new row may interpolate towards. `'auto'` (opt-in)
   * uses 5, clamped per class to the class size − 1, so small classes do not fail; the value used
   * per class is recorded in `fitted.kNeighbors`.
   * @defaultValue 5
   */
  kNeighbors?: number | 'auto';
  /**
   * A custom neighbour search (as imbalanced-learn accepts a `NearestNeighbors` estimator for
   * `k_neighbors`). It is fitted on each class in turn and queried with `excludeSelf: true`.
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link SMOTE}. */
export interface SMOTEParams extends SamplerParams {
  /** Number of same-class neighbours. */
  readonly kNeighbors: number | 'auto';
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

/** What SMOTE adds to `fitted`. */
export interface SMOTEFitted {
  /** The number of neighbours used per resampled class (differs from the option only with `'auto'`). */
  readonly kNeighbors: ReadonlyMap<Label, number>;
}

/**
 * SMOTE: Synthetic Minority Over-sampling TEchnique — new rows on segments between a row and one
 * of its k nearest neighbours of the same class.
 *
 * @remarks
 * For each targeted class c (sorted order) that needs `G` new rows: the k nearest neighbours of
 * every row of c are searched among the rows of c only (the row itself excluded, exactly, even
 * with duplicates; ties go to the smaller row index). Then, from the one seeded stream, in this
 * order: `G` pairs (base row, neighbour column) drawn uniformly with replacement as one integer
 * in `[0, n_c·k)` each (base = ⌊p / k⌋, column = p mod k), then for each new row in order
 * `u ~ U[0, 1)`, and `x_new = x_base + u · (x_neighbour − x_base)` (imbalanced-learn's order of
 * draws and formula). Unlike imbalanced-learn with an integer `random_state`, classes do not
 * restart the stream. Features are used as given: scale them first (Scaler) so that distances
 * are meaningful.
 *
 * @throws {@link DataValidationError} (from `fitResample`) naming the class when a targeted class
 * has fewer than `kNeighbors + 1` rows.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new SMOTE({ kNeighbors: 5, seed: 1 }).fitResample(X, y);
 * ```
 * @see Chawla, Bowyer, Hall, Kegelmeyer (2002). SMOTE: Synthetic Minority Over-sampling Technique. JAIR 16:321–357.
 * @see imbalanced-learn's `imblearn.over_sampling.SMOTE`.
 */
export class SMOTE extends Sampler<SMOTEParams, SMOTEFitted> {
  /**
   * @param options - `kNeighbors`, `samplingStrategy`, `seed`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid option.
   */
  constructor(options: SMOTEOptions = {}) {
    super({ name: 'SMOTE', type: 'over-sampling', options: ['kNeighbors', 'neighbors'] }, options, {
      kNeighbors: checkKNeighbors('SMOTE', options?.kNeighbors),
      neighbors: checkNeighborSearch('SMOTE', options?.neighbors),
    });
  }

  /**
   * Rebuilds a SMOTE from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): SMOTE {
    return Sampler.loadJSON(json, 'SMOTE', SMOTE);
  }

  protected resample(ctx: SamplerContext): SMOTEFitted {
    const kOpt = this.params.kNeighbors;
    checkClassSizes(ctx.who, 'kNeighbors', kOpt, ctx.plan, ctx.counts);
    const out = ctx.allocate();
    const kUsed = new Map<Label, number>();
    const { cols, rng } = ctx;
    for (const { label, count: G, rows: idx, k } of generatingClasses(ctx.plan, (l) => ctx.indicesOf(l), kOpt, kUsed)) {
      const Xc = gatherRows(ctx.data, cols, idx);
      const nn = selfNeighbors(ctx.who, this.params.neighbors ?? defaultNeighbors(), Xc, idx.length, cols, k);
      // All G pairs first, then the G steps: imbalanced-learn's order of draws.
      const pairs = drawPairs(rng, nn, k, G);
      interpolateRows(Xc, Xc, cols, pairs, drawSteps(rng, G), out.rows(label));
    }
    return { kNeighbors: kUsed };
  }

  /**
   * The lazy form: the k-NN table of every class that generates, one class densified at a time
   * (`n_c × k` indices kept, the class's values freed); each batch draws its pairs and steps as
   * `fitResample` does and gathers the two rows of each new row from X.
   */
  protected override streamPlan(ctx: StreamContext): StreamPlan<SMOTEFitted> {
    const { classes, kUsed } = perClassGenerators(ctx, this.params.kNeighbors, (c, k) => {
      const search = this.params.neighbors ?? defaultNeighbors();
      const nn = selfNeighbors(ctx.who, search, ctx.denseBlock(c.rows), c.rows.length, ctx.cols, k);
      return segmentGenerator(c.rows, ctx.cols, uniformPairs(nn, k));
    });
    return { classes, fitted: { kNeighbors: kUsed } };
  }
}
