import { NeighbourCache } from './NeighbourCache.js';
import { Sampler, type SamplerContext } from './Sampler.js';
import { tomekLinked } from './TomekLinks.js';
import { defaultNeighbors } from './neighborSearch.js';
import { gatherRows } from './gatherRows.js';
import { classCodes, classMask } from './cleaningStrategy.js';
import { CondensingSampler, type CondensingOptions, type CondensingParams } from './CondensingSampler.js';
import { neighboursAmong } from './neighboursAmong.js';
import { voteMode } from './neighbourVote.js';

/** Options of {@link OneSidedSelection}. */
export type OneSidedSelectionOptions = CondensingOptions;

/** The validated options of {@link OneSidedSelection}. */
export type OneSidedSelectionParams = CondensingParams;

const WHO = 'OneSidedSelection';

/**
 * OneSidedSelection (Kubat & Matwin 1997): a one-shot condensing step, then the removal of Tomek
 * links.
 *
 * @remarks
 * For each targeted class c (sorted order): the store is every row of the minority plus
 * `nSeedsS` seed rows of c drawn (distinct) from the seeded stream; the other rows of c are
 * judged once by the `nNeighbors`-NN vote of that store (ties in distance: the earlier store row;
 * in the vote: the first class in sorted order) and the misclassified ones are kept, after the
 * seeds. Untargeted classes are kept whole. Then {@link TomekLinks} runs on the rows kept so far
 * (nearest neighbours searched among them) and removes the rows of targeted classes that are in a
 * link. Output, as imbalanced-learn: class by class in sorted order — seeds first, then the kept
 * rows in input order; `sampleIndices` as RandomUnderSampler. "The minority" is the smallest class,
 * ties going to the class that appears first in `y`. The seed rows differ from imbalanced-learn's
 * (NumPy's generator is not reproduced); given the same seeds, the rows are the same.
 *
 * @throws {@link InvalidParameterError} for an unknown or invalid option.
 * @throws {@link DataValidationError} (from `fitResample`) when a targeted class has fewer than
 * `nSeedsS` rows or the minority plus the seeds fewer than `nNeighbors`.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new OneSidedSelection({ seed: 0 }).fitResample(X, y);
 * ```
 * @see Kubat, Matwin (1997). Addressing the curse of imbalanced training sets: one-sided
 * selection. ICML 1997:179–186.
 * @see imbalanced-learn's `imblearn.under_sampling.OneSidedSelection`.
 */
export class OneSidedSelection extends CondensingSampler {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `nSeedsS`, `seed`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: OneSidedSelectionOptions = {}) {
    super(WHO, options);
  }

  /**
   * Rebuilds a OneSidedSelection from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): OneSidedSelection {
    return Sampler.loadJSON(json, 'OneSidedSelection', OneSidedSelection);
  }

  protected resample(ctx: SamplerContext): object {
    const k = this.params.nNeighbors;
    const { data, cols } = ctx;
    const selected = this.condense(ctx, ({ store, others: judged, code: c, codes, search, tally }) => {
      const storeCodes = Int32Array.from(store, (i) => codes[i] as number);
      const nb = neighboursAmong(ctx.who, search, data, cols, store, judged, k).indices;
      return judged.filter((_, q) => voteMode(nb, q * k, k, storeCodes, tally) !== c);
    });
    // Tomek links among the rows selected so far (classes in sorted order, as imbalanced-learn).
    const search = this.params.neighbors ?? defaultNeighbors();
    const codes = classCodes(ctx.y, ctx.counts);
    const parts = [...ctx.counts.keys()].map((label) => selected.get(label) ?? ctx.indicesOf(label));
    const reduced = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      reduced.set(p, o);
      o += p.length;
    }
    const n = reduced.length;
    const cache = new NeighbourCache(ctx.who, 'X', gatherRows(data, cols, reduced), n, cols, search, 1);
    const linked = tomekLinked(
      cache.neighbours(
        Int32Array.from({ length: n }, (_, i) => i),
        1,
      ),
      Int32Array.from(reduced, (i) => codes[i] as number),
      classMask(ctx.plan.keys(), ctx.counts),
    );
    const dropped = new Uint8Array(ctx.rows);
    for (let p = 0; p < n; p++) if (linked[p]) dropped[reduced[p] as number] = 1;
    for (const [label, rows] of selected)
      ctx.keep(
        label,
        rows.filter((i) => !dropped[i]),
      );
    return {};
  }
}
