import type { Matrix } from 'ml-matrix';
import type { Label, MatrixInput } from '../core/matrix.js';
import { checkOptions, invalid } from '../core/validate.js';
import { RandomUnderSampler } from './RandomUnderSampler.js';
import type { SamplingStrategyFunction } from './samplingStrategy.js';

/** Options of {@link makeImbalance}. */
export interface MakeImbalanceOptions {
  /**
   * The rows to keep per class: a Map of counts (classes not named are kept whole), or a function
   * of the class counts returning one. Required.
   */
  samplingStrategy: ReadonlyMap<Label, number> | SamplingStrategyFunction;
  /** Seed of the draw; when omitted a fresh one is drawn. */
  seed?: number;
}

/** What {@link makeImbalance} returns. */
export interface MakeImbalanceResult {
  /** The kept rows. */
  X: Matrix;
  /** Their labels. */
  y: Label[];
}

const WHO = 'makeImbalance';

/**
 * Makes a data set imbalanced: keeps a random subset of given size of some classes — to test a
 * pipeline on harder versions of balanced data.
 *
 * @remarks
 * Exactly `new RandomUnderSampler({ samplingStrategy, seed }).fitResample(X, y)` without the
 * indices (imbalanced-learn's `make_imbalance` runs its RandomUnderSampler too): classes in sorted
 * order, the kept rows of a class in the order drawn, the others whole in input order. Counts
 * larger than a class are refused by the sampler (its error names it). imbalanced-learn's
 * `**kwargs` for a callable strategy: use a closure.
 *
 * @param X - The rows.
 * @param y - One label per row.
 * @param options - `samplingStrategy` (a Map or a function), `seed`.
 * @returns The kept rows and their labels.
 * @throws {@link InvalidParameterError} for an unknown option, or a `samplingStrategy` that is not
 * a Map or a function (imbalanced-learn refuses ratios and names here too).
 * @throws {@link DataValidationError} for invalid `X` or `y`, or counts the data cannot give.
 *
 * @example
 * ```ts
 * const { X: Xi, y: yi } = makeImbalance(X, y, { samplingStrategy: new Map([['b', 10]]), seed: 0 });
 * ```
 * @see imbalanced-learn's `imblearn.datasets.make_imbalance`.
 */
export function makeImbalance(
  X: MatrixInput,
  y: ReadonlyArray<Label>,
  options: MakeImbalanceOptions,
): MakeImbalanceResult {
  const o = checkOptions(WHO, options, ['samplingStrategy', 'seed']);
  const s = o.samplingStrategy as unknown;
  if (!(s instanceof Map) && typeof s !== 'function') {
    invalid(WHO, 'samplingStrategy', 'a Map of the counts to keep per class, or a function returning one', s);
  }
  const sampler = new RandomUnderSampler(
    o.seed === undefined
      ? { samplingStrategy: o.samplingStrategy }
      : { samplingStrategy: o.samplingStrategy, seed: o.seed },
  );
  const { X: Xr, y: yr } = sampler.fitResample(X, y);
  return { X: Xr, y: yr };
}
