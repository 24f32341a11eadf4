import type { ResampleResult } from '../core/contracts.js';
import { DataValidationError, describe } from '../core/errors.js';
import { denseView, fromDense, toDense, type Label, type MatrixInput } from '../core/matrix.js';
import { checkOneOf, invalid } from '../core/validate.js';
import { KMeans } from './KMeans.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { gatherRows } from './gatherRows.js';
import { checkNeighborTable, defaultNeighbors } from './neighborSearch.js';
import { cloneSampler } from './cloneSampler.js';

/** How ClusterCentroids turns a cluster into a row. */
export type CentroidVoting = 'auto' | 'hard' | 'soft';

/** Options of {@link ClusterCentroids}. */
export interface ClusterCentroidsOptions extends SamplerOptions {
  /**
   * The k-means whose options are used for every targeted class, with `nClusters` set to the rows
   * to keep (imbalanced-learn's `set_params(n_clusters=…)`); its `seed`, when unset, comes from
   * this sampler's stream.
   * @defaultValue `new KMeans()` (k-means++ starts, one run)
   */
  estimator?: KMeans;
  /**
   * `'soft'`: each kept row is a cluster centre (a new row); `'hard'`: the row of the class
   * nearest to each centre (a real row); `'auto'`: `'soft'` (imbalanced-learn: soft for dense
   * data).
   * @defaultValue 'auto'
   */
  voting?: CentroidVoting;
}

/** The validated options of {@link ClusterCentroids}. */
export interface ClusterCentroidsParams extends SamplerParams {
  /** The k-means template, if given. */
  readonly estimator: KMeans | undefined;
  /** The voting rule. */
  readonly voting: CentroidVoting;
}

/** What ClusterCentroids adds to `fitted`. */
export interface ClusterCentroidsFitted {
  /** The voting used (`'auto'` resolved). */
  readonly voting: 'hard' | 'soft';
}

const WHO = 'ClusterCentroids';
const VOTING: ReadonlyArray<CentroidVoting> = ['auto', 'hard', 'soft'];

/**
 * ClusterCentroids: under-samples each targeted class to its k-means centres — as many clusters
 * as rows to keep.
 *
 * @remarks
 * For each targeted class (sorted order) cut to `n` rows, a {@link KMeans} with `nClusters: n` is
 * fitted on the class's rows; the class is replaced by the `n` centres (`'soft'`, in cluster
 * order) or by the class's row nearest to each centre (`'hard'`, ties: the smaller row index; two
 * centres may share a nearest row, which is then kept twice, as imbalanced-learn). Untargeted
 * classes are kept whole, in input order; classes come in sorted order. `sampleIndices` gives the
 * input row of each output row, `-1` for a centre. The k-means of each class draws its seed from
 * this sampler's stream (in class order) unless the `estimator` has one.
 *
 * Cost: a k-means with `n` clusters on each targeted class — k-means++ seeding and Lloyd
 * iterations of up to `O(n_c · n · columns)` each (the k-NN engine compares the rows Hamerly's
 * bounds cannot settle), heavy when many rows are kept from a large class. imbalanced-learn's
 * default scikit-learn 1.2 `KMeans` runs 10 starts; ours, one.
 *
 * @throws {@link InvalidParameterError} for an unknown option, an `estimator` that is not a
 * {@link KMeans} or has explicit starting centres, or another `voting`.
 * @throws {@link DataValidationError} (from `fitResample`) when the strategy keeps 0 rows of a
 * class (k-means needs a cluster).
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new ClusterCentroids({ voting: 'hard', seed: 0 }).fitResample(X, y);
 * ```
 * @see Yen, Lee (2009). Cluster-based under-sampling approaches for imbalanced data distributions.
 * Expert Systems with Applications 36(3):5718–5727.
 * @see imbalanced-learn's `imblearn.under_sampling.ClusterCentroids`.
 */
export class ClusterCentroids extends Sampler<ClusterCentroidsParams, ClusterCentroidsFitted> {
  /** Centres of the last call's targeted classes, written over their rows (soft voting). */
  private centres: Map<Label, Float64Array> | undefined;

