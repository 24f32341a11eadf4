import { Sampler, type SamplerContext } from './Sampler.js';
import { CondensingSampler, type CondensingOptions, type CondensingParams } from './CondensingSampler.js';
import { neighboursAmong } from './neighboursAmong.js';
import { voteMode } from './neighbourVote.js';
import { squaredDistance } from './squaredDistance.js';
import { insertTopK } from './topK.js';

/** Options of {@link CondensedNearestNeighbour}. */
export type CondensedNearestNeighbourOptions = CondensingOptions;

/** The validated options of {@link CondensedNearestNeighbour}. */
export type CondensedNearestNeighbourParams = CondensingParams;

const WHO = 'CondensedNearestNeighbour';

/**
 * CondensedNearestNeighbour (Hart 1968): keeps, of each targeted class, only the rows a k-NN vote
 * over the rows kept so far gets wrong — a consistent subset for the nearest-neighbour rule.
 *
 * @remarks
 * For each targeted class c (sorted order), one-vs-minority as imbalanced-learn: the store starts
 * as every row of the minority plus `nSeedsS` seed rows of c drawn (distinct) from the seeded
 * stream; then the rows of c are visited once, in input order, skipping the seeds, and a row is
 * added to the store when the `nNeighbors`-NN vote of the current store (ties in distance: the
 * earlier store row; ties in the vote: the first class in sorted order) does not give c. The
 * kept rows of c are the seeds, then the added rows in the order added.
 *
 * imbalanced-learn 0.10 means this (its "speed-up" skips rows the last store already classifies
 * well, which gives the same decisions) but mixes row indices of X with positions within the
 * class in that skip list, so it skips some misclassified rows and keeps fewer: here every
 * misclassified row is added. Hart's original repeats the pass until nothing is added;
 * imbalanced-learn and this port make one pass. "The minority" is the smallest class, ties going
 * to the class that appears first in `y`; a targeted minority keeps only its seeds (each of its
 * rows is in the store already), as in imbalanced-learn.
 *
 * Cost: the first vote of every row comes from one k-NN search over the initial store; each added
 * row is then compared with the rows visited after it (imbalanced-learn re-predicts all rows
 * after each addition). Output: classes in sorted order, `sampleIndices` as RandomUnderSampler.
 * The seed rows differ from imbalanced-learn's (NumPy's generator is not reproduced).
 *
 * @throws {@link InvalidParameterError} for an unknown or invalid option.
 * @throws {@link DataValidationError} (from `fitResample`) when a targeted class has fewer than
 * `nSeedsS` rows or the minority plus the seeds fewer than `nNeighbors`.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new CondensedNearestNeighbour({ seed: 0 }).fitResample(X, y);
 * ```
 * @see Hart (1968). The condensed nearest neighbor rule. IEEE Trans. Information Theory 14(3):515–516.
 * @see imbalanced-learn's `imblearn.under_sampling.CondensedNearestNeighbour`.
 */
export class CondensedNearestNeighbour extends CondensingSampler {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `nSeedsS`, `seed`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: CondensedNearestNeighbourOptions = {}) {
    super(WHO, options);
  }

  /**
   * Rebuilds a CondensedNearestNeighbour from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): CondensedNearestNeighbour {
    return Sampler.loadJSON(json, 'CondensedNearestNeighbour', CondensedNearestNeighbour);
  }

  protected resample(ctx: SamplerContext): object {
    const k = this.params.nNeighbors;
    const { data, cols } = ctx;
    // Sized by nNeighbors only once the store is known to hold that many rows (condense checks it
    // first), so an nNeighbors beyond the data is its typed refusal, never an allocation failure.
    let bestI: Int32Array | undefined;
    let bestD: Float64Array | undefined;
    const kept = this.condense(ctx, ({ store, others: visit, code: c, codes, search, tally }) => {
      bestI ??= new Int32Array(k);
      bestD ??= new Float64Array(k);
      // Class code of each store position: the initial store, then the rows added (all of class c).
      const codeOf = new Int32Array(store.length + visit.length).fill(c);
      for (let s = 0; s < store.length; s++) codeOf[s] = codes[store[s] as number] as number;
      const first = neighboursAmong(ctx.who, search, data, cols, store, visit, k);
      const added: number[] = [];
      for (let q = 0; q < visit.length; q++) {
        const i = visit[q] as number;
        bestI.set(first.indices.subarray(q * k, (q + 1) * k));
        bestD.set(first.distances.subarray(q * k, (q + 1) * k));
        // rows added since the first search: later store positions, so equal distances keep the earlier row
        for (let a = 0; a < added.length; a++) {
          const d = Math.sqrt(squaredDistance(data, i, data, added[a] as number, cols));
          insertTopK(bestD, bestI, k, k, d, store.length + a);
        }
        if (voteMode(bestI, 0, k, codeOf, tally) !== c) added.push(i);
      }
      return added;
    });
    for (const [label, rows] of kept) ctx.keep(label, rows);
    return {};
  }
}
