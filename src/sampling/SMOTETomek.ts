import type { SamplerLike } from '../core/contracts.js';
import { CombinedSampler, type CombinedSamplerOptions, type CombinedSamplerParams } from './CombinedSampler.js';
import { TomekLinks } from './TomekLinks.js';
import { Sampler } from './Sampler.js';

/** Options of {@link SMOTETomek}. */
export interface SMOTETomekOptions extends CombinedSamplerOptions {
  /**
   * The cleaning step: any sampler (an object with `fitResample`).
   * @defaultValue `new TomekLinks({ samplingStrategy: 'all' })`
   */
  tomek?: SamplerLike;
}

/** The validated options of {@link SMOTETomek}. */
export interface SMOTETomekParams extends CombinedSamplerParams {
  /** The cleaning step, if given. */
  readonly tomek: SamplerLike | undefined;
}

/**
 * SMOTETomek: SMOTE, then the removal of Tomek links on the result — over-sample, then remove
 * both rows (original or new) of every pair of rows of different classes that are each other's
 * nearest neighbour.
 *
 * @remarks
 * Exactly `tomek.fitResample(smote.fitResample(X, y))`: with the defaults, SMOTE with this
 * sampler's `samplingStrategy` and `seed` (so `new SMOTETomek({ seed: 1 })` over-samples as
 * `new SMOTE({ seed: 1 })`), then `TomekLinks({ samplingStrategy: 'all' })`. Output in the
 * cleaning step's order (TomekLinks: input order, the new rows after the originals);
 * `sampleIndices` maps each row to its input row, `-1` for a synthetic one. `fitted.resampled`
 * holds the class counts after SMOTE, `fitted.counts` the final ones. Cleaning usually leaves the
 * classes unequal: it is meant to remove overlap, not to balance.
 *
 * imbalanced-learn 0.10 takes only a SMOTE (or SMOTENC, SMOTEN) as `smote` and a TomekLinks as
 * `tomek`; here any over-sampler of the library (BorderlineSMOTE, ADASYN…) and any sampler.
 *
 * A SMOTETomek with a custom step cannot be written to JSON (the step is an object); in a
 * {@link Pipeline}, two steps (`SMOTE`, then `TomekLinks`) serialize.
 *
 * @throws {@link InvalidParameterError} for an unknown option, a `smote` that is not an
 * over-sampler, an `tomek` without `fitResample`, or `samplingStrategy` / `seed` with a custom
 * `smote`.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new SMOTETomek({ seed: 0 }).fitResample(X, y);
 * ```
 * @see Batista, Bazzan, Monard (2003). Balancing training data for automated annotation of
 * keywords: a case study. WOB 2003:10–18.
 * @see imbalanced-learn's `imblearn.combine.SMOTETomek`.
 */
export class SMOTETomek extends CombinedSampler<SMOTETomekParams> {
  /**
   * @param options - `samplingStrategy`, `seed`, `smote`, `tomek`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: SMOTETomekOptions = {}) {
    super('SMOTETomek', options, 'tomek');
  }

  /**
   * Rebuilds a SMOTETomek from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): SMOTETomek {
    return Sampler.loadJSON(json, 'SMOTETomek', SMOTETomek);
  }

  protected cleaner(): SamplerLike {
    return this.params.tomek ?? new TomekLinks({ samplingStrategy: 'all' });
  }
}
