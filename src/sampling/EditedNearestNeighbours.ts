import type { Envelope } from '../core/serialization.js';
import { checkInteger, checkOneOf } from '../core/validate.js';
import type { NeighborSearch } from './neighbors/types.js';
import { EditingPasses } from './EditingPasses.js';
import { Sampler, type SamplerContext, type SamplerParams } from './Sampler.js';
import { checkNeighborSearch, defaultNeighbors } from './neighborSearch.js';
import { checkCleaningOptions, classMask, cleaningToJSON, type CleaningStrategy } from './cleaningStrategy.js';

/**
 * How the edited-nearest-neighbour rule judges a row from the classes of its neighbours:
 * `'all'` keeps it only when every neighbour is of its class; `'mode'` keeps it when its class is
 * the most common among them (ties: the first class in sorted order wins).
 */
export type KindSel = 'all' | 'mode';

/** Options of {@link EditedNearestNeighbours}. */
export interface EditedNearestNeighboursOptions {
  /**
   * Classes whose rows may be removed (see {@link CleaningStrategy}).
   * @defaultValue 'auto' (every class but the minority)
   */
  samplingStrategy?: CleaningStrategy;
  /**
   * Size of the neighbourhood (the row itself excluded), searched among the rows of all classes.
   * @defaultValue 3
   */
  nNeighbors?: number;
  /**
   * `'all'`: a row is removed unless all its neighbours are of its class; `'mode'`: unless its
   * class is the most common among them.
   * @defaultValue 'all'
   */
  kindSel?: KindSel;
  /**
   * A custom neighbour search (imbalanced-learn accepts a `NearestNeighbors` estimator as
   * `n_neighbors`); `nNeighbors` still sets the neighbourhood size.
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link EditedNearestNeighbours}. */
export interface EditedNearestNeighboursParams extends SamplerParams {
  /** Neighbourhood size. */
  readonly nNeighbors: number;
  /** The editing rule. */
  readonly kindSel: KindSel;
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

const WHO = 'EditedNearestNeighbours';
const KIND_SEL: ReadonlyArray<KindSel> = ['all', 'mode'];

/** The own option names the edited-nearest-neighbour family shares. @internal */
export const EDITING_OPTIONS: ReadonlyArray<string> = ['nNeighbors', 'kindSel', 'neighbors'];

/** Validates the options the edited-nearest-neighbour family shares. @internal */
export function checkEditingOptions(
  who: string,
  o: EditedNearestNeighboursOptions,
): Omit<EditedNearestNeighboursParams, keyof SamplerParams> {
  return {
    nNeighbors: checkInteger(who, 'nNeighbors', o.nNeighbors, { min: 1 }, 3),
    kindSel: checkOneOf(who, 'kindSel', o.kindSel, KIND_SEL, 'all'),
    neighbors: checkNeighborSearch(who, o.neighbors),
  };
}

/**
 * EditedNearestNeighbours (Wilson's editing): removes the rows of the targeted classes whose
 * nearest neighbours disagree with their class.
 *
 * @remarks
 * The `nNeighbors` nearest rows of each targeted row are searched among the rows of **all**
 * classes (the row itself excluded by index; ties in distance go to the smaller row index). With
 * `kindSel: 'all'` a row survives only when all of them are of its class; with `'mode'` when its
 * class is the most common among them — in a tie between classes the first class in sorted
 * order is the mode (imbalanced-learn's `scipy.stats.mode`), so with `nNeighbors: 2` and one
 * neighbour of each of classes `0` and `1`, a row of class `0` stays and a row of class `1` goes.
 * Output, as imbalanced-learn: class by class in sorted class order, each class in input order;
 * `sampleIndices` maps each output row to its input row. Deterministic (no seed).
 *
 * @throws {@link InvalidParameterError} for an unknown option, `nNeighbors` < 1, a `kindSel` other
 * than `'all'` / `'mode'`, or a `samplingStrategy` that is not a name or a list (see
 * {@link CleaningStrategy}).
 * @throws {@link DataValidationError} (from `fitResample`) when X has `nNeighbors` rows or fewer.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr, sampleIndices } = new EditedNearestNeighbours({ nNeighbors: 3 }).fitResample(X, y);
 * ```
 * @see Wilson (1972). Asymptotic properties of nearest neighbor rules using edited data. IEEE
 * Trans. Systems, Man, and Cybernetics 2(3):408–421.
 * @see imbalanced-learn's `imblearn.under_sampling.EditedNearestNeighbours`.
 */
export class EditedNearestNeighbours extends Sampler<EditedNearestNeighboursParams> {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `kindSel`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: EditedNearestNeighboursOptions = {}) {
    const { o, base } = checkCleaningOptions(WHO, options, EDITING_OPTIONS, false);
    super(
      { name: WHO, type: 'under-sampling', seeded: false, options: EDITING_OPTIONS },
      base,
      checkEditingOptions(WHO, o),
    );
  }

  /**
   * Rebuilds an EditedNearestNeighbours from {@link EditedNearestNeighbours.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): EditedNearestNeighbours {
    return new EditedNearestNeighbours(Sampler.optionsFromJSON(json, 'EditedNearestNeighbours'));
  }

  /**
   * The JSON form of the options (a list `samplingStrategy` is written as the list).
   * @throws {@link SerializationError} when a custom `neighbors` search is set.
   */
  override toJSON(): Envelope {
    return cleaningToJSON(this);
  }

  protected resample(ctx: SamplerContext): object {
    const { nNeighbors: k, kindSel } = this.params;
    const passes = new EditingPasses(ctx, this.params.neighbors ?? defaultNeighbors(), k, false);
    passes.remove(passes.edit(classMask(ctx.plan.keys(), ctx.counts), k, kindSel));
    passes.keep(ctx);
    return {};
  }
}
