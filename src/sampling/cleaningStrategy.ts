import { describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { Envelope } from '../core/serialization.js';
import { checkLabelList, checkOptions, invalid, isPlainObject } from '../core/validate.js';
import { Sampler, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { resolveSamplingStrategy, type SamplingStrategy, type SamplingStrategyFunction } from './samplingStrategy.js';

/** The named targets a cleaning sampler accepts (imbalanced-learn's, without `'minority'`). */
export type CleaningStrategyName = 'auto' | 'majority' | 'not minority' | 'not majority' | 'all';

/**
 * Which classes a cleaning sampler (TomekLinks, the edited-nearest-neighbour family,
 * NeighbourhoodCleaningRule, CondensedNearestNeighbour, OneSidedSelection) may remove rows from:
 * a name, or a list of class labels — exactly imbalanced-learn's `sampling_strategy` for its
 * cleaning methods.
 *
 * @remarks
 * `'auto'` = `'not minority'`. The minority (majority) is the class with the fewest (most) rows,
 * ties going to the first class in sorted order. A cleaning sampler removes as many rows as its
 * rule says, so there are no target counts: a ratio, a Map or a function is refused with an
 * {@link InvalidParameterError} (imbalanced-learn refuses a ratio and a dict too, and a callable
 * must return a dict). A list naming a class absent from `y` is refused by `fitResample`.
 *
 * A list is held in `params.samplingStrategy` as a resolver function (the {@link Sampler} base's
 * strategy language has no lists) whose `classes` property is the list; `toJSON` writes the list.
 */
export type CleaningStrategy = CleaningStrategyName | ReadonlyArray<Label>;

/** A class list handed to the Sampler base: a resolver with the list attached. @internal */
export interface ClassListStrategy extends SamplingStrategyFunction {
  /** The targeted classes, as given. */
  readonly classes: ReadonlyArray<Label>;
}

const NAMES: ReadonlyArray<CleaningStrategyName> = ['auto', 'majority', 'not minority', 'not majority', 'all'];
const EXPECTED = `one of ${NAMES.map((n) => `'${n}'`).join(', ')} or a list of class labels`;

/**
 * Validates a cleaning sampler's `samplingStrategy` and returns what the Sampler base resolves:
 * the name itself, or a {@link ClassListStrategy} (every listed class, as imbalanced-learn, keyed
 * to the minority count). @internal
 */
export function checkCleaningStrategy(who: string, value: unknown): SamplingStrategy {
  if (value === undefined) return 'auto';
  if (typeof value === 'string') {
    if ((NAMES as ReadonlyArray<string>).includes(value)) return value as CleaningStrategyName;
    if (value === 'minority') {
      invalid(
        who,
        'samplingStrategy',
        EXPECTED,
        value,
        "'minority' cannot be used with a cleaning sampler (imbalanced-learn: \"'sampling_strategy'='minority' " +
          "cannot be used with under-sampler and clean-sampler.\"). Use 'all' or a list such as [minorityLabel].",
      );
    }
    return invalid(who, 'samplingStrategy', EXPECTED, value);
  }
  if (Array.isArray(value)) {
    const classes = Object.freeze(checkLabelList(who, 'samplingStrategy', value, { nonEmpty: false }));
    const resolve = (counts: ReadonlyMap<Label, number>) => {
      let nMin = Infinity;
      for (const n of counts.values()) if (n < nMin) nMin = n;
      return new Map(classes.map((c) => [c, nMin]));
    };
    return Object.assign(resolve, { classes }) as ClassListStrategy;
  }
  return invalid(who, 'samplingStrategy', EXPECTED, value, refusalFix(value));
}

/**
 * Checks a cleaning sampler's options object — its own option names `own`, `samplingStrategy`,
 * and `seed` only when `seeded` (CondensedNearestNeighbour, OneSidedSelection draw seed rows; the
 * six deterministic samplers refuse `seed` as an unknown option, as imbalanced-learn gives them no
 * `random_state`, although the Sampler base would accept one) — and returns it with the options the
 * Sampler base is given: the strategy as {@link checkCleaningStrategy} makes it, and the seed.
 * @internal
 */
export function checkCleaningOptions<O extends { samplingStrategy?: CleaningStrategy; seed?: number }>(
  who: string,
  options: O | undefined,
  own: ReadonlyArray<string>,
  seeded: boolean,
): { o: O; base: SamplerOptions } {
  const o = checkOptions(who, options, [...own, 'samplingStrategy', ...(seeded ? ['seed'] : [])]);
  const base: SamplerOptions = { samplingStrategy: checkCleaningStrategy(who, o.samplingStrategy) };
  if (o.seed !== undefined) base.seed = o.seed;
  return { o, base };
}

/** Why a ratio, Map or function is refused, and what to pass instead. */
function refusalFix(value: unknown): string | undefined {
  if (value instanceof Map || isPlainObject(value)) {
    const keys = [...(value instanceof Map ? value.keys() : Object.keys(value))].map((k) => describe(k)).join(', ');
    return (
      'A cleaning sampler removes the rows its rule finds and has no target counts (imbalanced-learn: ' +
      "\"'sampling_strategy' as a dict for cleaning methods is not supported. Please give a list of the classes " +
      `to be targeted by the sampling."). Pass the classes as a list: [${keys}].`
    );
  }
  if (typeof value === 'number') {
    return (
      "A cleaning sampler has no ratio (imbalanced-learn: \"'clean-sampling' methods do let the user specify the " +
      'sampling ratio."). Pass a name or a list of classes.'
    );
  }
  if (typeof value === 'function') {
    return 'A function would return target counts, which cleaning samplers do not take. Pass a name or a list.';
  }
  return undefined;
}

/** The class list behind a resolver made by {@link checkCleaningStrategy}, if it is one. @internal */
export function classListOf(strategy: SamplingStrategy): ReadonlyArray<Label> | undefined {
  return typeof strategy === 'function' ? (strategy as Partial<ClassListStrategy>).classes : undefined;
}

/**
 * The JSON envelope of a cleaning sampler: the base's, with a class-list strategy written as the
 * list (which `fromJSON` hands back to the constructor). @internal
 */
export function cleaningToJSON(sampler: Sampler<SamplerParams>): Envelope {
  const classes = classListOf(sampler.params.samplingStrategy);
  if (classes === undefined) return Sampler.prototype.toJSON.call(sampler);
  const view = Object.create(sampler, {
    params: { value: { ...sampler.params, samplingStrategy: [...classes] } },
  }) as Sampler<SamplerParams>;
  return Sampler.prototype.toJSON.call(view);
}

/**
 * The classes a strategy targets for the given (current) class counts, sorted — what
 * imbalanced-learn's `check_sampling_strategy(…, 'clean-sampling')` keys are. @internal
 */
export function targetedClasses(who: string, strategy: SamplingStrategy, counts: ReadonlyMap<Label, number>): Label[] {
  return [...resolveSamplingStrategy(who, strategy, counts, [], 'under-sampling').keys()];
}

/**
 * The class imbalanced-learn's cleaning and prototype-selection algorithms call the minority:
 * the fewest rows, ties going to the class that appears **first in y** (`min(Counter(y))` follows
 * first appearance) — not the first in sorted order, which is what `'not minority'` spares.
 * @internal
 */
export function firstMinority(y: ReadonlyArray<Label>, counts: ReadonlyMap<Label, number>): Label {
  let nMin = Infinity;
  for (const n of counts.values()) if (n < nMin) nMin = n;
  for (const label of y) if (counts.get(label) === nMin) return label;
  throw new Error('firstMinority: y is empty.');
}

/** Class codes: each row's index into the sorted classes (`counts` is sorted). @internal */
export function classCodes(y: ReadonlyArray<Label>, counts: ReadonlyMap<Label, number>): Int32Array {
  const code = new Map<Label, number>();
  for (const c of counts.keys()) code.set(c, code.size);
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = code.get(y[i] as Label) as number;
  return out;
}

/** One flag per class code (sorted classes of `counts`): whether the class is in `targets`. @internal */
export function classMask(targets: Iterable<Label>, counts: ReadonlyMap<Label, number>): Uint8Array {
  const wanted = new Set(targets);
  const mask = new Uint8Array(counts.size);
  let c = 0;
  for (const label of counts.keys()) mask[c++] = wanted.has(label) ? 1 : 0;
  return mask;
}
