import type { Label } from '../core/matrix.js';
import type { Random } from '../core/Random.js';
import type { Envelope } from '../core/serialization.js';
import { Sampler, type SamplerContext } from './Sampler.js';
import { defaultNeighbors } from './neighborSearch.js';
import { classCodes, cleaningToJSON, firstMinority } from './cleaningStrategy.js';
import {
  CONDENSING_OPTIONS,
  checkCondensingOptions,
  checkSeedCount,
  seedStore,
  type CondensingOptions,
  type CondensingParams,
} from './condensing.js';
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
export class CondensedNearestNeighbour extends Sampler<CondensedNearestNeighbourParams> {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `nSeedsS`, `seed`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: CondensedNearestNeighbourOptions = {}) {
    const { base, own } = checkCondensingOptions(WHO, options);
    super({ name: WHO, type: 'under-sampling', options: CONDENSING_OPTIONS }, base, own);
  }

  /**
   * Rebuilds a CondensedNearestNeighbour from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): CondensedNearestNeighbour {
    return Sampler.loadJSON(json, 'CondensedNearestNeighbour', CondensedNearestNeighbour);
  }

  /**
   * The JSON form of the options (a list `samplingStrategy` is written as the list).
   * @throws {@link SerializationError} when a custom `neighbors` search is set.
   */
  override toJSON(): Envelope {
    return cleaningToJSON(this);
  }

  /**
   * The seed positions (within the class, `0 … classSize − 1`) of one targeted class: `nSeedsS`
   * distinct positions from the seeded stream. A subclass may choose them otherwise.
   * @internal
   */
  protected drawSeeds(rng: Random, label: Label, classSize: number): Int32Array {
    void label;
    return rng.permutation(classSize).slice(0, this.params.nSeedsS);
  }

  protected resample(ctx: SamplerContext): object {
    const { nNeighbors: k, nSeedsS } = this.params;
    const { data, cols } = ctx;
    checkSeedCount(ctx, nSeedsS);
    const minority = firstMinority(ctx.y, ctx.counts);
    const codes = classCodes(ctx.y, ctx.counts);
    const search = this.params.neighbors ?? defaultNeighbors();
    const tally = new Int32Array(ctx.counts.size);
    const bestI = new Int32Array(k);
    const bestD = new Float64Array(k);
    for (const label of ctx.plan.keys()) {
      const idx = ctx.indicesOf(label);
      const seeds = this.drawSeeds(ctx.rng, label, idx.length);
      const { store, seedRows, others: visit } = seedStore(ctx, minority, label, seeds, nSeedsS, k);
      const c = codes[idx[0] as number] as number;
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
      const kept = new Int32Array(seedRows.length + added.length);
      kept.set(seedRows);
      kept.set(added, seedRows.length);
      ctx.keep(label, kept);
    }
    return {};
  }
}
