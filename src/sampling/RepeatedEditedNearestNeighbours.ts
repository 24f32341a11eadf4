import type { Label } from '../core/matrix.js';
import { openEnvelope, type Envelope } from '../core/serialization.js';
import { checkInteger, checkOptions } from '../core/validate.js';
import {
  checkEditingOptions,
  classMask,
  editedRows,
  type EditedNearestNeighboursOptions,
  type EditedNearestNeighboursParams,
} from './EditedNearestNeighbours.js';
import type { NeighborSearch } from './neighbors/types.js';
import { NeighbourCache } from './NeighbourCache.js';
import { Sampler, decodeSamplerParams, type SamplerContext } from './Sampler.js';
import type { SamplingStrategy } from './samplingStrategy.js';
import { defaultNeighbors } from './_shared.js';
import { keepAlive } from './cleaningOutput.js';
import {
  checkCleaningStrategy,
  classCodes,
  cleaningToJSON,
  firstMinority,
  targetedClasses,
} from './cleaningStrategy.js';

/** Options of {@link RepeatedEditedNearestNeighbours}. */
export interface RepeatedEditedNearestNeighboursOptions extends EditedNearestNeighboursOptions {
  /**
   * Most passes of the edited-nearest-neighbour rule.
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

/**
 * The state of repeated editing: the shrinking row set with its cached neighbour lists, class
 * codes, live class counts and imbalanced-learn's stopping rules. @internal
 */
export class EditingPasses {
  readonly cache: NeighbourCache;
  readonly codes: Int32Array;
  private readonly current: Int32Array;
  private readonly original: Int32Array;
  private readonly minority: number;
  private readonly labels: Label[];

  /** @param kMax - The largest neighbourhood any pass asks for. */
  constructor(ctx: SamplerContext, search: NeighborSearch, kMax: number) {
    this.labels = [...ctx.counts.keys()];
    // Each row keeps 2·kMax + 2 neighbours: it is searched again only when more than kMax + 2 of
    // them are removed (rows × (2·kMax + 2) int32 in all).
    const width = Math.max(kMax, Math.min(2 * kMax + 2, ctx.rows - 1));
    this.cache = new NeighbourCache(ctx.who, 'nNeighbors', ctx.data, ctx.rows, ctx.cols, search, width);
    this.codes = classCodes(ctx.y, ctx.counts);
    this.original = Int32Array.from(ctx.counts.values());
    this.current = this.original.slice();
    this.minority = this.labels.indexOf(firstMinority(ctx.y, ctx.counts));
  }

  /**
   * The classes a pass targets: the strategy resolved on the current class counts (a pass after
   * the first may target other classes than the first, as imbalanced-learn re-resolves it).
   */
  targets(who: string, strategy: SamplingStrategy): Uint8Array {
    const counts = new Map<Label, number>();
    this.labels.forEach((label, c) => {
      if ((this.current[c] as number) > 0) counts.set(label, this.current[c] as number);
    });
    return classMask(targetedClasses(who, strategy, counts), new Map(this.labels.map((l) => [l, 0])));
  }

  /** Removes rows and updates the class counts. */
  remove(rows: Int32Array): void {
    this.cache.remove(rows);
    for (let t = 0; t < rows.length; t++) this.current[this.codes[rows[t] as number] as number]! -= 1;
  }

  /**
   * imbalanced-learn's early stops after a pass: a class has vanished, or (unless
   * `allowMinority`) a class other than the minority now has fewer rows than the minority had —
   * the minority being the class {@link firstMinority} names in the input.
   */
  shouldStop(allowMinority: boolean): boolean {
    const nMin = this.original[this.minority] as number;
    for (let c = 0; c < this.current.length; c++) {
      const n = this.current[c] as number;
      if (n === 0) return true;
      if (!allowMinority && c !== this.minority && n < nMin) return true;
    }
    return false;
  }
}

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
 * {@link EditedNearestNeighbours}), or `maxIter` < 1.
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
export class RepeatedEditedNearestNeighbours extends Sampler<
  RepeatedEditedNearestNeighboursParams,
  RepeatedEditingFitted
> {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `maxIter`, `kindSel`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: RepeatedEditedNearestNeighboursOptions = {}) {
    const o = checkOptions(WHO, options, ['samplingStrategy', 'nNeighbors', 'maxIter', 'kindSel', 'neighbors']);
    super(
      { name: WHO, type: 'under-sampling' },
      { samplingStrategy: checkCleaningStrategy(WHO, o.samplingStrategy) },
      { ...checkEditingOptions(WHO, o), maxIter: checkInteger(WHO, 'maxIter', o.maxIter, { min: 1 }, 100) },
    );
  }

  /**
   * Rebuilds a RepeatedEditedNearestNeighbours from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): RepeatedEditedNearestNeighbours {
    const params = decodeSamplerParams(WHO, openEnvelope(json, WHO, 1).params);
    return new RepeatedEditedNearestNeighbours(params as RepeatedEditedNearestNeighboursOptions);
  }

  /**
   * The JSON form of the options (a list `samplingStrategy` is written as the list).
   * @throws {@link SerializationError} when a custom `neighbors` search is set.
   */
  override toJSON(): Envelope {
    return cleaningToJSON(this);
  }

  protected resample(ctx: SamplerContext): RepeatedEditingFitted {
    const { nNeighbors: k, kindSel, maxIter, samplingStrategy } = this.params;
    const passes = new EditingPasses(ctx, this.params.neighbors ?? defaultNeighbors(), k);
    let nIter = 0;
    while (nIter < maxIter) {
      nIter++;
      const removed = editedRows(passes.cache, passes.codes, passes.targets(ctx.who, samplingStrategy), k, kindSel);
      passes.remove(removed);
      if (removed.length === 0 || passes.shouldStop(false)) break;
    }
    keepAlive(ctx, passes.cache.alive);
    return { nIter };
  }
}