  /**
   * @param options - `samplingStrategy`, `seed`, `estimator`, `voting`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: ClusterCentroidsOptions = {}) {
    super({ name: WHO, type: 'under-sampling', options: ['estimator', 'voting'] }, options, {
      estimator: checkEstimator(options?.estimator),
      voting: checkOneOf(WHO, 'voting', options?.voting, VOTING, 'auto'),
    });
  }

  /**
   * Rebuilds a ClusterCentroids from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): ClusterCentroids {
    return Sampler.loadJSON(json, 'ClusterCentroids', ClusterCentroids);
  }

  /** An unfitted copy with the same options (objects in them are shared), for cross-validation. */
  clone(): ClusterCentroids {
    return cloneSampler(this);
  }

  /**
   * Cuts each targeted class to its cluster centres (see the class remarks).
   * @throws {@link DataValidationError} for invalid `X` or `y`, a single class, or a strategy that
   * keeps 0 rows of a class.
   */
  override fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult {
    try {
      const out = super.fitResample(X, y);
      const centres = this.centres;
      if (centres === undefined) return out;
      // Soft voting: the hook kept, for each centre, its nearest row; the centres replace them.
      const { data, cols } = denseView(out.X);
      const indices = out.sampleIndices as Int32Array;
      const at = new Map<Label, number>();
      for (let p = 0; p < out.y.length; p++) {
        const label = out.y[p] as Label;
        const c = centres.get(label);
        if (c === undefined) continue;
        const t = at.get(label) ?? 0;
        data.set(c.subarray(t * cols, (t + 1) * cols), p * cols);
        indices[p] = -1;
        at.set(label, t + 1);
      }
      return out;
    } finally {
      this.centres = undefined;
    }
  }

  protected resample(ctx: SamplerContext): ClusterCentroidsFitted {
    const { who, data, cols } = ctx;
    const voting = this.params.voting === 'hard' ? 'hard' : 'soft';
    const centres = new Map<Label, Float64Array>();
    const search = defaultNeighbors();
    for (const [label, n] of ctx.plan) {
      if (n < 1) {
        throw new DataValidationError(
          `${who}: samplingStrategy keeps ${n} rows of class ${describe(label)}, but k-means needs at least one ` +
            'cluster. Keep at least 1 row of each targeted class.',
          { param: 'samplingStrategy' },
        );
      }
      const idx = ctx.indicesOf(label);
      const Xc = gatherRows(data, cols, idx);
      const km = this.kmeansFor(n, ctx);
      km.fit(fromDense(Xc, idx.length, cols));
      const c = toDense(km.fitted.clusterCenters, { who }).data;
      search.fit(Xc, idx.length, cols);
      const nearest = checkNeighborTable(who, search, search.kneighbors(c, n, 1), n, idx.length, 1);
      ctx.keep(
        label,
        Int32Array.from(nearest, (p) => idx[p] as number),
      );
      if (voting === 'soft') centres.set(label, c);
    }
    if (voting === 'soft') this.centres = centres;
    return { voting };
  }

  /** The k-means of a class kept to `n` rows: the template's options, `nClusters: n`, a seed. */
  private kmeansFor(n: number, ctx: SamplerContext): KMeans {
    const t = this.params.estimator;
    const seed = t?.params.seed ?? ctx.rng.childSeed();
    if (!t) return new KMeans({ nClusters: n, seed });
    const { init, nInit, maxIter, tol } = t.params;
    // explicit centres are refused at construction, so init is a name or a function
    return new KMeans({ nClusters: n, init: init as 'k-means++', nInit, maxIter, tol, seed });
  }
}

function checkEstimator(value: unknown): KMeans | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof KMeans)) return invalid(WHO, 'estimator', 'a KMeans', value);
  if (value.params.init instanceof Float64Array) {
    invalid(
      WHO,
      'estimator',
      'a KMeans without explicit starting centres (nClusters changes per class); use ' +
        "'k-means++', 'random' or a function",
      'a KMeans with explicit centres',
    );
  }
  return value;
}
