import { DataValidationError, describe } from '../core/errors.js';
import { checkInteger, checkOptions } from '../core/validate.js';
import type { NeighborSearch } from './neighbors/types.js';
import { Sampler, type SamplerContext, type SamplerParams } from './Sampler.js';
import type { SamplingStrategy } from './samplingStrategy.js';
import { checkNeighborSearch, defaultNeighbors } from './neighborSearch.js';
import { gatherRows } from './gatherRows.js';
import { pairwiseSum } from './numpyArithmetic.js';
import { firstMinority } from './cleaningStrategy.js';
import { neighboursAmong } from './neighboursAmong.js';
import { squaredDistance } from './squaredDistance.js';

/** Options of {@link NearMiss}. */
export interface NearMissOptions {
  /**
   * Rows to keep per class, as for {@link RandomUnderSampler} (see {@link SamplingStrategy}).
   * @defaultValue 'auto' (every class but the minority cut to the minority count)
   */
  samplingStrategy?: SamplingStrategy;
  /**
   * 1: keep the rows with the smallest mean distance to their `nNeighbors` nearest minority rows;
   * 2: the smallest mean distance to their `nNeighbors` farthest minority rows; 3: among the
   * `nNeighborsVer3` nearest rows of each minority row, the largest mean distance to their
   * `nNeighbors` nearest minority rows.
   * @defaultValue 1
   */
  version?: 1 | 2 | 3;
  /**
   * Minority rows whose distances are averaged.
   * @defaultValue 3
   */
  nNeighbors?: number;
  /**
   * Version 3: nearest rows of the class taken around each minority row as candidates.
   * @defaultValue 3
   */
  nNeighborsVer3?: number;
  /**
   * A custom neighbour search for the nearest-neighbour queries (version 2's farthest rows are
   * found by an exhaustive scan).
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link NearMiss}. */
export interface NearMissParams extends SamplerParams {
  /** The heuristic. */
  readonly version: 1 | 2 | 3;
  /** Minority rows averaged over. */
  readonly nNeighbors: number;
  /** Version 3's candidate neighbourhood. */
  readonly nNeighborsVer3: number;
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

const WHO = 'NearMiss';
const OPTIONS = ['version', 'nNeighbors', 'nNeighborsVer3', 'neighbors'];

/**
 * NearMiss (Mani & Zhang 2003): controlled under-sampling that keeps the rows of each targeted
 * class closest to (versions 1, 2) or, around the minority, farthest from (version 3) the
 * minority class.
 *
 * @remarks
 * The counts to keep come from `samplingStrategy` exactly as for {@link RandomUnderSampler}. For
 * each targeted class (sorted order), with distances to the minority rows:
 * - version 1: score = sum of the distances to the `nNeighbors` nearest minority rows; the rows
 *   with the smallest scores are kept;
 * - version 2: score = sum of the distances to the `nNeighbors` farthest minority rows (all of
 *   them when the minority is smaller); smallest kept. This needs every row-to-minority distance:
 *   an exhaustive scan, but in constant memory (imbalanced-learn builds the full table);
 * - version 3: the candidates are the `nNeighborsVer3` nearest rows of the class around each
 *   minority row (their union, in input order); score as version 1; the **largest** scores are
 *   kept. Fewer rows than asked may be kept when there are fewer candidates (as imbalanced-learn).
 *
 * Equal scores keep input order (candidate order for version 3) — imbalanced-learn's stable sort,
 * for version 3 too (`sorted(reverse=True)` is stable). Sums of distances are NumPy's (nearest
 * first, pairwise). The output of a targeted class is in score order (best first), an untouched
 * class in input order; classes in sorted order; `sampleIndices` as RandomUnderSampler.
 * "The minority" is the smallest class, ties going to the class that appears first in `y`; when
 * the strategy targets it (e.g. `'all'`) its own rows are scored too, each at distance 0 from
 * itself. Deterministic (no seed).
 *
 * @throws {@link InvalidParameterError} for an unknown option, a `version` other than 1, 2, 3, or
 * neighbour counts < 1.
 * @throws {@link DataValidationError} (from `fitResample`) when the minority has fewer rows than
 * `nNeighbors` (versions 1, 3) or a targeted class fewer than `nNeighborsVer3` (version 3).
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new NearMiss({ version: 1, nNeighbors: 3 }).fitResample(X, y);
 * ```
 * @see Mani, Zhang (2003). kNN approach to unbalanced data distributions: a case study involving
 * information extraction. ICML 2003 Workshop on Learning from Imbalanced Datasets.
 * @see imbalanced-learn's `imblearn.under_sampling.NearMiss`.
 */
export class NearMiss extends Sampler<NearMissParams> {
  /**
   * @param options - `samplingStrategy`, `version`, `nNeighbors`, `nNeighborsVer3`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: NearMissOptions = {}) {
    // No 'seed' (the base would take one): NearMiss draws nothing, and imbalanced-learn gives it no random_state.
    const o = checkOptions(WHO, options, [...OPTIONS, 'samplingStrategy']);
    const version = checkInteger(WHO, 'version', o.version, { min: 1, max: 3 }, 1) as 1 | 2 | 3;
    super({ name: WHO, type: 'under-sampling', seeded: false, options: OPTIONS }, o, {
      version,
      nNeighbors: checkInteger(WHO, 'nNeighbors', o.nNeighbors, { min: 1 }, 3),
      nNeighborsVer3: checkInteger(WHO, 'nNeighborsVer3', o.nNeighborsVer3, { min: 1 }, 3),
      neighbors: checkNeighborSearch(WHO, o.neighbors),
    });
  }

  /**
   * Rebuilds a NearMiss from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): NearMiss {
    return Sampler.loadJSON(json, 'NearMiss', NearMiss);
  }

  protected resample(ctx: SamplerContext): object {
    const { version, nNeighbors: k, nNeighborsVer3: k3, neighbors } = this.params;
    const { who, data, cols } = ctx;
    const minority = firstMinority(ctx.y, ctx.counts);
    const minIdx = ctx.indicesOf(minority);
    const nMin = minIdx.length;
    if (version !== 2 && k > nMin) {
      throw new DataValidationError(
        `${who}: the minority class ${describe(minority)} has ${nMin} rows, fewer than nNeighbors = ${k} ` +
          `(NearMiss-${version} sums the distances to the nNeighbors nearest minority rows). ` +
          `Lower nNeighbors to at most ${nMin}.`,
        { param: 'nNeighbors' },
      );
    }
    for (const label of ctx.plan.keys()) {
      const n = ctx.counts.get(label) as number;
      if (version === 3 && k3 > n) {
        throw new DataValidationError(
          `${who}: class ${describe(label)} has ${n} rows, fewer than nNeighborsVer3 = ${k3}. ` +
            `Lower nNeighborsVer3 to at most ${n}.`,
          { param: 'nNeighborsVer3' },
        );
      }
    }
    const search = neighbors ?? defaultNeighbors();
    const Xmin = version === 2 ? gatherRows(data, cols, minIdx) : undefined;
    for (const [label, nKeep] of ctx.plan) {
      const idx = ctx.indicesOf(label);
      let cand = idx; // the rows scored
      let scores: Float64Array;
      if (Xmin) {
        scores = farthestSums(gatherRows(data, cols, idx), idx.length, Xmin, nMin, cols, k);
      } else {
        if (version === 3) {
          const around = neighboursAmong(who, search, data, cols, idx, minIdx, k3).indices;
          const seen = new Uint8Array(idx.length);
          for (let t = 0; t < around.length; t++) seen[around[t] as number] = 1;
          cand = idx.filter((_, p) => seen[p] === 1);
        }
        const { distances } = neighboursAmong(who, search, data, cols, minIdx, cand, k);
        scores = Float64Array.from({ length: cand.length }, (_, q) => pairwiseSum(distances, q * k, k));
      }
      const order = Array.from(cand.keys());
      order.sort(version === 3 ? (a, b) => scores[b]! - scores[a]! : (a, b) => scores[a]! - scores[b]!);
      const kept = Int32Array.from(order.slice(0, nKeep), (p) => cand[p] as number);
      ctx.keep(label, kept);
    }
    return {};
  }
}

/**
 * Each query row's sum of its distances to its `k` farthest fitted rows (all of them when there
 * are fewer), in ascending order as imbalanced-learn sums the last `k` columns of the full sorted
 * distance table — found by one scan per query, keeping only the `k` largest.
 */
function farthestSums(
  Q: Float64Array,
  nQuery: number,
  F: Float64Array,
  nFit: number,
  cols: number,
  k: number,
): Float64Array {
  const kk = Math.min(k, nFit);
  const best = new Float64Array(kk); // ascending
  const out = new Float64Array(nQuery);
  for (let q = 0; q < nQuery; q++) {
    let filled = 0;
    for (let i = 0; i < nFit; i++) {
      const d = Math.sqrt(squaredDistance(Q, q, F, i, cols));
      if (filled < kk) {
        let p = filled++;
        while (p > 0 && (best[p - 1] as number) > d) {
          best[p] = best[p - 1] as number;
          p--;
        }
        best[p] = d;
      } else if (d > (best[0] as number)) {
        let p = 0;
        while (p + 1 < kk && (best[p + 1] as number) < d) {
          best[p] = best[p + 1] as number;
          p++;
        }
        best[p] = d;
      }
    }
    out[q] = pairwiseSum(best, 0, kk);
  }
  return out;
}
