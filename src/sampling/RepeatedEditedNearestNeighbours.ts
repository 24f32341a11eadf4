import { CleaningSampler } from './CleaningSampler.js';
import { checkIterations } from '../core/validate.js';
import {
  EDITING_OPTIONS,
  checkEditingOptions,
  type EditedNearestNeighboursOptions,
  type EditedNearestNeighboursParams,
} from './EditedNearestNeighbours.js';
import { EditingPasses } from './EditingPasses.js';
import { Sampler, type SamplerContext } from './Sampler.js';
import { defaultNeighbors } from './neighborSearch.js';

/** Options of {@link RepeatedEditedNearestNeighbours}. */
export interface RepeatedEditedNearestNeighboursOptions extends EditedNearestNeighboursOptions {
  /**
   * Most passes of the edited-nearest-neighbour rule. At most 1,000,000.
   * @defaultValue 100
   */
  maxIter?: number;
}

/** The validated options of {@link RepeatedEditedNearestNeighbours}. */
export interface RepeatedEditedNearestNeighboursParams extends EditedNearestNeighboursParams {
  /** Most passes. */
  readonly maxIter: number;
}

/** What RepeatedEditedNearestNeighbours and AllKNN add to `fitted`. */
export interface RepeatedEditingFitted {
  /** Passes of the edited-nearest-neighbour rule run (imbalanced-learn's `n_iter_`). */
  readonly nIter: number;
}

const WHO = 'RepeatedEditedNearestNeighbours';
const OPTIONS = [...EDITING_OPTIONS, 'maxIter'];

/**
 * RepeatedEditedNearestNeighbours: applies the edited-nearest-neighbour rule again and again on
 * what is left, until nothing changes.
 *
 * @remarks
 * Each pass is {@link EditedNearestNeighbours} on the rows left by the previous pass (neighbours
 * searched among those rows; `samplingStrategy` resolved again on their class counts). It stops
 * after `maxIter` passes or, as imbalanced-learn, after the first pass that
 * - removes nothing (converged), or
 * - leaves a class other than the minority with fewer rows than the minority had at the start,
 *   or makes a class vanish (that pass's removals are kept).
 *
 * "The minority" there is the smallest class, ties going to the class that appears first in
 * `y` (imbalanced-learn's `Counter` order), which can differ from the class `'not minority'`
 * spares (ties to the first in sorted order). `fitted.nIter` is the number of passes run.
 *
 * Neighbour lists are searched once and reused: a row's list is searched again only when too many
 * of its neighbours have been removed, so later passes cost a small fraction of the first.
 *
 * Output: class by class in sorted class order, each class in input order, and `sampleIndices`
 * always matches the rows output. (imbalanced-learn 0.10's `sample_indices_` is wrong when it
 * converges at the first pass on data not sorted by class: it applies the pass's permutation
 * twice; its X and y are right.)
 *
 * @throws {@link InvalidParameterError} for an unknown or invalid option (see
 * {@link EditedNearestNeighbours}), or `maxIter` outside 1 … 1,000,000.
 * @throws {@link DataValidationError} (from `fitResample`) when fewer than `nNeighbors + 1` rows
 * are left to search.
 *
 * @example
 * ```ts
 * const renn = new RepeatedEditedNearestNeighbours({ nNeighbors: 3, maxIter: 100 });
 * const { X: Xr, y: yr } = renn.fitResample(X, y);
 * renn.fitted.nIter; // passes run
 * ```
 * @see Tomek (1976). An experiment with the edited nearest-neighbor rule. IEEE Trans. Systems,
 * Man, and Cybernetics 6(6):448–452.
 * @see imbalanced-learn's `imblearn.under_sampling.RepeatedEditedNearestNeighbours`.
 */
export class RepeatedEditedNearestNeighbours extends CleaningSampler<
  RepeatedEditedNearestNeighboursParams,
  RepeatedEditedNearestNeighboursOptions,
  RepeatedEditingFitted
> {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `maxIter`, `kindSel`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: RepeatedEditedNearestNeighboursOptions = {}) {
    super({ name: WHO, options: OPTIONS, seeded: false }, options, (o) => ({
      ...checkEditingOptions(WHO, o),
      maxIter: checkIterations(WHO, 'maxIter', o.maxIter, 100),
    }));
  }

  /**
   * Rebuilds a RepeatedEditedNearestNeighbours from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): RepeatedEditedNearestNeighbours {
    return Sampler.loadJSON(json, 'RepeatedEditedNearestNeighbours', RepeatedEditedNearestNeighbours);
  }

  protected resample(ctx: SamplerContext): RepeatedEditingFitted {
    const { nNeighbors: k, kindSel, maxIter, samplingStrategy } = this.params;
    const passes = new EditingPasses(ctx, this.params.neighbors ?? defaultNeighbors(), k, true);
    let nIter = 0;
    while (nIter < maxIter) {
      nIter++;
      const removed = passes.edit(passes.targets(ctx.who, samplingStrategy), k, kindSel);
      passes.remove(removed);
      if (removed.length === 0 || passes.shouldStop(false)) break;
    }
    passes.keep(ctx);
    return { nIter };
  }
}
