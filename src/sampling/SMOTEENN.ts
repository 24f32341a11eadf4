import type { SamplerLike } from '../core/contracts.js';
import { CombinedSampler, type CombinedSamplerOptions, type CombinedSamplerParams } from './CombinedSampler.js';
import { EditedNearestNeighbours } from './EditedNearestNeighbours.js';
import { Sampler } from './Sampler.js';

/** Options of {@link SMOTEENN}. */
export interface SMOTEENNOptions extends CombinedSamplerOptions {
  /**
   * The cleaning step: any sampler (an object with `fitResample`).
   * @defaultValue `new EditedNearestNeighbours({ samplingStrategy: 'all' })`
   */
  enn?: SamplerLike;
}

/** The validated options of {@link SMOTEENN}. */
export interface SMOTEENNParams extends CombinedSamplerParams {
  /** The cleaning step, if given. */
  readonly enn: SamplerLike | undefined;
}

/**
 * SMOTEENN: SMOTE, then Wilson's edited nearest neighbours on the result — over-sample, then
 * remove the rows (original or new, of every class) whose 3 nearest neighbours disagree with them.
 *
 * @remarks
 * Exactly `enn.fitResample(smote.fitResample(X, y))`: with the defaults, SMOTE with this
 * sampler's `samplingStrategy` and `seed` (so `new SMOTEENN({ seed: 1 })` over-samples as
 * `new SMOTE({ seed: 1 })`), then `EditedNearestNeighbours({ samplingStrategy: 'all' })`. Output
 * in the cleaning step's order (class by class, each in input order); `sampleIndices` maps each
 * row to its input row, `-1` for a synthetic one. `fitted.resampled` holds the class counts after
 * SMOTE, `fitted.counts` the final ones. Cleaning usually leaves the classes unequal: it is meant to
 * remove noise and overlap, not to balance.
 *
 * imbalanced-learn 0.10 takes only a SMOTE (or SMOTENC, SMOTEN) as `smote` and a EditedNearestNeighbours as
 * `enn`; here any over-sampler of the library (BorderlineSMOTE, ADASYN…) and any sampler.
 *
 * A SMOTEENN with a custom step cannot be written to JSON (the step is an object); in a
 * {@link Pipeline}, two steps (`SMOTE`, then `EditedNearestNeighbours`) serialize.
 *
 * @throws {@link InvalidParameterError} for an unknown option, a `smote` that is not an
 * over-sampler, an `enn` without `fitResample`, or `samplingStrategy` / `seed` with a custom
 * `smote`.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new SMOTEENN({ seed: 0 }).fitResample(X, y);
 * ```
 * @see Batista, Prati, Monard (2004). A study of the behavior of several methods for balancing
 * machine learning training data. SIGKDD Explorations 6(1):20–29.
 * @see imbalanced-learn's `imblearn.combine.SMOTEENN`.
 */
export class SMOTEENN extends CombinedSampler<SMOTEENNParams> {
  /**
   * @param options - `samplingStrategy`, `seed`, `smote`, `enn`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: SMOTEENNOptions = {}) {
    super('SMOTEENN', options, 'enn');
  }

  /**
   * Rebuilds a SMOTEENN from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): SMOTEENN {
    return Sampler.loadJSON(json, 'SMOTEENN', SMOTEENN);
  }

  protected cleaner(): SamplerLike {
    return this.params.enn ?? new EditedNearestNeighbours({ samplingStrategy: 'all' });
  }
}
