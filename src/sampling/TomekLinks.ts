import type { ResampleResult } from '../core/contracts.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import type { Envelope } from '../core/serialization.js';
import type { NeighborSearch } from './neighbors/types.js';
import { NeighbourCache } from './NeighbourCache.js';
import { Sampler, type SamplerContext, type SamplerParams } from './Sampler.js';
import { checkNeighborSearch, defaultNeighbors } from './neighborSearch.js';
import { inInputOrder, keepAlive } from './cleaningOutput.js';
import {
  checkCleaningOptions,
  classCodes,
  classMask,
  cleaningToJSON,
  type CleaningStrategy,
} from './cleaningStrategy.js';

/** Options of {@link TomekLinks}. */
export interface TomekLinksOptions {
  /**
   * Classes whose rows in a Tomek link are removed (see {@link CleaningStrategy}).
   * @defaultValue 'auto' (every class but the minority)
   */
  samplingStrategy?: CleaningStrategy;
  /**
   * A custom neighbour search (asked for each row's nearest other row).
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link TomekLinks}. */
export interface TomekLinksParams extends SamplerParams {
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

const WHO = 'TomekLinks';

/**
 * Marks the rows in a Tomek link whose class is targeted: row i with nearest other row j is
 * linked when the classes of i and j differ and i is j's nearest other row.
 *
 * @param nearest - Each row's nearest other row.
 * @param targeted - One flag per class code.
 * @internal
 */
export function tomekLinked(nearest: Int32Array, codes: Int32Array, targeted: Uint8Array): Uint8Array {
  const linked = new Uint8Array(nearest.length);
  for (let i = 0; i < nearest.length; i++) {
    const j = nearest[i] as number;
    if (targeted[codes[i] as number] && codes[j] !== codes[i] && nearest[j] === i) linked[i] = 1;
  }
  return linked;
}

/**
 * TomekLinks: removes the rows that form a Tomek link — two rows of different classes, each the
 * other's nearest neighbour.
 *
 * @remarks
 * Each row's nearest other row is searched among all rows (ties in distance go to the smaller row
 * index). Of the two rows of a link, a row is removed exactly when its own class is targeted:
 * with `'auto'` (every class but the minority) in a binary problem that is the majority row;
 * with `'all'` both rows go; with a list, the rows of the listed classes; a link between two
 * targeted classes (e.g. two non-minority classes under `'auto'`) loses both rows.
 * Output, as imbalanced-learn: the kept rows **in input order** (not grouped by class), with
 * `sampleIndices`. Deterministic (no seed).
 *
 * @throws {@link InvalidParameterError} for an unknown option or a `samplingStrategy` that is not a
 * name or a list (see {@link CleaningStrategy}).
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr, sampleIndices } = new TomekLinks().fitResample(X, y);
 * ```
 * @see Tomek (1976). Two modifications of CNN. IEEE Trans. Systems, Man, and Cybernetics 6(11):769–772.
 * @see imbalanced-learn's `imblearn.under_sampling.TomekLinks`.
 */
export class TomekLinks extends Sampler<TomekLinksParams> {
  /**
   * @param options - `samplingStrategy`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: TomekLinksOptions = {}) {
    const { o, base } = checkCleaningOptions(WHO, options, ['neighbors'], false);
    super({ name: WHO, type: 'under-sampling', seeded: false, options: ['neighbors'] }, base, {
      neighbors: checkNeighborSearch(WHO, o.neighbors),
    });
  }

  /**
   * Rebuilds a TomekLinks from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): TomekLinks {
    return new TomekLinks(Sampler.optionsFromJSON(json, 'TomekLinks'));
  }

  /**
   * The JSON form of the options (a list `samplingStrategy` is written as the list).
   * @throws {@link SerializationError} when a custom `neighbors` search is set.
   */
  override toJSON(): Envelope {
    return cleaningToJSON(this);
  }

  /**
   * Removes the targeted rows of every Tomek link; the kept rows come in input order.
   * @throws {@link DataValidationError} for invalid `X` or `y`, a single class, or a listed class
   * absent from `y`.
   */
  override fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult {
    return inInputOrder(super.fitResample(X, y));
  }

  protected resample(ctx: SamplerContext): object {
    const cache = new NeighbourCache(
      ctx.who,
      'X',
      ctx.data,
      ctx.rows,
      ctx.cols,
      this.params.neighbors ?? defaultNeighbors(),
      1,
    );
    const all = new Int32Array(ctx.rows);
    for (let i = 0; i < ctx.rows; i++) all[i] = i;
    const codes = classCodes(ctx.y, ctx.counts);
    const linked = tomekLinked(cache.neighbours(all, 1), codes, classMask(ctx.plan.keys(), ctx.counts));
    keepAlive(
      ctx,
      linked.map((v) => 1 - v),
    );
    return {};
  }
}
