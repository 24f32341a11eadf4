import type { Envelope } from '../core/serialization.js';
import { checkBoolean } from '../core/validate.js';
import {
  EDITING_OPTIONS,
  checkEditingOptions,
  type EditedNearestNeighboursOptions,
  type EditedNearestNeighboursParams,
} from './EditedNearestNeighbours.js';
import { EditingPasses } from './EditingPasses.js';
import type { RepeatedEditingFitted } from './RepeatedEditedNearestNeighbours.js';
import { Sampler, type SamplerContext } from './Sampler.js';
import { defaultNeighbors } from './neighborSearch.js';
import { checkCleaningOptions, cleaningToJSON } from './cleaningStrategy.js';

/** Options of {@link AllKNN}. */
export interface AllKNNOptions extends EditedNearestNeighboursOptions {
  /**
   * Keep going when a class other than the minority becomes smaller than the minority was (by
   * default that stops the passes, as imbalanced-learn).
   * @defaultValue false
   */
  allowMinority?: boolean;
}

/** The validated options of {@link AllKNN}. */
export interface AllKNNParams extends EditedNearestNeighboursParams {
  /** Whether a class may become smaller than the minority without stopping. */
  readonly allowMinority: boolean;
}

const WHO = 'AllKNN';
const OPTIONS = [...EDITING_OPTIONS, 'allowMinority'];

/**
 * AllKNN: the edited-nearest-neighbour rule applied with 1, 2, …, `nNeighbors` neighbours in turn,
 * each pass on the rows the previous one left.
 *
 * @remarks
 * Pass `j` (j = 1 … `nNeighbors`) is {@link EditedNearestNeighbours} with `j` neighbours on the
 * rows left by pass `j − 1` (`samplingStrategy` resolved again on their class counts). As in
 * imbalanced-learn, it stops early after a pass that makes a class vanish, or — unless
 * `allowMinority` — leaves a class other than the minority with fewer rows than the minority had
 * at the start (that pass's removals are kept); "the minority" is the smallest class, ties going
 * to the class that appears first in `y`. There is no convergence stop. `fitted.nIter` is the
 * number of passes run.
 *
 * The neighbours are searched once, `nNeighbors` and some spare per row, and reused by every
 * pass; a row is searched again only when too many of its neighbours have been removed.
 * Output: class by class in sorted class order, each class in input order; `sampleIndices` maps
 * each output row to its input row.
 *
 * @throws {@link InvalidParameterError} for an unknown or invalid option (see
 * {@link EditedNearestNeighbours}), or a non-boolean `allowMinority`.
 * @throws {@link DataValidationError} (from `fitResample`) when fewer rows are left to search than
 * a pass needs.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new AllKNN({ nNeighbors: 3 }).fitResample(X, y);
 * ```
 * @see Tomek (1976). An experiment with the edited nearest-neighbor rule. IEEE Trans. Systems,
 * Man, and Cybernetics 6(6):448–452.
 * @see imbalanced-learn's `imblearn.under_sampling.AllKNN`.
 */
export class AllKNN extends Sampler<AllKNNParams, RepeatedEditingFitted> {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `kindSel`, `allowMinority`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: AllKNNOptions = {}) {
    const { o, base } = checkCleaningOptions(WHO, options, OPTIONS, false);
    super({ name: WHO, type: 'under-sampling', seeded: false, options: OPTIONS }, base, {
      ...checkEditingOptions(WHO, o),
      allowMinority: checkBoolean(WHO, 'allowMinority', o.allowMinority, false),
    });
  }

  /**
   * Rebuilds an AllKNN from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): AllKNN {
    return new AllKNN(Sampler.optionsFromJSON(json, 'AllKNN'));
  }

  /**
   * The JSON form of the options (a list `samplingStrategy` is written as the list).
   * @throws {@link SerializationError} when a custom `neighbors` search is set.
   */
  override toJSON(): Envelope {
    return cleaningToJSON(this);
  }

  protected resample(ctx: SamplerContext): RepeatedEditingFitted {
    const { nNeighbors, kindSel, allowMinority, samplingStrategy } = this.params;
    const passes = new EditingPasses(ctx, this.params.neighbors ?? defaultNeighbors(), nNeighbors, true);
    let nIter = 0;
    for (let k = 1; k <= nNeighbors; k++) {
      nIter++;
      const targets = passes.targets(ctx.who, samplingStrategy);
      passes.remove(passes.edit(targets, k, kindSel));
      if (passes.shouldStop(allowMinority)) break;
    }
    passes.keep(ctx);
    return { nIter };
  }
}
