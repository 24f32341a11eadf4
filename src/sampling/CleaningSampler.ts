import type { ResampleResult } from '../core/contracts.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import type { RowSource } from '../core/rowSource.js';
import type { Envelope } from '../core/serialization.js';
import { Sampler, type SamplerParams } from './Sampler.js';
import { inInputOrder } from './cleaningOutput.js';
import { type CleaningStrategy, checkCleaningOptions, cleaningToJSON } from './cleaningStrategy.js';

/** What a concrete cleaning sampler passes to the {@link CleaningSampler} constructor. @internal */
export interface CleaningConfig {
  /** The class name (messages, JSON format). */
  readonly name: string;
  /** The names of the sampler's own options (those of its params besides the strategy and seed). */
  readonly options: ReadonlyArray<string>;
  /** Whether the sampler draws random numbers and so accepts `seed`. */
  readonly seeded: boolean;
  /**
   * Whether `fitResample` returns the kept rows in input order (imbalanced-learn's order for
   * TomekLinks and NeighbourhoodCleaningRule) rather than class by class.
   * @defaultValue false
   */
  readonly inputOrder?: boolean;
}

/**
 * The template of the cleaning under-samplers (TomekLinks, the edited-nearest-neighbour family,
 * NeighbourhoodCleaningRule, CondensedNearestNeighbour, OneSidedSelection): options checked as
 * {@link CleaningStrategy} targets, a list strategy written to JSON as the list, and, where the
 * rule says so, the output in input order. @internal
 *
 * @typeParam P - The concrete params.
 * @typeParam O - The concrete options.
 * @typeParam Extra - What the hook adds to `fitted`.
 */
export abstract class CleaningSampler<
  P extends SamplerParams,
  O extends { samplingStrategy?: CleaningStrategy; seed?: number },
  Extra extends object = object,
> extends Sampler<P, Extra> {
  private readonly inputOrder: boolean;
  /** The cleaning hooks keep no view of `ctx.data`: the output may reuse the copy of X. @internal */
  protected override readonly reusesInputCopy: boolean = true;

  /**
   * @param config - Name, own option names, whether seeded, the output order.
   * @param options - The user's options.
   * @param own - Validates the sampler's own options (the checked options object is passed).
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  protected constructor(config: CleaningConfig, options: O | undefined, own: (o: O) => Omit<P, keyof SamplerParams>) {
    const { o, base } = checkCleaningOptions(config.name, options, config.options, config.seeded);
    super({ name: config.name, type: 'under-sampling', seeded: config.seeded, options: config.options }, base, own(o));
    this.inputOrder = config.inputOrder ?? false;
  }

  /**
   * The JSON form of the options (a list `samplingStrategy` is written as the list).
   * @throws {@link SerializationError} when a custom `neighbors` search is set.
   */
  override toJSON(): Envelope {
    return cleaningToJSON(this);
  }

  /**
   * Removes the rows the rule finds; the kept rows come class by class in sorted class order, or in
   * input order for the samplers whose imbalanced-learn counterpart keeps that order.
   * @throws {@link DataValidationError} for invalid `X` or `y`, a single class, a listed class absent
   * from `y`, or too few rows for the rule's neighbours.
   */
  override fitResample(X: MatrixInput | RowSource, y: ReadonlyArray<Label>): ResampleResult {
    const result = super.fitResample(X, y);
    return this.inputOrder ? inInputOrder(result) : result;
  }
}
